// Read-only mode for this thread's connection: every write answers 503 while reads go on. For
// operators (maintenance, a disk about to fill: SIGUSR2) and the reliability tests. SQLite: the
// writer's `PRAGMA query_only` (a write fails with SQLITE_READONLY). PostgreSQL: a flag that stops
// writeTransaction before it begins (a standby refuses writes by itself, with error 25006).
import { getConnection, type Connection } from './client';

/** A write refused because this process is in read-only mode (db/errors.ts: unavailable). */
export class ReadOnlyError extends Error {
  override name = 'ReadOnlyError';
  readonly code = 'NAMECHECK_READONLY';
  constructor() {
    super('the database is in read-only mode');
  }
}

const postgresReadOnly = new WeakSet<Connection>();

export function setReadOnly(readOnly: boolean, connection: Connection = getConnection()): void {
  if (connection.engine === 'sqlite') {
    connection.writer.pragma(`query_only = ${readOnly ? 1 : 0}`);
    return;
  }
  if (readOnly) postgresReadOnly.add(connection);
  else postgresReadOnly.delete(connection);
}

export function isReadOnly(connection: Connection = getConnection()): boolean {
  if (connection.engine === 'sqlite') return connection.writer.pragma('query_only', { simple: true }) === 1;
  return postgresReadOnly.has(connection);
}
