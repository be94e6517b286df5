import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { getConnection, type Connection } from './client';

/**
 * An online backup to a new `file`: `VACUUM INTO` copies one consistent snapshot (a single read
 * transaction, so writers in other processes neither block it nor make it start over), then the
 * copy gets an integrity check.
 */
export function backupTo(file: string, connection: Connection = getConnection()): { bytes: number; integrity: string } {
  mkdirSync(dirname(resolve(file)), { recursive: true });
  connection.sqlite.prepare('VACUUM INTO ?').run(resolve(file));
  const copy = new Database(file, { readonly: true });
  try {
    const integrity = String(copy.pragma('integrity_check', { simple: true }));
    const bytes = Number(copy.pragma('page_count', { simple: true })) * Number(copy.pragma('page_size', { simple: true }));
    return { bytes, integrity };
  } finally {
    copy.close();
  }
}
