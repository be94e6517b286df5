import { resolve } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { getConnection, type Connection } from './client';

export const MIGRATIONS_FOLDER = resolve(process.cwd(), 'db/migrations');

/** Applies the committed migrations that this database has not seen yet (idempotent). */
export function migrateDatabase(connection: Connection = getConnection()): void {
  migrate(connection.db, { migrationsFolder: MIGRATIONS_FOLDER });
}
