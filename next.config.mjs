import createNextIntlPlugin from 'next-intl/plugin';

// next-intl finds the request's language and catalogue here (no locale in the URL: lib/i18n/).
const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

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
