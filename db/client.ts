// The process's connection to the database: which engine, where, how it is opened, when it closes.
// The only module that opens an engine's driver; db/queries/ asks it for the query builder of the
// moment (`getDb()`: the open transaction's, else the engine's), never for a driver of its own.
//
// SQLite (the embedded default): two connections per thread. The reader serves every read outside a
// write transaction and can write nothing (`query_only`): an accidental write outside a transaction
// fails at once instead of joining another request's. The writer runs the write transactions, one
// at a time (db/transactions.ts). With async code two requests interleave at every `await`; on one
// shared connection a read of the second would run inside, and see, the first one's uncommitted
// transaction.
// PostgreSQL: one pool (node-postgres), with connection and statement timeouts so that an engine that
// cannot be reached answers within seconds (a 503), and a transaction on a client of its own.
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import type { SQL } from 'drizzle-orm';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import pg from 'pg';
import { DatabaseUrlError, parseDatabaseUrl, type DatabaseTarget } from './database-url';
import * as sqliteSchema from './schema';
import * as pgSchema from './schema.pg';

/**
 * The query builder as db/queries/ sees it, on either engine: Drizzle's SQLite builder, typed as an
 * async one. On PostgreSQL the same calls build the same statements through the pg dialect, over
 * db/schema.pg.ts's tables (db/tables.ts); db/schema-parity.test.ts keeps the two schemas in step.
 * Queries end in `await` (never `.get()`, `.all()` or `.run()`, which only SQLite's builder has:
 * ESLint refuses them in db/queries/). See docs/decisions/010-two-engines.md.
 */
export type Db = BaseSQLiteDatabase<'async', unknown, typeof sqliteSchema>;
export type Sqlite = Database.Database;
export type Engine = DatabaseTarget['engine'];

export interface SqliteConnection {
  engine: 'sqlite';
  path: string;
  /** Reads outside a write transaction; `query_only`, so it cannot write. */
  reader: Sqlite;
  readerDb: Db;
  /** Write transactions, one at a time (db/transactions.ts). */
  writer: Sqlite;
  writerDb: Db;
  /** The writer's queue: the transaction waiting last resolves this when it ends (db/transactions.ts). */
  writerQueue: Promise<void>;
  /** True while the reader holds this event-loop turn's read transaction (turnReader). */
  inTurnSnapshot: boolean;
}

export interface PostgresConnection {
  engine: 'postgres';
  url: string;
  pool: pg.Pool;
  db: Db;
}

export type Connection = SqliteConnection | PostgresConnection;

export { DatabaseUrlError, parseDatabaseUrl, type DatabaseTarget } from './database-url';

let parsed: { url: string | undefined; target: DatabaseTarget } | undefined;

/** DATABASE_URL parsed (once per value): the engine and where. Throws DatabaseUrlError for a scheme namecheck does not serve. */
export function databaseTarget(url: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  if (parsed === undefined || parsed.url !== url) parsed = { url, target: parseDatabaseUrl(url) };
  return parsed.target;
}

/** The engine DATABASE_URL names. */
export function databaseEngine(): Engine {
  return databaseTarget().engine;
}

/** Where the database is, for a log line: the SQLite path, or the PostgreSQL URL without its password. */
export function databaseLabel(target: DatabaseTarget = databaseTarget()): string {
  if (target.engine === 'sqlite') return target.path;
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return url.toString();
}

/** `DATABASE_URL` as a SQLite file path; DatabaseUrlError when it names PostgreSQL. */
export function databasePath(url: string | undefined = process.env.DATABASE_URL): string {
  const target = databaseTarget(url);
  if (target.engine !== 'sqlite') throw new DatabaseUrlError('DATABASE_URL names PostgreSQL, which has no database file');
  return target.path;
}

export function openSqlite(path: string, options: { cacheMiB?: number } = {}): Sqlite {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // 32 MiB of page cache on the reader (SQLite's default is 2 MiB): at a million names most of the
  // check's index pages stay in memory instead of costing a read() each (docs/decisions/004-performance.md).
  sqlite.pragma(`cache_size = -${(options.cacheMiB ?? 32) * 1024}`);
  return sqlite;
}

export function connectSqlite(path: string): SqliteConnection {
  if (path === ':memory:') {
    // Two connections to one in-memory database need a shared cache; one connection is simpler and
    // enough for the throwaway uses of :memory: (nothing else can open it anyway).
    const sqlite = openSqlite(path);
    const db = drizzleSqlite(sqlite, { schema: sqliteSchema }) as unknown as Db;
    return { engine: 'sqlite', path, reader: sqlite, readerDb: db, writer: sqlite, writerDb: db, writerQueue: Promise.resolve(), inTurnSnapshot: false };
  }
  const writer = openSqlite(path, { cacheMiB: 8 });
  const reader = openSqlite(path);
  reader.pragma('query_only = 1');
  return {
    engine: 'sqlite',
    path,
    reader,
    readerDb: drizzleSqlite(reader, { schema: sqliteSchema }) as unknown as Db,
    writer,
    writerDb: drizzleSqlite(writer, { schema: sqliteSchema }) as unknown as Db,
    writerQueue: Promise.resolve(),
    inTurnSnapshot: false,
  };
}

