import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;
export interface Connection {
  path: string;
  sqlite: Sqlite;
  db: Db;
}

const DEFAULT_URL = 'file:./data/namecheck.db';

/** `DATABASE_URL` as a file path: `file:./x.db`, `file:///abs/x.db`, a plain path, or `:memory:`. */
export function databasePath(url: string | undefined = process.env.DATABASE_URL): string {
  const value = url && url.trim() !== '' ? url.trim() : DEFAULT_URL;
  if (value === ':memory:' || value === 'file::memory:') return ':memory:';
  let path = value;
  if (path.startsWith('file://')) path = decodeURIComponent(new URL(path).pathname);
  else if (path.startsWith('file:')) path = path.slice('file:'.length);
  path = path.split('?')[0] ?? path;
  return resolve(path);
}

export function openSqlite(path: string): Sqlite {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 32 MiB of page cache (SQLite's default is 2 MiB): at a million names most of the check's index
  // pages stay in memory instead of costing a read() each (docs/decisions/004-performance.md).
  sqlite.pragma('cache_size = -32768');
  return sqlite;
}

export function connect(path: string): Connection {
  const sqlite = openSqlite(path);
  return { path, sqlite, db: drizzle(sqlite, { schema }) };
}

// One connection per process, kept on globalThis so that hot reload in development, Next's own
// module copies and server.ts all share it.
const holder = globalThis as unknown as { __namecheckDb?: Connection };

/** The process's connection to DATABASE_URL, opened on first use (and again after closeConnection). */
export function getConnection(): Connection {
  const current = holder.__namecheckDb;
  if (current?.sqlite.open) return current;
  holder.__namecheckDb = connect(databasePath());
  return holder.__namecheckDb;
}

export function getDb(): Db {
  return getConnection().db;
}

export function closeConnection(): void {
  const current = holder.__namecheckDb;
  if (current?.sqlite.open) current.sqlite.close();
  holder.__namecheckDb = undefined;
}

/**
 * Runs `work` as one IMMEDIATE transaction: the write lock is taken up front, so two writers never
 * both read then fail to upgrade. better-sqlite3 is synchronous, so every Drizzle query inside
 * `work` runs on this transaction.
 */
export function writeTransaction<T>(work: (db: Db) => T, connection: Connection = getConnection()): T {
  return connection.sqlite.transaction(() => work(connection.db)).immediate();
}

type Snapshot = Database.Transaction<(work: () => unknown) => unknown>;
const snapshots = new WeakMap<Sqlite, Snapshot>();

/**
 * Runs `work`, which only reads, in one deferred read transaction: a check's lookups (token, name,
 * suggestions) see one snapshot and take SQLite's WAL read lock once. Outside a transaction SQLite
 * takes and drops that lock for every statement, three system calls each time. Inside an open
 * transaction it simply runs `work`.
 */
export function readSnapshot<T>(work: () => T, connection: Connection = getConnection()): T {
  const { sqlite } = connection;
  if (sqlite.inTransaction) return work();
  let snapshot = snapshots.get(sqlite);
  if (!snapshot) {
    snapshot = sqlite.transaction((run: () => unknown) => run());
    snapshots.set(sqlite, snapshot);
  }
  return snapshot.deferred(work) as T;
}

interface Generation {
  dataVersionStmt: Database.Statement<[], number>;
  totalChangesStmt: Database.Statement<[], number>;
  dataVersion: number;
  totalChanges: number;
  values: Map<string, unknown>;
}
const generations = new WeakMap<Sqlite, Generation>();
/** Entries a generation may hold before it starts over (unknown API tokens are remembered too). */
const MAX_CACHED = 10_000;

/**
 * `read()`'s value, kept per connection for as long as nothing has been written to the database:
 * no commit by another connection or process (`PRAGMA data_version`) and no row changed by this one
 * (`total_changes()`). Any write starts a new, empty generation, so a token revoked by any process
 * counts on the very next request. The two stamps are prepared statements that touch
 * no table (about 0.15 µs together, measured; the `pragma_data_version` table function re-prepares
 * its pragma on every call and costs 0.7 µs). Call it inside `readSnapshot`, so the stamps and a read
 * on a miss see the same snapshot. Cached values are shared: `read` should return something frozen.
 */
export function whileUnchanged<V>(bucket: string, key: string, read: () => V, sqlite: Sqlite = getConnection().sqlite): V {
  let generation = generations.get(sqlite);
  if (!generation) {
    generation = {
      dataVersionStmt: sqlite.prepare<[], number>('PRAGMA data_version').pluck(),
      totalChangesStmt: sqlite.prepare<[], number>('SELECT total_changes()').pluck(),
      dataVersion: -1,
      totalChanges: -1,
      values: new Map(),
    };
    generations.set(sqlite, generation);
  }
  const dataVersion = generation.dataVersionStmt.get()!;
  const totalChanges = generation.totalChangesStmt.get()!;
  if (dataVersion !== generation.dataVersion || totalChanges !== generation.totalChanges || generation.values.size >= MAX_CACHED) {
    generation.values.clear();
    generation.dataVersion = dataVersion;
    generation.totalChanges = totalChanges;
  }
  const id = `${bucket}\u0000${key}`;
  if (generation.values.has(id)) return generation.values.get(id) as V;
  const value = read();
  generation.values.set(id, value);
  return value;
}

/**
 * Read-only mode for this process's connection (`PRAGMA query_only`): every write fails with
 * SQLITE_READONLY, which the API answers with 503, while reads go on. For operators (maintenance,
 * a disk about to fill) and for the reliability tests.
 */
export function setReadOnly(readOnly: boolean, connection: Connection = getConnection()): void {
  connection.sqlite.pragma(`query_only = ${readOnly ? 1 : 0}`);
}

export function isReadOnly(connection: Connection = getConnection()): boolean {
  return connection.sqlite.pragma('query_only', { simple: true }) === 1;
}

/**
 * An online backup to a new `file`: `VACUUM INTO` copies one consistent snapshot (a single read
 * transaction, so writers in other processes neither block it nor make it start over), then the
 * copy gets an integrity check.
 */
export function backupTo(file: string, connection: Connection = getConnection()): { bytes: number; integrity: string } {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  connection.sqlite.prepare('VACUUM INTO ?').run(resolve(file));
  const copy = new Database(file, { readonly: true });
  try {
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    const bytes = Number(copy.pragma('page_count', { simple: true })) * Number(copy.pragma('page_size', { simple: true }));
    return { bytes, integrity };
  } finally {
    copy.close();
  }
}
