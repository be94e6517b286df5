// One-time links mailed to a person: password resets and email verifications. Only a token's hash
// is stored; the rules (how long a link lives, who may have one) are lib/accounts/'s.
import { and, desc, eq, isNull } from 'drizzle-orm';
import { first, getDb } from '@/db/client';
import { accountTokens } from '@/db/tables';

export type AccountTokenPurpose = 'reset' | 'verify';

export interface AccountTokenRecord {
  userId: number;
  purpose: AccountTokenPurpose;
  /** for a verification link: the address it was sent to */
  email: string | null;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

/** A person's new link of one purpose; their older unused links of that purpose stop working. */
export async function replaceAccountToken(row: { userId: number; purpose: AccountTokenPurpose; tokenHash: string; expiresAt: Date; email?: string | null; createdAt: Date }): Promise<void> {
  await deleteUnusedAccountTokens(row.userId, row.purpose);
  await getDb().insert(accountTokens)
    .values({ tokenHash: row.tokenHash, userId: row.userId, purpose: row.purpose, email: row.email ?? null, expiresAt: row.expiresAt, createdAt: row.createdAt })
    ;
}

/** Cancels a person's unused links of one purpose (a new password makes reset links moot). */
export async function deleteUnusedAccountTokens(userId: number, purpose: AccountTokenPurpose): Promise<void> {
  await getDb()
    .delete(accountTokens)
    .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose), isNull(accountTokens.usedAt)))
    ;
}

export async function findAccountToken(tokenHash: string): Promise<AccountTokenRecord | undefined> {
  return getDb()
    .select({
      userId: accountTokens.userId,
      purpose: accountTokens.purpose,
      email: accountTokens.email,
      expiresAt: accountTokens.expiresAt,
      usedAt: accountTokens.usedAt,
      createdAt: accountTokens.createdAt,
    })
    .from(accountTokens)
    .where(eq(accountTokens.tokenHash, tokenHash))
    .then(first);
}

/** When the person's newest link of this purpose was made, or null. */
export async function newestAccountTokenAt(userId: number, purpose: AccountTokenPurpose): Promise<Date | null> {
  return (
    (await getDb()
      .select({ createdAt: accountTokens.createdAt })
      .from(accountTokens)
      .where(and(eq(accountTokens.userId, userId), eq(accountTokens.purpose, purpose)))
      .orderBy(desc(accountTokens.createdAt))
      .then(first))?.createdAt ?? null
  );
}

/** Spends a link, if nobody has: true for the one caller whose UPDATE found it unused (see markSetupTokenUsed). */
export async function markAccountTokenUsed(tokenHash: string, at: Date): Promise<boolean> {
  const spent = await getDb()
    .update(accountTokens)
    .set({ usedAt: at })
    .where(and(eq(accountTokens.tokenHash, tokenHash), isNull(accountTokens.usedAt)))
    .returning({ tokenHash: accountTokens.tokenHash });
  return spent.length === 1;
}
