/** True when SQLite refused a write because a UNIQUE index (or primary key) already holds the value. */
export function isUniqueViolation(error: unknown, index?: string): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || (e.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY')) return false;
  return index === undefined || (typeof e.message === 'string' && e.message.includes(index));
}

/**
 * The engine's answers that mean "cannot write now" (full disk, read-only, busy, locked, I/O error):
 * a 503 with Retry-After for the caller, not a 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(FULL|READONLY|BUSY|LOCKED|IOERR|CANTOPEN)/.test(code);
}
