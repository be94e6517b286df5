import { getConnection, type Connection } from './client';

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
