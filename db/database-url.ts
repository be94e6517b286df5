// DATABASE_URL, read in one place: which engine, and where. No database code here, so that
// drizzle.config.ts, drizzle.pg.config.ts and the process's start can all ask without opening anything.
import { resolve } from 'node:path';

export type DatabaseTarget = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

export const DEFAULT_DATABASE_URL = 'file:./data/namecheck.db';

const ACCEPTED =
  'file:./path.db, file:///absolute/path.db, a plain file path or :memory: for SQLite; postgres://… or postgresql://… for PostgreSQL';

/** A DATABASE_URL that namecheck does not serve. The message names the scheme only, never the URL (it may hold a password). */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

/**
 * `DATABASE_URL` as an engine and a place. SQLite: unset or empty (./data/namecheck.db), `file:./x.db`,
 * `file:///abs/x.db`, a plain path, `:memory:`. PostgreSQL: `postgres://…` or `postgresql://…`.
 * Any other scheme (mysql://, http://, sqlite://, …) is refused: before this, `postgres://host/db`
 * silently became a SQLite file under ./postgres:/host/db.
 */
export function parseDatabaseUrl(url: string | undefined, cwd: string = process.cwd()): DatabaseTarget {
  const value = url && url.trim() !== '' ? url.trim() : DEFAULT_DATABASE_URL;
  if (value === ':memory:' || value === 'file::memory:') return { engine: 'sqlite', path: ':memory:' };
  // A scheme is two or more letters before a colon (one letter would be a Windows drive).
  const scheme = /^([a-z][a-z0-9+.-]+):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') {
    if (!value.slice(scheme.length + 1).startsWith('//')) {
      throw new DatabaseUrlError(`DATABASE_URL: a ${scheme}: URL starts ${scheme}://, e.g. ${scheme}://user:password@host:5432/namecheck`);
    }
    return { engine: 'postgres', url: value };
  }
  if (scheme !== undefined && scheme !== 'file') {
    throw new DatabaseUrlError(`DATABASE_URL: namecheck does not serve "${scheme}:" databases. Use ${ACCEPTED}.`);
  }
  let path = value;
  if (path.startsWith('file://')) path = decodeURIComponent(new URL(path).pathname);
  else if (/^file:/i.test(path)) path = path.slice('file:'.length);
  path = path.split('?')[0] ?? path;
  return { engine: 'sqlite', path: resolve(cwd, path) };
}