/** node-postgres settings from the environment (README: Running several instances). */
export function poolSettings(env: NodeJS.ProcessEnv = process.env): pg.PoolConfig {
  const int = (name: string, fallback: number) => {
    const value = Number(env[name]);
    return Number.isInteger(value) && value > 0 ? value : fallback;
  };
  return {
    max: int('DATABASE_POOL_SIZE', 10),
    // An engine that cannot be reached is known within 2 s, a statement that hangs within 3 s: both
    // answer 503 with Retry-After well inside the contract's 5 s.
    connectionTimeoutMillis: int('DATABASE_CONNECT_TIMEOUT_MS', 2_000),
    statement_timeout: int('DATABASE_STATEMENT_TIMEOUT_MS', 3_000),
    query_timeout: int('DATABASE_STATEMENT_TIMEOUT_MS', 3_000) + 500,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    application_name: 'namecheck',
  };
}

/**
 * The server settings namecheck's sessions start with (libpq's `options`), after any the URL gives:
 * generic plans for prepared statements. Every hot statement is prepared (postgresRows names it) and
 * probes unique indexes by equality, so one plan serves every value; in the default mode PostgreSQL
 * planned the check's statement afresh on each execution (an array parameter made the generic plan
 * look costlier), 120 µs of server time a check against 38 µs (docs/decisions/004-performance.md).
 */
export function sessionOptions(url: string): string {
  let given: string | null = null;
  try {
    given = new URL(url).searchParams.get('options');
  } catch {
    // databaseTarget() validated the URL already; a URL that URL() cannot read keeps no options.
  }
  return [given, '-c plan_cache_mode=force_generic_plan'].filter(Boolean).join(' ');
}

function connectPostgres(url: string): PostgresConnection {
  const pool = new pg.Pool({ connectionString: url, ...poolSettings(), options: sessionOptions(url) });
  // A client that fails while idle in the pool (the server restarted, the network dropped) is thrown
  // away by the pool; without a listener that error would end the process.
  pool.on('error', (error) => {
    process.stderr.write(`[namecheck] database connection lost: ${(error as Error).message}\n`);
  });
  return { engine: 'postgres', url, pool, db: drizzlePg(pool, { schema: pgSchema }) as unknown as Db };
}

// One connection per thread, kept on globalThis so that hot reload in development, Next's own
// module copies and server.ts all share it.
const holder = globalThis as unknown as { __namecheckDb?: Connection };

function isOpen(connection: Connection): boolean {
  return connection.engine === 'postgres' ? !(connection.pool as unknown as { ending: boolean }).ending : connection.reader.open;
}

let tablesEngine: Engine | undefined;

/** db/tables.ts says which engine's tables it chose; a connection to the other engine is refused. */
export function registerTablesEngine(engine: Engine): void {
  tablesEngine = engine;
}

/** The connection to DATABASE_URL, opened on first use (and again after closeConnection). */
export function getConnection(): Connection {
  const current = holder.__namecheckDb;
  if (current && isOpen(current)) return current;
  const target = databaseTarget();
  if (tablesEngine !== undefined && tablesEngine !== target.engine) {
    throw new Error(`DATABASE_URL now names ${target.engine}, but this process chose ${tablesEngine}'s tables when it started: one process serves one engine`);
  }
  holder.__namecheckDb = target.engine === 'postgres' ? connectPostgres(target.url) : connectSqlite(target.path);
  return holder.__namecheckDb;
}

/** The SQLite connection; an error on PostgreSQL (for what only SQLite has: pragmas, VACUUM INTO). */
export function getSqlite(): SqliteConnection {
  const connection = getConnection();
  if (connection.engine !== 'sqlite') throw new Error('this needs SQLite; DATABASE_URL names PostgreSQL');
  return connection;
}

/** An open write transaction: its query builder, and the driver connection it runs on. */
export interface TransactionContext {
  db: Db;
  /** SQLite: the writer. */
  sqlite?: Sqlite;
  /** PostgreSQL: the pool's client that holds the transaction. */
  pg?: pg.PoolClient;
}

/**
 * The open write transaction, where there is one (db/transactions.ts sets it for the work it runs).
 * On globalThis, like the connection: under `npm run dev` server.ts and Next's bundle each load this
 * module, and both must see one transaction scope.
 */
const scopeHolder = globalThis as unknown as { __namecheckTransactionScope?: AsyncLocalStorage<TransactionContext>; __namecheckOpenScopes?: number };
export const transactionScope = (scopeHolder.__namecheckTransactionScope ??= new AsyncLocalStorage<TransactionContext>());

/**
 * Runs `work` inside the transaction's scope. When the last open scope ends, the scope is disabled
 * until the next: while any AsyncLocalStorage is enabled, Node 20 runs its hooks on every promise the
 * thread makes, transaction or not (about 2.5 µs of every check once anything had been written;
 * docs/decisions/004-performance.md). The count is on globalThis with the scope itself.
 */
