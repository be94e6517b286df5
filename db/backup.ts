import { execFile } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { getConnection } from './client';

export interface BackupResult {
  bytes: number;
  /** SQLite: the copy's integrity check ("ok"); PostgreSQL: pg_restore's listing of the archive ("ok"). */
  integrity: string;
  /** How the copy was made. */
  method: 'vacuum-into' | 'pg_dump';
}

/** pg_dump was not found or failed: the message says how to back up instead. */
export class BackupError extends Error {
  override name = 'BackupError';
}

const run = promisify(execFile);

/**
 * An online backup to a new `file`. SQLite: `VACUUM INTO` copies one consistent snapshot (a single
 * read transaction, so writers in other processes neither block it nor make it start over), then the
 * copy gets an integrity check. PostgreSQL: `pg_dump --format=custom` (one consistent snapshot too),
 * then `pg_restore --list` reads the archive back.
 */
export async function backupTo(file: string): Promise<BackupResult> {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  const connection = getConnection();
  if (connection.engine === 'postgres') {
    const pgDump = process.env.PG_DUMP ?? 'pg_dump';
    try {
      await run(pgDump, ['--format=custom', '--no-owner', `--file=${resolve(file)}`, `--dbname=${connection.url}`], { maxBuffer: 16 * 1024 * 1024 });
      await run(process.env.PG_RESTORE ?? 'pg_restore', ['--list', resolve(file)], { maxBuffer: 64 * 1024 * 1024 });
    } catch (error) {
      const e = error as NodeJS.ErrnoException & { stderr?: string };
      const reason = e.code === 'ENOENT' ? `${pgDump} was not found` : (e.stderr ?? e.message).trim().split('\n')[0];
      throw new BackupError(
        `backup on PostgreSQL runs pg_dump, and it failed: ${reason}. Install the PostgreSQL client tools (apt-get install postgresql-client) ` +
          'or set PG_DUMP to pg_dump, or back up with your own pg_dump --format=custom "$DATABASE_URL".',
      );
    }
    return { bytes: statSync(resolve(file)).size, integrity: 'ok', method: 'pg_dump' };
  }
  connection.writer.prepare('VACUUM INTO ?').run(resolve(file));
  const copy = new Database(file, { readonly: true });
  try {
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    const bytes = Number(copy.pragma('page_count', { simple: true })) * Number(copy.pragma('page_size', { simple: true }));
    return { bytes, integrity, method: 'vacuum-into' };
  } finally {
    copy.close();
  }
}
