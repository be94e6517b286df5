// Raw SQL for the tests, on either engine: what a test reads or writes behind the domain's back (a
// row as stored, a race staged by hand). Placeholders are SQLite's `?`; on PostgreSQL they become
// $1, $2, … PostgreSQL's bigint and count(*) come back as strings; `testRows` gives them as numbers
// when they look like integers, so that one expectation holds on both engines.
import Database from 'better-sqlite3';
import pg from 'pg';
import { endTurnSnapshot, getConnection, type Connection } from '@/db/client';

// The real setImmediate, taken before a test can install fake timers.
const realSetImmediate = globalThis.setImmediate;
const nextTurn = () => new Promise<void>((resolve) => realSetImmediate(resolve));

function toPostgres(text: string): string {
  let n = 0;
  return text.replace(/\?/g, () => `$${++n}`);
}

function normalise(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = typeof value === 'string' && /^-?\d{1,15}$/.test(value) && key !== 'token_hash' ? Number(value) : value;
  return out;
}

/** The rows of `text` with `params` (a Date is stored as each engine stores times). */
export async function testRows<T = Record<string, unknown>>(text: string, params: unknown[] = [], connection: Connection = getConnection()): Promise<T[]> {
  if (connection.engine === 'postgres') {
    const result = await connection.pool.query(toPostgres(text), params);
    return result.rows.map(normalise) as T[];
  }
  // A Date is integer milliseconds on SQLite (the schema's timestamp_ms), timestamptz on PostgreSQL.
  const values = params.map((p) => (p instanceof Date ? p.getTime() : p));
  const statement = connection.writer.prepare(text);
  if (!statement.reader) {
    statement.run(...values);
    // As a commit by the app does (db/transactions.ts): a read after this one sees it.
    endTurnSnapshot(connection);
    return [];
  }
  return statement.all(...values) as T[];
}

/** The first row of `text`, or undefined. */
export async function testRow<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await testRows<T>(text, params))[0];
}

/** The first column of the first row (a count, say), as a number when it is one. */
export async function testValue(text: string, params: unknown[] = []): Promise<unknown> {
  const row = await testRow(text, params);
  return row === undefined ? undefined : Object.values(row)[0];
}

/** Runs a statement that returns nothing. */
export async function testRun(text: string, params: unknown[] = []): Promise<void> {
  await testRows(text, params);
}

/**
 * Runs a statement on a connection of its own, as another process would (the CLI, another
 * instance, Next's worker thread): a second SQLite connection to the file, or a new PostgreSQL client.
 * It returns in a later event-loop turn than the write.
 */
export async function testRunElsewhere(text: string, params: unknown[] = []): Promise<void> {
  const connection = getConnection();
  if (connection.engine === 'postgres') {
    const client = new pg.Client({ connectionString: connection.url });
    await client.connect();
    try {
      await client.query(toPostgres(text), params.map((p) => (p instanceof Date ? p.toISOString() : p)));
    } finally {
      await client.end();
    }
    return;
  }
  const other = new Database(connection.path);
  try {
    other.prepare(text).run(...params.map((p) => (p instanceof Date ? p.getTime() : p)));
  } finally {
    other.close();
  }
  // A request made after another process's write reaches this process in a later event-loop turn,
  // whose reads begin a snapshot of their own (db/client.ts, turnReader); so does the caller.
  await nextTurn();
}
