// One-time setup links: only a token's hash is stored.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { companies, memberships, setupTokens, users } from '@/db/schema';

/** A person's new link; their older unused links stop working. */
export function replaceSetupToken(userId: number, tokenHash: string, expiresAt: Date): void {
  const db = getDb();
  db.delete(setupTokens).where(and(eq(setupTokens.userId, userId), isNull(setupTokens.usedAt))).run();
  db.insert(setupTokens).values({ tokenHash, userId, expiresAt }).run();
}

export interface SetupTokenRecord {
  userId: number;
  expiresAt: Date;
  usedAt: Date | null;
  companyId: number;
  companyName: string;
  companySlug: string;
  companyUsername: string | null;
  /** true while the account has no global username, no password and no other company */
  companyOnlyWithoutPassword: boolean;
}

/** A link by its token's hash, with the company the person joined first. */
export function findSetupToken(tokenHash: string): SetupTokenRecord | undefined {
  const row = getDb()
    .select({
      userId: setupTokens.userId,
      expiresAt: setupTokens.expiresAt,
      usedAt: setupTokens.usedAt,
      companyId: companies.id,
      companyName: companies.name,
      companySlug: companies.slug,
      companyUsername: memberships.companyUsername,
      companyOnlyWithoutPassword: sql<number>`${users.username} is null and ${users.passwordHash} is null and (select count(*) from ${memberships} m where m.user_id = ${users.id}) = 1`,
    })
    .from(setupTokens)
    .innerJoin(users, eq(users.id, setupTokens.userId))
    .innerJoin(memberships, eq(memberships.userId, setupTokens.userId))
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(eq(setupTokens.tokenHash, tokenHash))
    .orderBy(memberships.createdAt)
    .get();
  return row && { ...row, companyOnlyWithoutPassword: row.companyOnlyWithoutPassword === 1 };
}

export function markSetupTokenUsed(tokenHash: string, at: Date): void {
  getDb().update(setupTokens).set({ usedAt: at }).where(eq(setupTokens.tokenHash, tokenHash)).run();
}
