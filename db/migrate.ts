import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { endTurnSnapshot, getConnection, type Connection } from './client';
import { migratePostgres } from './migrate.pg';

export const MIGRATIONS_FOLDER = resolve(process.cwd(), 'db/migrations');

/**
 * Applies the committed migrations that this database has not seen yet (idempotent): SQLite's
 * db/migrations/ on the writer, PostgreSQL's db/migrations-pg/ under an advisory lock (several
 * instances starting at once migrate one after another).
 */
export async function migrateDatabase(connection: Connection = getConnection()): Promise<void> {
  if (connection.engine === 'postgres') {
    await migratePostgres(connection.pool);
    return;
  }
  migrate(connection.writerDb as unknown as BetterSQLite3Database, { migrationsFolder: MIGRATIONS_FOLDER });
  // A read after this in the same turn sees the new schema (db/client.ts, turnReader).
  endTurnSnapshot(connection);
}
