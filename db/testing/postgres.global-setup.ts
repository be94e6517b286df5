// vitest's global setup (vitest.config.ts): one throwaway PostgreSQL for the whole run, its URL in
// TEST_POSTGRES_URL for the test files (each takes a database of its own: createTestDatabase()).
// No binaries: the run fails with how to install them, unless NAMECHECK_SKIP_POSTGRES=1 (then it
// says so, loudly, and the PostgreSQL tests report themselves skipped).
import { findPostgresBinaries, POSTGRES_MISSING, postgresSkipRequested, SKIP_ENV, startPostgres, URL_ENV } from './postgres';

export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (postgresSkipRequested()) {
    process.stderr.write(
      `\n${'!'.repeat(78)}\n!!! ${SKIP_ENV}=1: the PostgreSQL tests are SKIPPED; this run proves SQLite only.\n${'!'.repeat(78)}\n\n`,
    );
    delete process.env[URL_ENV];
    return;
  }
  const binaries = findPostgresBinaries();
  if (!binaries) throw new Error(POSTGRES_MISSING);
  const server = await startPostgres({ binaries });
  process.env[URL_ENV] = server.url;
  process.stderr.write(
    `[postgres] ${binaries.version} on 127.0.0.1:${server.port} for this run (initdb ${server.timings.initdb} ms, start ${server.timings.start} ms)\n`,
  );
  return async () => {
    const stopping = Date.now();
    await server.stop();
    process.stderr.write(`[postgres] stopped and deleted in ${Date.now() - stopping} ms\n`);
  };
}
