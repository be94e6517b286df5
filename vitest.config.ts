import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const ROOTS = ['lib', 'db', 'scripts', 'components'];

/** Every test file that takes a database of its own (lib/testing/fixtures.ts useFreshDatabase): these run on both engines. */
function databaseTests(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.ts') && readFileSync(path, 'utf8').includes('useFreshDatabase(')) found.push(path);
    }
  };
  for (const root of ROOTS) walk(root);
  return found;
}

const skipPostgres = process.env.NAMECHECK_SKIP_POSTGRES === '1';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
    // One throwaway PostgreSQL for the run (TEST_POSTGRES_URL); fails without its binaries unless
    // NAMECHECK_SKIP_POSTGRES=1 (db/testing/postgres.ts), which it then says loudly.
    globalSetup: ['./db/testing/postgres.global-setup.ts'],
    // next-auth imports `next/server` without the extension that Node's resolver needs outside Next;
    // transformed by Vite, its imports resolve (lib/auth/sessions.test.ts drives Auth.js itself).
    server: { deps: { inline: ['next-auth'] } },
    projects: [
      // Every test, on SQLite (the embedded default).
      { extends: true, test: { name: 'sqlite', include: ROOTS.map((r) => `${r}/**/*.test.ts`) } },
      // The domain and storage tests again, on PostgreSQL: each file takes a database of its own on
      // the run's server. DATABASE_URL names PostgreSQL from the start, so that db/tables.ts chooses
      // PostgreSQL's tables; useFreshDatabase() points it at the file's own database.
      ...(skipPostgres
        ? []
        : [{ extends: true as const, test: { name: 'postgres', include: databaseTests(), env: { DATABASE_URL: 'postgres://placeholder.invalid/namecheck' } } }]),
    ],
  },
});
