import type Database from 'better-sqlite3';
import { getConnection, type Connection, type Sqlite } from './client';

/**
 * Runs `work` as one IMMEDIATE transaction: the write lock is taken up front, so two writers never
 * both read then fail to upgrade. better-sqlite3 is synchronous and the process has one connection,
 * so every query that `work` makes (through db/queries) runs on this transaction; a transaction
 * opened inside it is a savepoint.
 */
export function writeTransaction<T>(work: () => T, connection: Connection = getConnection()): T {
  return connection.sqlite.transaction(work).immediate();
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
