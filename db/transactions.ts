// Transactions on either engine. `writeTransaction(work)` runs `work` as one transaction: every query
// that `work` makes through db/queries/ (which asks getDb()) runs on it, because the transaction's
// query builder is bound to the async context (AsyncLocalStorage) for as long as `work` runs, and to
// nothing else. A writeTransaction inside another is a savepoint: its failure undoes its own part
// only, which the caller may catch (PostgreSQL aborts the whole transaction at a failed statement
// otherwise; SQLite would not, so both engines behave alike only with the savepoint).
import type Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { endTurnSnapshot, getConnection, inTransactionScope, postgresDb, runStatement, transactionScope, type Db, type PostgresConnection, type SqliteConnection } from './client';
import { isReadOnly, ReadOnlyError } from './read-only';

/**
 * SQLite's writer takes one transaction at a time; the others wait in turn on the connection's queue
 * (kept on the connection, which every copy of this module shares).
 */
function takeWriter(connection: SqliteConnection): Promise<() => void> {
  let release!: () => void;
  const turn = new Promise<void>((resolve) => (release = resolve));
  const ready = connection.writerQueue.then(() => release);
  connection.writerQueue = connection.writerQueue.then(() => turn);
  return ready;
}

const statements = new WeakMap<Database.Database, { begin: Database.Statement; commit: Database.Statement; rollback: Database.Statement }>();

function control(writer: Database.Database) {
  let s = statements.get(writer);
  if (!s) {
    s = { begin: writer.prepare('BEGIN IMMEDIATE'), commit: writer.prepare('COMMIT'), rollback: writer.prepare('ROLLBACK') };
    statements.set(writer, s);
  }
  return s;
}

async function sqliteTransaction<T>(connection: SqliteConnection, work: () => Promise<T> | T): Promise<T> {
  const release = await takeWriter(connection);
  try {
    const { writer, writerDb } = connection;
    const s = control(writer);
    // IMMEDIATE: the write lock is taken up front, so two writers (this process's and the CLI's) never
    // both read and then fail to upgrade.
    s.begin.run();
    try {
      const result = await inTransactionScope({ db: writerDb, sqlite: writer }, work);
      s.commit.run();
      // A read after this in the same turn must see the commit: the reader's snapshot may predate it.
      endTurnSnapshot(connection);
      return result;
    } catch (error) {
      if (writer.inTransaction) s.rollback.run();
      throw error;
    }
  } finally {
    release();
  }
}

async function postgresTransaction<T>(connection: PostgresConnection, work: () => Promise<T> | T): Promise<T> {
  const client = await connection.pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    try {
      const result = await inTransactionScope({ db: postgresDb(client), pg: client }, work);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true; // a client that cannot roll back is not given back to the pool
      }
      throw error;
    }
  } finally {
    client.release(broken);
  }
}

let savepoints = 0;

async function savepoint<T>(outer: Db, work: () => Promise<T> | T): Promise<T> {
  const name = sql.raw(`sp_${++savepoints}`);
  await runStatement(outer, sql`SAVEPOINT ${name}`);
  try {
    const result = await work();
    await runStatement(outer, sql`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await runStatement(outer, sql`ROLLBACK TO SAVEPOINT ${name}`);
    await runStatement(outer, sql`RELEASE SAVEPOINT ${name}`);
    throw error;
  }
}

/** Runs `work` as one transaction (a savepoint inside another); its result once committed. */
export async function writeTransaction<T>(work: () => Promise<T> | T): Promise<T> {
  const outer = transactionScope.getStore();
  if (outer) return savepoint(outer.db, work);
  const connection = getConnection();
  if (connection.engine === 'sqlite') return sqliteTransaction(connection, work);
  // SQLite's read-only mode is a pragma on the writer; PostgreSQL's is this process's flag (a standby
  // refuses writes by itself, with error 25006, which db/errors.ts reads as "unavailable").
  if (isReadOnly(connection)) throw new ReadOnlyError();
  return postgresTransaction(connection, work);
}
