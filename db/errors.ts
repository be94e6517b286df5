/** True when SQLite refused a write because a UNIQUE index (or primary key) already holds the value. */
export function isUniqueViolation(error: unknown, index?: string): boolean {
  const e = error as { code?: unknown; message?: unknown } | null;
  if (!e || (e.code !== 'SQLITE_CONSTRAINT_UNIQUE' && e.code !== 'SQLITE_CONSTRAINT_PRIMARYKEY')) return false;
  return index === undefined || (typeof e.message === 'string' && e.message.includes(index));
}
