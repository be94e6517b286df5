// A throwaway PostgreSQL for the tests: a cluster of its own, made from the machine's binaries
// (initdb and pg_ctl, PostgreSQL 15+) in a fresh temporary directory, on a free port of 127.0.0.1
// and a Unix socket in that directory only, trust authentication, fsync off; stopped and deleted
// after. Run as the postgres user when this process is root (initdb refuses root).
//
// - vitest: db/testing/postgres.global-setup.ts starts one per run and puts its URL in
//   TEST_POSTGRES_URL; a test file takes a database of its own with `createTestDatabase()`.
// - Playwright (or a script): `const pg = await startPostgres(); … await pg.stop();`.
//
// Nothing is skipped silently: without binaries the run fails and says how to install them, unless
// NAMECHECK_SKIP_POSTGRES=1 is set, and then every PostgreSQL test is reported as skipped, loudly.
import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

export const MIN_POSTGRES_MAJOR = 15;
export const SKIP_ENV = 'NAMECHECK_SKIP_POSTGRES';
export const URL_ENV = 'TEST_POSTGRES_URL';

export const POSTGRES_MISSING =
  `PostgreSQL ${MIN_POSTGRES_MAJOR}+ server binaries (initdb, pg_ctl) were not found (searched: NAMECHECK_POSTGRES_BIN if set, else \`pg_config --bindir\` and /usr/lib/postgresql/*/bin); ` +
  'the PostgreSQL tests start a throwaway server of their own from them. ' +
  'Install them with `apt-get install postgresql` (Debian/Ubuntu; the tests do not use its service), or point NAMECHECK_POSTGRES_BIN at a bin directory holding initdb and pg_ctl. ' +
  `To run without PostgreSQL on purpose, set ${SKIP_ENV}=1 (its tests are then reported as skipped).`;

export interface PostgresBinaries {
  bindir: string;
  major: number;
  version: string;
}

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:PORT/postgres: the superuser, trust authentication. */
  url: string;
  port: number;
  /** The temporary directory: the cluster (data/), its socket and its log (postgres.log). */
  dir: string;
  /** Milliseconds spent in initdb and in pg_ctl start. */
  timings: { initdb: number; start: number };
  stop(): Promise<void>;
  /** Stops the server and keeps its data (`pg_ctl stop -m MODE`): an outage, for a test. */
  shutDown(mode?: 'smart' | 'fast' | 'immediate'): Promise<void>;
  /** Starts it again after shutDown(), on the same data directory, port and settings. */
  startAgain(): Promise<void>;
}

export function postgresSkipRequested(env: Record<string, string | undefined> = process.env): boolean {
  return env[SKIP_ENV] === '1';
}

function majorOf(bindir: string): PostgresBinaries | null {
  const initdb = join(bindir, 'initdb');
  if (!existsSync(initdb) || !existsSync(join(bindir, 'pg_ctl'))) return null;
  try {
    const version = execFileSync(initdb, ['--version'], { encoding: 'utf8' }).trim();
    const major = Number(/\(PostgreSQL\)\s+(\d+)/.exec(version)?.[1]);
    return Number.isInteger(major) ? { bindir, major, version } : null;
  } catch {
    return null;
  }
}

/**
 * The newest PostgreSQL 15+ bin directory with initdb and pg_ctl: `pg_config --bindir`, or Debian's
 * /usr/lib/postgresql/<version>/bin. NAMECHECK_POSTGRES_BIN names one instead (and then only that
 * one: an explicit choice that does not hold the binaries is not replaced by another). Null if none.
 */
export function findPostgresBinaries(env: Record<string, string | undefined> = process.env, debianRoot = '/usr/lib/postgresql'): PostgresBinaries | null {
  const usable = (b: PostgresBinaries | null): b is PostgresBinaries => b !== null && b.major >= MIN_POSTGRES_MAJOR;
  if (env.NAMECHECK_POSTGRES_BIN) {
    const chosen = majorOf(env.NAMECHECK_POSTGRES_BIN);
    return usable(chosen) ? chosen : null;
  }
  const candidates: string[] = [];
  try {
    candidates.push(execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', env: { ...process.env, PATH: env.PATH }, stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    // no pg_config on PATH
  }
  try {
    candidates.push(...readdirSync(debianRoot).map((v) => join(debianRoot, v, 'bin')));
  } catch {
    // no Debian layout
  }
  return candidates.map(majorOf).filter(usable).sort((a, b) => b.major - a.major)[0] ?? null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** uid and gid of the postgres user, from /etc/passwd. */
function postgresUser(): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'));
  const [, , uid, gid] = line?.split(':') ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error('This process runs as root, and initdb refuses root, but there is no "postgres" user to run it as (apt-get install postgresql creates one).');
  }
  return { uid: Number(uid), gid: Number(gid) };
}

/**
 * Starts a throwaway cluster. `stop()` stops it (immediately: nothing in it is kept) and deletes its
 * directory; it also happens when this process exits without calling stop().
 */
