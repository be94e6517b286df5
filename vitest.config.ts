import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['{lib,db,scripts,components}/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    // One throwaway PostgreSQL for the run (TEST_POSTGRES_URL); fails without its binaries unless
    // NAMECHECK_SKIP_POSTGRES=1 (db/testing/postgres.ts).
    globalSetup: ['./db/testing/postgres.global-setup.ts'],
    // next-auth imports `next/server` without the extension that Node's resolver needs outside Next;
    // transformed by Vite, its imports resolve (lib/auth/sessions.test.ts drives Auth.js itself).
    server: { deps: { inline: ['next-auth'] } },
  },
});
