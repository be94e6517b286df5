// `npm run build`'s second step: server.ts and the lib/ code it runs, bundled into one ES module
// (dist/server.mjs) that `npm start` runs with plain node. No TypeScript loader at run time: tsx's
// loader thread and transform caches cost about 100 MB of RSS and a tenth of the CPU per request
// (docs/decisions/004-performance.md). Packages with native code, and Next itself, stay in
// node_modules.
import { build } from 'esbuild';

await build({
  // server.ts, and next-worker.ts, which server.ts starts as Next's worker thread.
  entryPoints: ['server.ts', 'next-worker.ts'],
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  tsconfig: 'tsconfig.json',
  external: ['next', 'better-sqlite3', '@node-rs/argon2'],
  // Bundled CommonJS packages may call require(); give the ES module one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);" },
  legalComments: 'linked',
  logLevel: 'warning',
});