export async function inTransactionScope<T>(context: TransactionContext, work: () => Promise<T> | T): Promise<T> {
  scopeHolder.__namecheckOpenScopes = (scopeHolder.__namecheckOpenScopes ?? 0) + 1;
  try {
    return await transactionScope.run(context, work);
  } finally {
    scopeHolder.__namecheckOpenScopes -= 1;
    if (scopeHolder.__namecheckOpenScopes === 0) transactionScope.disable();
  }
}

/** The query builder of the moment: the open transaction's, else the engine's (SQLite: the reader). */
export function getDb(): Db {
  const inTransaction = transactionScope.getStore();
  if (inTransaction) return inTransaction.db;
  const connection = getConnection();
  return connection.engine === 'postgres' ? connection.db : connection.readerDb;
}

// The real setImmediate, taken before any test can install fake timers: a turn's snapshot must end
// with the turn whatever a test does to the clock.
const afterThisTurn = globalThis.setImmediate;
const snapshotStatements = new WeakMap<Sqlite, { begin: Database.Statement; commit: Database.Statement }>();

function snapshotControl(reader: Sqlite) {
  let s = snapshotStatements.get(reader);
  if (!s) {
    s = { begin: reader.prepare('BEGIN'), commit: reader.prepare('COMMIT') };
    snapshotStatements.set(reader, s);
  }
  return s;
}

/**
 * The reader inside one read transaction per event-loop turn: the first read of a turn begins it and
 * the turn's end (setImmediate) or a commit by this thread's writer (endTurnSnapshot) ends it. Outside
 * a transaction SQLite takes and drops its shared lock for every statement (two fcntl and an fstat
 * each); a check makes three to five. Every request read in a turn arrived before the turn's first
 * read, so each sees the database as it was at its arrival or later; this thread's own commits end
 * the snapshot, so a read after a write in the same turn sees it (docs/decisions/004-performance.md).
 */
export function turnReader(connection: SqliteConnection): Sqlite {
  const { reader } = connection;
  if (!connection.inTurnSnapshot && reader !== connection.writer) {
    snapshotControl(reader).begin.run();
    connection.inTurnSnapshot = true;
    afterThisTurn(endTurnSnapshot, connection);
  }
  return reader;
}

/** Ends the reader's turn snapshot, if it holds one (the next read begins another). */
export function endTurnSnapshot(connection: SqliteConnection): void {
  if (!connection.inTurnSnapshot) return;
  connection.inTurnSnapshot = false;
  if (connection.reader.open && connection.reader.inTransaction) snapshotControl(connection.reader).commit.run();
}

/** SQLite's connection of the moment, for prepared statements: the transaction's writer, else the turn's reader. */
export function currentSqlite(connection: SqliteConnection): Sqlite {
  return transactionScope.getStore()?.sqlite ?? turnReader(connection);
}

/**
 * Rows of one raw PostgreSQL statement: on the open transaction's client, else on the pool as a
 * named prepared statement (parsed and planned once per connection).
 */
export async function postgresRows<T extends pg.QueryResultRow>(connection: PostgresConnection, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = transactionScope.getStore()?.pg;
  const result = client ? await client.query<T>({ name, text, values }) : await connection.pool.query<T>({ name, text, values });
  return result.rows;
}

/** A query builder over one pool client (a transaction's). */
export function postgresDb(client: pg.PoolClient): Db {
  return drizzlePg(client, { schema: pgSchema }) as unknown as Db;
}

/** Runs one statement that returns no rows, on either engine's builder (SQLite's `run`, pg's `execute`). */
export async function runStatement(db: Db, statement: SQL): Promise<void> {
  const pgDb = db as unknown as { execute?: (q: SQL) => Promise<unknown> };
  if (typeof pgDb.execute === 'function') await pgDb.execute(statement);
  else await db.run(statement);
}

/** True inside a write transaction. */
export function inWriteTransaction(): boolean {
  return transactionScope.getStore() !== undefined;
}

export async function closeConnection(): Promise<void> {
  const current = holder.__namecheckDb;
  holder.__namecheckDb = undefined;
  if (!current) return;
  if (current.engine === 'postgres') {
    await current.pool.end().catch(() => undefined);
    return;
  }
  endTurnSnapshot(current);
  if (current.writer.open) current.writer.close();
  if (current.reader.open) current.reader.close();
}

/** True once the database answers a query (the health check), within the pool's timeouts. */
export async function databaseAnswers(): Promise<boolean> {
  try {
    const connection = getConnection();
    if (connection.engine === 'postgres') await connection.pool.query('SELECT 1');
    else connection.reader.prepare('SELECT 1').get();
    return true;
  } catch {
    return false;
  }
}

/** The first row of a query's rows (the one row of a lookup by a unique key), or undefined. */
export function first<T>(rows: readonly T[]): T | undefined {
  return rows[0];
}

/** The one row a statement must return (an INSERT … RETURNING); an error if there is none. */
export function one<T>(rows: readonly T[]): T {
  if (rows.length === 0) throw new Error('the statement returned no row');
  return rows[0] as T;
}
