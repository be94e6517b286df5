// What the engines' errors mean to the domain, on either engine. Drizzle wraps a driver's error in
// DrizzleQueryError (the driver's error is its `cause`), so the chain of causes is read, not the top.

interface EngineError {
  code?: unknown;
  message?: unknown;
  table?: unknown;
  detail?: unknown;
  cause?: unknown;
}

function* causes(error: unknown): Generator<EngineError> {
  let current = error;
  for (let depth = 0; current && typeof current === 'object' && depth < 8; depth++) {
    yield current as EngineError;
    current = (current as EngineError).cause;
  }
}

/**
 * SQLite's and PostgreSQL's unique violations, in SQLite's words: "UNIQUE constraint failed:
 * users.username_canonical" (PostgreSQL's 23505 says its table and, in `detail`, its columns:
 * "Key (username_canonical)=(…) already exists.").
 */
function uniqueViolationText(e: EngineError): string | null {
  if (e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return typeof e.message === 'string' ? e.message : '';
  if (e.code !== '23505') return null;
  const table = typeof e.table === 'string' ? e.table : '';
  const columns = typeof e.detail === 'string' ? (/^Key \(([^)]*)\)=/.exec(e.detail)?.[1] ?? '') : '';
  return `UNIQUE constraint failed: ${columns
    .split(',')
    .map((c) => `${table}.${c.trim().replace(/^"|"$/g, '')}`)
    .join(', ')}`;
}

/**
 * True when the engine refused a write because a unique index (or primary key) already holds the
 * value; with `column`, only when that index covers it (`users.username_canonical`, or just
 * `username_canonical`): the race is decided by the index, and the answer names which one.
 */
export function isUniqueViolation(error: unknown, column?: string): boolean {
  for (const e of causes(error)) {
    const text = uniqueViolationText(e);
    if (text !== null) return column === undefined || text.includes(column);
  }
  return false;
}

// PostgreSQL's classes and codes that mean "not now": connection exceptions (08), insufficient
// resources (53), operator intervention (57: admin shutdown, crash shutdown, cannot connect now,
// and 57014, a statement cancelled by statement_timeout), read-only transactions (25006), and a
// serialization failure or deadlock (40001, 40P01) that a retry would get past.
const POSTGRES_UNAVAILABLE = /^(08|53|57)|^25006$|^40001$|^40P01$/;
// node-postgres's own words when it cannot reach or keep the server, and socket errors.
const CONNECTION_FAILURE = /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EPIPE|EAI_AGAIN)$/;
const DRIVER_FAILURE = /timeout exceeded when trying to connect|Connection terminated|Query read timeout|connection timeout|Client has encountered a connection error|Cannot use a pool after calling end/i;

/**
 * The engine's answers that mean "cannot write (or read) now": SQLite's full disk, read-only, busy,
 * locked, I/O error; PostgreSQL unreachable, shutting down, timed out, read-only (a standby);
 * this process's read-only mode. A 503 with Retry-After for the caller, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const e of causes(error)) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (/^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN)/.test(code)) return true;
    if (code === 'NAMECHECK_READONLY') return true;
    if (/^[0-9A-Z]{5}$/.test(code) && POSTGRES_UNAVAILABLE.test(code)) return true;
    if (CONNECTION_FAILURE.test(code)) return true;
    if (typeof e.message === 'string' && DRIVER_FAILURE.test(e.message)) return true;
  }
  return false;
}

/**
 * A write took a company username that is held for the company (given up by someone else, not yet
 * free): thrown by db/queries/memberships.ts after the write, so that the transaction rolls back.
 */
export class HeldNameError extends Error {
  constructor(readonly heldUntil: Date) {
    super('That company username is held for the company.');
    this.name = 'HeldNameError';
  }
}
