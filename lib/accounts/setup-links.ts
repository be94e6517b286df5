import { randomBytes } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { writeTransaction } from '@/db/transactions';
import { companies, memberships, setupTokens, users } from '@/db/schema';
import { hashPassword } from '@/lib/auth/password';
import { hashSecretToken } from '@/lib/auth/token-hash';
import { recordAudit } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';
import { passwordOrThrow } from '@/lib/accounts/users';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { setupPath, type SetupLink } from '@/lib/companies/import-format';

// One-time links by which a person whom a company admin created sets their own password: the admin
// never chooses or sees a password. Only the SHA-256 of a link's token is stored; a link works once,
// for SETUP_LINK_TTL_MS, and issuing a new one for a person cancels their older unused ones.

export const SETUP_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh token (32 random bytes), the hash to store, and when it stops working. */
export function mintSetupToken(now: number = Date.now()): { token: string; tokenHash: string; expiresAt: Date } {
  const token = randomBytes(32).toString('base64url');
  return { token, tokenHash: hashSecretToken(token), expiresAt: new Date(now + SETUP_LINK_TTL_MS) };
}

/** Issues a link for `userId` inside the caller's transaction; the token is in the answer only. */
export function issueSetupToken(db: Db, userId: number, now: number = Date.now()): { token: string; expiresAt: Date } {
  const { token, tokenHash, expiresAt } = mintSetupToken(now);
  db.delete(setupTokens).where(and(eq(setupTokens.userId, userId), isNull(setupTokens.usedAt))).run();
  db.insert(setupTokens).values({ tokenHash, userId, expiresAt }).run();
  return { token, expiresAt };
}

export function toSetupLink(companyUsername: string, issued: { token: string; expiresAt: Date }): SetupLink {
  return { companyUsername, path: setupPath(issued.token), expiresAt: issued.expiresAt.toISOString() };
}

/**
 * A new setup link for a member who has no password yet (the first link was lost or expired).
 * People who already have a password change it themselves; an admin cannot take over an account.
 */
export function reissueSetupLink(acting: Acting | null, companyId: number, userId: number): SetupLink {
  return writeTransaction((db) => {
    const access = authorizeCompanyAdmin(acting, companyId, db);
    const member = db
      .select({ username: users.username, passwordHash: users.passwordHash, companyUsername: memberships.companyUsername })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
      .get();
    if (!member) throw new HttpError('not_found', 'That person is not a member of this company.');
    if (member.passwordHash !== null) {
      throw new HttpError('conflict', 'This person has set a password already; a setup link is only for accounts without one.');
    }
    if (member.companyUsername === null) {
      throw new HttpError('conflict', 'Give this person a company username first: they sign in with it.');
    }
    const issued = issueSetupToken(db, userId);
    recordAudit(db, access.audit, {
      action: 'member.setup_link',
      companyId,
      target: member.username ?? member.companyUsername,
      details: { userId },
    });
    return toSetupLink(member.companyUsername, issued);
  });
}

interface LiveToken {
  userId: number;
  companyId: number;
  companyName: string;
  companySlug: string;
  companyUsername: string | null;
}

function liveToken(db: Db, token: string, now: number): LiveToken | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const row = db
    .select({
      userId: setupTokens.userId,
      expiresAt: setupTokens.expiresAt,
      usedAt: setupTokens.usedAt,
      companyId: companies.id,
      companyName: companies.name,
      companySlug: companies.slug,
      companyUsername: memberships.companyUsername,
    })
    .from(setupTokens)
    .innerJoin(memberships, eq(memberships.userId, setupTokens.userId))
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(eq(setupTokens.tokenHash, hashSecretToken(token)))
    .orderBy(memberships.createdAt)
    .get();
  if (!row || row.usedAt !== null || row.expiresAt.getTime() <= now) return null;
  return row;
}

export interface SetupLinkView {
  companyName: string;
  companySlug: string;
  companyUsername: string | null;
}

/** What the setup page shows for a link, or null when it is unknown, used or expired. */
export function describeSetupLink(token: string, now: number = Date.now()): SetupLinkView | null {
  const live = liveToken(getDb(), token, now);
  return live ? { companyName: live.companyName, companySlug: live.companySlug, companyUsername: live.companyUsername } : null;
}

export const SETUP_LINK_INVALID = 'This setup link has expired or has been used already. Ask your company admin for a new one.';

/** Sets the person's password and spends the link, once: a second use finds the link used. */
export async function completeSetup(token: string, password: string, now: number = Date.now()): Promise<SetupLinkView> {
  passwordOrThrow(password);
  if (!liveToken(getDb(), token, now)) throw new HttpError('not_found', SETUP_LINK_INVALID);
  const passwordHash = await hashPassword(password);
  return writeTransaction((db) => {
    // Decided again inside the transaction: two submissions of one link cannot both pass.
    const live = liveToken(db, token, now);
    if (!live) throw new HttpError('not_found', SETUP_LINK_INVALID);
    db.update(setupTokens).set({ usedAt: new Date(now) }).where(eq(setupTokens.tokenHash, hashSecretToken(token))).run();
    db.update(users).set({ passwordHash, updatedAt: new Date(now) }).where(eq(users.id, live.userId)).run();
    recordAudit(db, { userId: live.userId, label: live.companyUsername ?? `user #${live.userId}` }, {
      action: 'user.setup',
      companyId: live.companyId,
      target: live.companyUsername,
    });
    return { companyName: live.companyName, companySlug: live.companySlug, companyUsername: live.companyUsername };
  });
}
