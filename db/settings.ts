// Settings that every instance must share and that no migration can know in advance, on PostgreSQL:
// today the generated AUTH_SECRET. A table of the app's own (name, value), created with the rate
// limits' table under the migration lock (db/migrate.pg.ts). SQLite keeps its secret in a file beside
// the database (lib/auth/secret.ts): one machine, one file.
import { getConnection, postgresRows } from './client';

export const SETTINGS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS namecheck_settings (
  name text PRIMARY KEY,
  value text NOT NULL,
  created_at timestamp(3) with time zone NOT NULL DEFAULT now()
)`;

/**
 * The stored value of `name`, or `proposed` stored now if there was none: the first instance to ask
 * decides (INSERT … ON CONFLICT DO NOTHING), and every other gets that one. PostgreSQL only.
 */
export async function sharedSetting(name: string, proposed: string): Promise<string> {
  const connection = getConnection();
  if (connection.engine !== 'postgres') throw new Error('sharedSetting is for PostgreSQL; SQLite keeps its settings beside the file');
  await postgresRows(connection, 'settings-offer', 'INSERT INTO namecheck_settings (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, proposed]);
  const [row] = await postgresRows<{ value: string }>(connection, 'settings-read', 'SELECT value FROM namecheck_settings WHERE name = $1', [name]);
  return row!.value;
}