export async function startPostgres(options: { binaries?: PostgresBinaries } = {}): Promise<TestPostgres> {
  const binaries = options.binaries ?? findPostgresBinaries();
  if (!binaries) throw new Error(POSTGRES_MISSING);
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'namecheck-pg-'));
  if (asRoot) {
    const { uid, gid } = postgresUser();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const log = join(dir, 'postgres.log');
  const as = (bin: string, args: string[]) => {
    const path = join(binaries.bindir, bin);
    return asRoot ? run('runuser', ['-u', 'postgres', '--', path, ...args]) : run(path, args);
  };
  const pgCtl = join(binaries.bindir, 'pg_ctl');
  let stopped = false;
  const stopNow = () => {
    if (stopped) return;
    stopped = true;
    try {
      const args = ['stop', '-D', data, '-m', 'immediate', '-w'];
      if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', pgCtl, ...args], { stdio: 'ignore' });
      else execFileSync(pgCtl, args, { stdio: 'ignore' });
    } catch {
      // not running
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopNow);

  const failed = (what: string, error: unknown): Error => {
    const e = error as { stderr?: string; stdout?: string; message?: string };
    let tail = '';
    try {
      tail = readFileSync(log, 'utf8').split('\n').slice(-20).join('\n');
    } catch {
      // no log yet
    }
    stopNow();
    process.removeListener('exit', stopNow);
    return new Error(`${what} failed (${binaries.version}): ${e.stderr || e.stdout || e.message}\n${tail}`);
  };

  const initStarted = Date.now();
  try {
    // --no-sync: the files need not reach the disk; --no-locale: byte-wise comparisons, as on SQLite.
    await as('initdb', ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync', '--no-instructions']);
  } catch (error) {
    throw failed('initdb', error);
  }
  const initdb = Date.now() - initStarted;

  const startStarted = Date.now();
  let port = 0;
  let settings = '';
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    settings = [
      `-p ${port}`,
      "-c listen_addresses='127.0.0.1'",
      `-c unix_socket_directories='${dir}'`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=200',
      "-c TimeZone='UTC'",
    ].join(' ');
    try {
      await as('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', settings]);
      break;
    } catch (error) {
      // Another process may have taken the port between freePort() and the start: try another.
      if (attempt < 3 && /could not bind|already in use/i.test(safeRead(log))) continue;
      throw failed('pg_ctl start', error);
    }
  }
  const start = Date.now() - startStarted;
  const watchdog = startWatchdog({ dir, data, pgCtl, asRoot });

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    dir,
    timings: { initdb, start },
    stop: async () => {
      process.removeListener('exit', stopNow);
      watchdog.kill();
      if (stopped) return;
      try {
        await as('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      } catch {
        // already stopped
      }
      stopped = true;
      rmSync(dir, { recursive: true, force: true });
    },
    shutDown: async (mode = 'fast') => {
      await as('pg_ctl', ['stop', '-D', data, '-m', mode, '-w']);
    },
    startAgain: async () => {
      await as('pg_ctl', ['start', '-D', data, '-l', log, '-w', '-t', '60', '-o', settings]);
    },
  };
}

// A process that is killed (SIGKILL, a closed pipe, a CI timeout) runs no exit handler: a small
// shell process of its own watches this one and, once it is gone, stops the cluster and deletes it.
const WATCHDOG = `
while kill -0 "$1" 2>/dev/null; do sleep 1; done
if [ "$5" = 1 ]; then runuser -u postgres -- "$4" stop -D "$3" -m immediate -w >/dev/null 2>&1
else "$4" stop -D "$3" -m immediate -w >/dev/null 2>&1; fi
rm -rf "$2"
`;

function startWatchdog(o: { dir: string; data: string; pgCtl: string; asRoot: boolean }): ChildProcess {
  const child = spawn('/bin/sh', ['-c', WATCHDOG, 'namecheck-pg-watchdog', String(process.pid), o.dir, o.data, o.pgCtl, o.asRoot ? '1' : '0'], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  return child;
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** `url` with another database name. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A fresh, empty database on the test server (TEST_POSTGRES_URL unless `adminUrl` is given), for
 * one test file: files run in parallel, each in a database of its own. `drop()` removes it.
 */
export async function createTestDatabase(
  adminUrl: string | undefined = process.env[URL_ENV],
  prefix = 'test',
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  if (!adminUrl) throw new Error(`${URL_ENV} is not set: run the tests through vitest (db/testing/postgres.global-setup.ts starts the server)`);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * For a PostgreSQL test file: the server's URL, or null when NAMECHECK_SKIP_POSTGRES=1 (then say
 * `describe.skipIf(url === null)`, and the skip is printed). Throws when neither is set, so that a
 * file run outside the global setup fails instead of passing without a server.
 */
export function testPostgresUrl(file: string): string | null {
  const url = process.env[URL_ENV];
  if (url) return url;
  if (postgresSkipRequested()) {
    process.stderr.write(`\n!!! ${SKIP_ENV}=1: SKIPPING the PostgreSQL tests of ${file} !!!\n\n`);
    return null;
  }
  throw new Error(`${URL_ENV} is not set: the vitest global setup (db/testing/postgres.global-setup.ts) starts PostgreSQL and sets it. ${POSTGRES_MISSING}`);
}

/** The database `name` on the server of `url`, created when it does not exist (the benchmark's own). */
export async function ensureDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
  return withDatabase(url, name);
}

/** How many rows `table` holds in the database of `url`; 0 when there is no such table (not migrated yet). */
export async function countRows(url: string, table: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ t: string | null }>('SELECT to_regclass($1) AS t', [table]);
    if (!rows[0]?.t) return 0;
    const counted = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "${table.replace(/"/g, '""')}"`);
    return Number(counted.rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}
