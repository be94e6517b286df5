import { chmodSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { findPostgresBinaries, startPostgres, testPostgresUrl } from './postgres';

const serverUrl = testPostgresUrl('db/testing/postgres.test.ts');

/** A bin directory whose initdb says it is `version`. */
function fakeBin(version: string): string {
  const bin = join(mkdtempSync(join(tmpdir(), 'namecheck-fakepg-')), 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'initdb'), `#!/bin/sh\necho "initdb (PostgreSQL) ${version}"\n`);
  writeFileSync(join(bin, 'pg_ctl'), '#!/bin/sh\nexit 0\n');
  chmodSync(join(bin, 'initdb'), 0o755);
  chmodSync(join(bin, 'pg_ctl'), 0o755);
  return bin;
}

describe('findPostgresBinaries', () => {
  const nowhere = { PATH: '/nonexistent' };
  const emptyRoot = mkdtempSync(join(tmpdir(), 'namecheck-nopg-'));

  it('finds nothing when there is no pg_config and no /usr/lib/postgresql/*/bin', () => {
    expect(findPostgresBinaries(nowhere, emptyRoot)).toBeNull();
  });

  it('takes PostgreSQL 15 or newer only, the newest first', () => {
    expect(findPostgresBinaries({ ...nowhere, NAMECHECK_POSTGRES_BIN: fakeBin('14.11') }, emptyRoot)).toBeNull();
    const bin16 = fakeBin('16.2');
    expect(findPostgresBinaries({ ...nowhere, NAMECHECK_POSTGRES_BIN: bin16 }, emptyRoot)).toMatchObject({ bindir: bin16, major: 16 });
  });

  it('uses NAMECHECK_POSTGRES_BIN alone when it is set, even if another would do', () => {
    expect(findPostgresBinaries({ ...process.env, NAMECHECK_POSTGRES_BIN: '/nonexistent/bin' })).toBeNull();
  });

  it.skipIf(serverUrl === null)("finds this machine's binaries", () => {
    expect(findPostgresBinaries()?.major).toBeGreaterThanOrEqual(15);
  });
});

describe.skipIf(serverUrl === null)('startPostgres', () => {
  it('serves on 127.0.0.1 and a socket in its own directory, fsync off, and stop() stops it and deletes the directory', async () => {
    const server = await startPostgres();
    let stopped = false;
    try {
      expect(server.url).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:\d+\/postgres$/);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      const setting = async (name: string) => (await client.query<{ v: string }>(`SELECT current_setting('${name}') AS v`)).rows[0]!.v;
      expect(await setting('listen_addresses')).toBe('127.0.0.1');
      expect(await setting('unix_socket_directories')).toBe(server.dir);
      expect(await setting('fsync')).toBe('off');
      expect(Number(await setting('server_version_num'))).toBeGreaterThanOrEqual(150000);
      await client.end();
      expect(existsSync(join(server.dir, 'data', 'PG_VERSION'))).toBe(true);
      await server.stop();
      stopped = true;
      expect(existsSync(server.dir)).toBe(false);
      const after = new pg.Client({ connectionString: server.url, connectionTimeoutMillis: 2_000 });
      await expect(after.connect()).rejects.toThrow();
    } finally {
      if (!stopped) await server.stop();
    }
  });
});
