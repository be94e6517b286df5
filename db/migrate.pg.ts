// Migrations on PostgreSQL: the committed db/migrations-pg/ (drizzle-kit, drizzle.pg.config.ts),
// applied by Drizzle's node-postgres migrator under a session advisory lock, so that several
// instances starting at once against one database migrate one after another: the first applies
// what is new, the others find nothing left to do. Without the lock two migrators both see an empty
// journal and both run CREATE TABLE (one fails, or worse, with a later migration, both apply it).
import { resolve } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Pool } from 'pg';
import { RATE_LIMIT_TABLE_DDL } from './rate-limits';
import { SETTINGS_TABLE_DDL } from './settings';

export const PG_MIGRATIONS_FOLDER = resolve(process.cwd(), 'db/migrations-pg');

/** The advisory lock's key (64-bit): "namecheck migrations". Any namecheck process migrating holds it. */
export const MIGRATION_LOCK_KEY = '7308604761466560365';

/** Applies the committed PostgreSQL migrations that this database has not seen yet (idempotent, one migrator at a time). */
export async function migratePostgres(pool: Pool, options: { migrationsFolder?: string } = {}): Promise<void> {
  const migrationsFolder = options.migrationsFolder ?? PG_MIGRATIONS_FOLDER;
  // One client for the lock, the migration and the unlock: advisory locks belong to a session.
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK_KEY]);
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
      // rate-limiter-flexible's table (db/rate-limits.ts): the library's own shape, so not in the
      // schemas, made here under the same lock so that instances starting at once never race on it.
      await client.query(RATE_LIMIT_TABLE_DDL);
      await client.query(SETTINGS_TABLE_DDL);
    } finally {
      try {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK_KEY]);
      } catch {
        // A session that cannot unlock is thrown away below: closing it releases the lock.
        broken = true;
      }
    }
  } catch (error) {
    broken = true;
    throw error;
  } finally {
    client.release(broken);
  }
}
