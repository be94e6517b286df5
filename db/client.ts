// The process's one connection to the database: where it is, how it is opened, when it closes.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { DatabaseUrlError, parseDatabaseUrl, POSTGRES_NOT_YET, type DatabaseTarget } from './database-url';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema>;
export type Sqlite = Database.Database;
export interface Connection {
  path: string;
  sqlite: Sqlite;
  db: Db;
}

export { DatabaseUrlError, parseDatabaseUrl, type DatabaseTarget } from './database-url';

let parsed: { url: string | undefined; target: DatabaseTarget } | undefined;

/** DATABASE_URL parsed (once per value): the engine and where. Throws DatabaseUrlError for a scheme namecheck does not serve. */
export function databaseTarget(url: string | undefined = process.env.DATABASE_URL): DatabaseTarget {
  if (parsed === undefined || parsed.url !== url) parsed = { url, target: parseDatabaseUrl(url) };
  return parsed.target;
}

/**
 * `DATABASE_URL` as a SQLite file path: `file:./x.db`, `file:///abs/x.db`, a plain path, or `:memory:`.
 * A PostgreSQL URL is refused (DatabaseUrlError) until the storage boundary runs on PostgreSQL.
 */
export function databasePath(url: string | undefined = process.env.DATABASE_URL): string {
  const target = databaseTarget(url);
  if (target.engine !== 'sqlite') throw new DatabaseUrlError(POSTGRES_NOT_YET);
  return target.path;
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

/** True once the database answers a query (the health check). */
export function databaseAnswers(): boolean {
  try {
    getConnection().sqlite.prepare('SELECT 1').get();
    return true;
  } catch {
    return false;
  }
}
