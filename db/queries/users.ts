// Accounts in the database: the rows behind a person, found by id or by the canonical form of their
// global username. Callers decide the rules; these functions only read and write.
import { count, eq, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { companies, users, type User } from '@/db/schema';

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

/** Inserts an account; a taken canonical form or similarity key fails on its unique index. */
export function insertUser(row: NewUserRow): { id: number; username: string | null } {
  return getDb()
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
    .get();
}

export function findUserById(id: number): User | undefined {
  return getDb().select().from(users).where(eq(users.id, id)).get();
}

export function findUserByCanonical(canonical: string): User | undefined {
  return getDb().select().from(users).where(eq(users.usernameCanonical, canonical)).get();
}

/** Gives an account another global username (its three stored forms together). */
export function updateUsername(id: number, forms: UsernameColumns & { username: string }): { id: number; username: string | null } {
  return getDb()
    .update(users)
    .set({ ...forms, updatedAt: new Date() })
    .where(eq(users.id, id))
    .returning({ id: users.id, username: users.username })
    .get();
}

/** The account whose address has this canonical form, verified or not. */
export function findUserByEmailCanonical(canonical: string): User | undefined {
  return getDb().select().from(users).where(eq(users.emailCanonical, canonical)).get();
}

/**
 * A new password hash, and with it a new session version: every session signed in before it ends
 * (whoever sets the password: its owner, a reset link, a setup link). Returns the new version.
 */
export function updatePasswordHash(id: number, passwordHash: string, at: Date = new Date()): number {
  const row = getDb()
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: at })
    .where(eq(users.id, id))
    .returning({ sessionVersion: users.sessionVersion })
    .get();
  if (!row) throw new Error(`no user ${id}`);
  return row.sessionVersion;
}

/** Ends every session of the person (signed in before now); returns the new version. */
export function bumpSessionVersion(id: number): number {
  const row = getDb()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, id))
    .returning({ sessionVersion: users.sessionVersion })
    .get();
  if (!row) throw new Error(`no user ${id}`);
  return row.sessionVersion;
}

/** A new address (or none), not verified yet; a taken canonical form fails on its unique index. */
export function updateEmail(id: number, email: { address: string; canonical: string } | null): void {
  getDb()
    .update(users)
    .set({ email: email?.address ?? null, emailCanonical: email?.canonical ?? null, emailVerifiedAt: null, updatedAt: new Date() })
    .where(eq(users.id, id))
    .run();
}

export function markEmailVerified(id: number, at: Date): void {
  getDb().update(users).set({ emailVerifiedAt: at }).where(eq(users.id, id)).run();
}

export function deleteUser(id: number): void {
  getDb().delete(users).where(eq(users.id, id)).run();
}

/** True while there is neither an account nor a company (a new database, before the demo seed). */
export function isDatabaseEmpty(): boolean {
  const db = getDb();
  const people = db.select({ n: count() }).from(users).get()?.n ?? 0;
  const firms = db.select({ n: count() }).from(companies).get()?.n ?? 0;
  return people + firms === 0;
}
