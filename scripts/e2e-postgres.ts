// `npm run test:e2e:pg`: the API specs (e2e/api/) and the username lifecycle's pages (LIFECYCLE_PAGES)
// again, with every server on PostgreSQL: a throwaway
// cluster from the machine's binaries (db/testing/postgres.ts), a database for the shared server and
// one for each spec that starts a server of its own (e2e/support/server.ts). Needs `npm run build`.
// NAMECHECK_SKIP_POSTGRES=1 skips it, loudly.
import { spawnSync } from 'node:child_process';
import { createTestDatabase, postgresSkipRequested, SKIP_ENV, startPostgres } from '@/db/testing/postgres';

if (postgresSkipRequested()) {
  process.stderr.write(`\n!!! ${SKIP_ENV}=1: the API specs on PostgreSQL are SKIPPED !!!\n\n`);
  process.exit(0);
}

/** The pages whose behaviour depends most on the engine's transactions: holds, releases, reserved rules. */
const LIFECYCLE_PAGES = ['e2e/pages/username-holds.spec.ts', 'e2e/admin/company-holds.spec.ts', 'e2e/admin/reserved-names.spec.ts'];

const server = await startPostgres();
let status = 1;
try {
  const shared = await createTestDatabase(server.url, 'e2e');
  process.stdout.write(`[e2e:pg] PostgreSQL on 127.0.0.1:${server.port}; the API specs and the lifecycle pages run against it\n`);
  const run = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', 'e2e/api', ...LIFECYCLE_PAGES, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: '1',
      E2E_ENGINE: 'postgres',
      E2E_DATABASE_URL: shared.url,
      E2E_POSTGRES_ADMIN_URL: server.url,
      E2E_OUTPUT_DIR: process.env.E2E_OUTPUT_DIR ?? './test-results/artifacts-pg',
    },
  });
  status = run.status ?? 1;
} finally {
  await server.stop();
}
process.exit(status);
