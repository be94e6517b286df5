import createNextIntlPlugin from 'next-intl/plugin';

// next-intl finds the request's language and catalogue here (no locale in the URL: lib/i18n/).
// `precompile`: the catalogues' ICU messages are compiled at build time, so the browser gets no ICU
// parser (about 9 kB gzip: /signup's first-load budget, docs/decisions/011-languages.md).
const withNextIntl = createNextIntlPlugin({
  requestConfig: './lib/i18n/request.ts',
  experimental: { messages: { path: './lib/i18n/messages', format: 'json', locales: 'infer', precompile: true } },
});

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The seed documents' clients POST to `/x/`; both forms reach the same handler with no redirect.
  // Read at build time, so changing it needs a rebuild.
  skipTrailingSlashRedirect: true,
  // Native modules stay outside the server bundle.
  serverExternalPackages: ['better-sqlite3', '@node-rs/argon2'],
  // A second build folder lets two builds (say, two developers' worktrees on one machine) not collide.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  poweredByHeader: false,
  reactStrictMode: true,
};

export default withNextIntl(nextConfig);
