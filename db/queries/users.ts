// Accounts in the database: the rows behind a person, found by id or by the canonical form of their
// global username. Callers decide the rules; these functions only read and write.
import { count, eq, sql } from 'drizzle-orm';
import { first, getDb, one } from '@/db/client';
import { companies, users } from '@/db/tables';
import { clearHoldsFor, insertLiveName, releaseLiveName } from '@/db/queries/global-names';
import type { User } from '@/db/schema';

export type { User };

/** The stored forms of a global username (all null for an account that exists only in a company). */
export interface UsernameColumns {
  username: string | null;
  usernameCanonical: string | null;
  similarityKey: string | null;
}

export interface NewUserRow extends UsernameColumns {
  /** The address as typed and its canonical (lower-cased) form, both or neither. */
  email?: { address: string; canonical: string } | null;
  passwordHash: string | null;
  isPlatformAdmin?: boolean;
}

/**
 * Inserts an account, and its global username (if any) as a live row of global_names: a canonical form
 * or similarity key in use or held fails on a unique index. Call inside a write transaction.
 */
export async function insertUser(row: NewUserRow, now: Date = new Date()): Promise<{ id: number; username: string | null }> {
  if (row.usernameCanonical !== null && row.similarityKey !== null) {
    await clearHoldsFor({ canonical: row.usernameCanonical, key: row.similarityKey }, null, now);
  }
  const inserted = await getDb()
    .insert(users)
    .values({
      username: row.username,
      usernameCanonical: row.usernameCanonical,
      similarityKey: row.similarityKey,
      email: row.email?.address ?? null,
      emailCanonical: row.email?.canonical ?? null,
      passwordHash: row.passwordHash,
      isPlatformAdmin: row.isPlatformAdmin ?? false,
    })
    .returning({ id: users.id, username: users.username })
    .then(one);
  if (row.username !== null && row.usernameCanonical !== null && row.similarityKey !== null) {
    await insertLiveName(inserted.id, { username: row.username, canonical: row.usernameCanonical, key: row.similarityKey });
  }
  return inserted;
}

export async function findUserById(id: number): Promise<User | undefined> {
  return getDb().select().from(users).where(eq(users.id, id)).then(first);
}

export async function findUserByCanonical(canonical: string): Promise<User | undefined> {
  return getDb().select().from(users).where(eq(users.usernameCanonical, canonical)).then(first);
}

/**
 * Gives an account another global username (its three stored forms together). The name it had is
 * held for it until `holdUntil` (null: holds off, free at once); a hold of its own on the new name or
 * a look-alike is taken back. Call inside a write transaction.
 */
export async function updateUsername(
  id: number,
  forms: { username: string; usernameCanonical: string; similarityKey: string },
  holdUntil: Date | null,
  now: Date = new Date(),
): Promise<{ id: number; username: string | null }> {
  await releaseLiveName(id, holdUntil);
  await clearHoldsFor({ canonical: forms.usernameCanonical, key: forms.similarityKey }, id, now);
  await insertLiveName(id, { username: forms.username, canonical: forms.usernameCanonical, key: forms.similarityKey });
  return getDb()
    .update(users)
    .set({ ...forms, updatedAt: now })
    .where(eq(users.id, id))
    .returning({ id: users.id, username: users.username })
    .then(one);
}

/** The account whose address has this canonical form, verified or not. */
export async function findUserByEmailCanonical(canonical: string): Promise<User | undefined> {
  return getDb().select().from(users).where(eq(users.emailCanonical, canonical)).then(first);
}

/**
 * A new password hash, and with it a new session version: every session signed in before it ends
 * (whoever sets the password: its owner, a reset link, a setup link). Returns the new version.
 */
export async function updatePasswordHash(id: number, passwordHash: string, at: Date = new Date()): Promise<number> {
  const row = await getDb()
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: at })
    .where(eq(users.id, id))
    .returning({ sessionVersion: users.sessionVersion })
    .then(first);
  if (!row) throw new Error(`no user ${id}`);
  return row.sessionVersion;
}

/** Ends every session of the person (signed in before now); returns the new version. */
export async function bumpSessionVersion(id: number): Promise<number> {
  const row = await getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .returning({ sessionVersion: users.sessionVersion })
    .then(first);
  if (!row) throw new Error(`no user ${id}`);
  return row.sessionVersion;
}

/** A new address (or none), not verified yet; a taken canonical form fails on its unique index. */
export async function updateEmail(id: number, email: { address: string; canonical: string } | null): Promise<void> {
  await getDb()
    .update(users)
    .set({ email: email?.address ?? null, emailCanonical: email?.canonical ?? null, emailVerifiedAt: null, updatedAt: new Date() })
    .where(eq(users.id, id))
    ;
}

export async function markEmailVerified(id: number, at: Date): Promise<void> {
  await getDb().update(users).set({ emailVerifiedAt: at }).where(eq(users.id, id));
}

/**
 * Deletes an account. Its global username is held (for nobody: the account is gone) until `holdUntil`,
 * or free at once (null). Call inside a write transaction.
 */
export async function deleteUser(id: number, holdUntil: Date | null): Promise<void> {
  await releaseLiveName(id, holdUntil);
  await getDb().delete(users).where(eq(users.id, id));
}

/** True while there is neither an account nor a company (a new database, before the demo seed). */
export async function isDatabaseEmpty(): Promise<boolean> {
  const db = getDb();
  const people = (await db.select({ n: count() }).from(users).then(first))?.n ?? 0;
  const firms = (await db.select({ n: count() }).from(companies).then(first))?.n ?? 0;
  return people + firms === 0;
}
