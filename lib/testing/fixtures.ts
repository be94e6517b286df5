// For the domain's unit tests: a fresh, migrated database per test file (vitest runs each file in its
// own process), on the engine the run is for: a SQLite file, or a database of its own on the run's
// throwaway PostgreSQL (vitest.config.ts's "postgres" project); and people and companies made through
// the app's own functions.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { HttpError } from '@/lib/http/problem';
import type { PlainResponse } from '@/lib/http/problem';
import { encode } from 'next-auth/jwt';
import { SESSION_USER_CLAIM, SESSION_VERSION_CLAIM } from '@/lib/auth/session-claims';
import { closeConnection, getConnection } from '@/db/client';
import { TABLES_ENGINE } from '@/db/tables';
import { createTestDatabase } from '@/db/testing/postgres';
import { testRows } from '@/db/testing/sql';
import { migrateDatabase } from '@/db/migrate';
import { CLI_ACTOR } from '@/lib/audit';
import { createCompany } from '@/lib/companies/companies';
import type { Role } from '@/lib/companies/roles';
import { addMember } from '@/lib/companies/members';
import { createUser } from '@/lib/accounts/users';
import type { Acting } from '@/lib/companies/access';

/** The engine this test process runs on (vitest.config.ts sets it per project). */
export const TEST_ENGINE = TABLES_ENGINE;

/**
 * A fresh, migrated database for this test file, and DATABASE_URL pointing at it. Returns a label
 * for it (the SQLite file's path, or the PostgreSQL database's name).
 */
export async function useFreshDatabase(prefix = 'namecheck-admin-'): Promise<string> {
  await closeConnection();
  if (TEST_ENGINE === 'postgres') {
    const database = await createTestDatabase(undefined, prefix.replace(/[^a-z0-9]/gi, '_').replace(/_+$/, ''));
    process.env.DATABASE_URL = database.url;
    await migrateDatabase(getConnection());
    return database.name;
  }
  const file = join(mkdtempSync(join(tmpdir(), prefix)), 'test.db');
  process.env.DATABASE_URL = `file:${file}`;
  await migrateDatabase(getConnection());
  return file;
}

export async function makeUser(username: string, options: { platformAdmin?: boolean; password?: string | null } = {}): Promise<Acting & { username: string }> {
  const user = await createUser(
    { username, password: options.password === undefined ? null : options.password, isPlatformAdmin: options.platformAdmin ?? false },
    CLI_ACTOR,
  );
  return { userId: user.id, username };
}

export async function makeCompany(name: string, slug: string): Promise<number> {
  return (await createCompany({ name, slug }, CLI_ACTOR)).id;
}

export async function addToCompany(companyId: number, username: string, role: Role = 'member', companyUsername?: string): Promise<void> {
  await addMember({ companyId, username, role, companyUsername }, CLI_ACTOR);
}

const TABLES = ['users', 'companies', 'memberships', 'invitations', 'api_tokens', 'audit_log', 'setup_tokens', 'account_tokens'];

/** Every table's rows, to prove that a refused call changed nothing. */
export async function snapshot(): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of TABLES) out[t] = await testRows(`SELECT * FROM ${t} ORDER BY ${t === 'memberships' ? 'company_id, user_id' : '1'}`);
  return out;
}

/**
 * A session cookie for `userId` as Auth.js would set it at sign-in (the claims of
 * lib/auth/session-claims.ts, the person's session version at that moment), signed with `secret`.
 */
export async function sessionCookieFor(userId: number, secret: string, sessionVersion = 0): Promise<string> {
  const name = 'authjs.session-token';
  const token = { [SESSION_USER_CLAIM]: userId, [SESSION_VERSION_CLAIM]: sessionVersion, sub: String(userId) };
  return `${name}=${await encode({ token, secret, salt: name })}`;
}

/** Runs `call`, which must throw an HttpError with `status` (and a message matching `message`); returns it. */
export async function refused(call: () => unknown, status: number, message?: RegExp): Promise<HttpError> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(status);
    if (message) expect((error as HttpError).message).toMatch(message);
    return error as HttpError;
  }
  throw new Error('expected the call to be refused');
}

/** The answer of an endpoint core, sync or async; a thrown problem as its status and problem body. */
export async function settle(call: () => PlainResponse | Promise<PlainResponse>): Promise<PlainResponse> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof HttpError) return { status: error.status, headers: error.headers, body: JSON.stringify(error.toBody()) };
    throw error;
  }
}
