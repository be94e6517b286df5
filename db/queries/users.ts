// Accounts in the database: the rows behind a person, found by id or by the canonical form of their
// global username. Callers decide the rules; these functions only read and write.
import { count, eq } from 'drizzle-orm';
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
  email?: string | null;
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
      email: row.email ?? null,
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

export function updatePasswordHash(id: number, passwordHash: string, at: Date = new Date()): void {
  getDb().update(users).set({ passwordHash, updatedAt: at }).where(eq(users.id, id)).run();
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
