// Each dialect's schema and its committed migrations agree: `drizzle-kit generate`, run with the
// project's own config (drizzle.config.ts for SQLite, drizzle.pg.config.ts for PostgreSQL) against a
// temporary copy of the migrations folder, has nothing to write. A schema change without its
// migration (or a migration folder behind its schema) fails here, in `npm test`, with the SQL that
// is missing. The real folders are never touched. `npm run db:check` runs just this file.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import sqliteConfig from '../drizzle.config';
import pgConfig from '../drizzle.pg.config';

const ROOT = resolve(__dirname, '..');
const DRIZZLE_KIT = join(ROOT, 'node_modules/.bin/drizzle-kit');

const files = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

describe.each([
  { config: 'drizzle.config.ts', out: sqliteConfig.out!, generate: 'npm run db:generate' },
  { config: 'drizzle.pg.config.ts', out: pgConfig.out!, generate: 'npm run db:generate:pg' },
])('$config', ({ config, out, generate }) => {
  it(`has committed migrations (${out}) that match its schema`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'namecheck-migrations-'));
    try {
      const copy = join(dir, 'migrations');
      cpSync(join(ROOT, out), copy, { recursive: true });
      const before = files(copy);
      // The project's config with only `out` changed (drizzle-kit reads `out` relative to the working directory).
      const tempConfig = join(dir, 'drizzle.config.ts');
      writeFileSync(tempConfig, `import base from ${JSON.stringify(join(ROOT, config))};\nexport default { ...base, out: ${JSON.stringify(relative(ROOT, copy))} };\n`);
      const result = spawnSync(DRIZZLE_KIT, ['generate', '--config', tempConfig], {
        cwd: ROOT,
        encoding: 'utf8',
        // A rename question (a column dropped and another added) would wait for an answer forever.
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: 60_000,
        env: { ...process.env, DATABASE_URL: '' },
      });
      const output = `${result.stdout}${result.stderr}`;
      const added = files(copy).filter((f) => !before.includes(f));
      const sql = added
        .filter((f) => f.endsWith('.sql'))
        .map((f) => `-- ${f}\n${readFileSync(join(copy, f), 'utf8')}`)
        .join('\n');
      expect(
        { exitCode: result.status, added, sql },
        `${out} is behind ${config}'s schema: run \`${generate}\` and commit the migration.\n${output}`,
      ).toEqual({ exitCode: 0, added: [], sql: '' });
      expect(output).toContain('No schema changes, nothing to migrate');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
