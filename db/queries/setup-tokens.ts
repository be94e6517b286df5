// One-time setup links: only a token's hash is stored.
import { and, eq, isNull, sql } from 'drizzle-orm';
import { first, getDb } from '@/db/client';
import { companies, memberships, setupTokens, users } from '@/db/tables';

/** A person's new link; their older unused links stop working. */
export async function replaceSetupToken(userId: number, tokenHash: string, expiresAt: Date): Promise<void> {
  const db = getDb();
  await db.delete(setupTokens).where(and(eq(setupTokens.userId, userId), isNull(setupTokens.usedAt)));
  await db.insert(setupTokens).values({ tokenHash, userId, expiresAt });
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
export async function findSetupToken(tokenHash: string): Promise<SetupTokenRecord | undefined> {
  return getDb()
    .select({
      userId: setupTokens.userId,
      expiresAt: setupTokens.expiresAt,
      usedAt: setupTokens.usedAt,
      companyId: companies.id,
      companyName: companies.name,
      companySlug: companies.slug,
      companyUsername: memberships.companyUsername,
      companyOnlyWithoutPassword: sql<boolean>`${users.username} is null and ${users.passwordHash} is null and (select count(*) from ${memberships} m where m.user_id = ${users.id}) = 1`.mapWith(Boolean),
    })
    .from(setupTokens)
    .innerJoin(users, eq(users.id, setupTokens.userId))
    .innerJoin(memberships, eq(memberships.userId, setupTokens.userId))
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(eq(setupTokens.tokenHash, tokenHash))
    .orderBy(memberships.createdAt)
    .then(first);
}

/**
 * Spends a link, if nobody has: true for the one caller whose UPDATE found it unused. Two
 * transactions that both read it unused decide here (on PostgreSQL the second waits for the first's
 * row lock, then finds it used).
 */
export async function markSetupTokenUsed(tokenHash: string, at: Date): Promise<boolean> {
  const spent = await getDb()
    .update(setupTokens)
    .set({ usedAt: at })
    .where(and(eq(setupTokens.tokenHash, tokenHash), isNull(setupTokens.usedAt)))
    .returning({ tokenHash: setupTokens.tokenHash });
  return spent.length === 1;
}
