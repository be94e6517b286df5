import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { databaseEngine, databasePath } from '@/db/client';
import { sharedSetting } from '@/db/settings';

/** Where the generated secret is kept: beside the database file. */
export function secretPath(dbPath: string = databasePath()): string | null {
  return dbPath === ':memory:' ? null : `${dbPath}.auth-secret`;
}

/**
 * `AUTH_SECRET` from the environment, or one generated on first start and kept so that sessions
 * survive restarts: beside the SQLite file, or in the PostgreSQL database, where every instance finds
 * the same one (the first instance to start stores it). Sets `process.env.AUTH_SECRET` for Auth.js.
 */
export async function ensureAuthSecret(): Promise<string> {
  const fromEnv = process.env.AUTH_SECRET;
  if (fromEnv && fromEnv.length > 0) return fromEnv;
  if (databaseEngine() === 'postgres') {
    const secret = await sharedSetting('auth_secret', randomBytes(32).toString('base64url'));
    process.env.AUTH_SECRET = secret;
    return secret;
  }
  const file = secretPath();
  let secret: string;
  if (!file) {
    secret = randomBytes(32).toString('base64url');
  } else {
    secret = readSecret(file) ?? createSecret(file);
  }
  process.env.AUTH_SECRET = secret;
  return secret;
}

function readSecret(file: string): string | null {
  try {
    const value = readFileSync(file, 'utf8').trim();
    return value.length >= 32 ? value : null;
  } catch {
    return null;
  }
}

function createSecret(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  try {
    // 'wx': if another process created it first, keep theirs.
    writeFileSync(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch {
    const existing = readSecret(file);
    if (existing) return existing;
    throw new Error(`Cannot write the auth secret beside the database at ${file}`);
  }
}
