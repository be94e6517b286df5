import { countMembershipsElsewhere, findMemberRecord } from '@/db/queries/memberships';
import { findSetupToken, markSetupTokenUsed, replaceSetupToken } from '@/db/queries/setup-tokens';
import { updatePasswordHash } from '@/db/queries/users';
import { writeTransaction } from '@/db/transactions';
import { hashPassword } from '@/lib/auth/password';
import { hashSecretToken, LINK_TOKEN_PATTERN, mintLinkToken } from '@/lib/auth/token-hash';
import { recordAudit } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';
import { passwordOrThrow } from '@/lib/accounts/users';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';

// One-time links by which a person whom a company admin created sets their own password: the admin
// never chooses or sees a password. Only the SHA-256 of a link's token is stored; a link works once,
// for SETUP_LINK_TTL_MS, and issuing a new one for a person cancels their older unused ones.

export interface SetupLink {
  companyUsername: string;
  /** A path on this site, `/setup/<token>`; the token is shown only in the answer that created it. */
  path: string;
  expiresAt: string;
}

export function setupPath(token: string): string {
  return `/setup/${token}`;
}

export const SETUP_LINK_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A fresh token (32 random bytes), the hash to store, and when it stops working. */
export function mintSetupToken(now: number = Date.now()): { token: string; tokenHash: string; expiresAt: Date } {
  return { ...mintLinkToken(), expiresAt: new Date(now + SETUP_LINK_TTL_MS) };
}

/** Issues a link for `userId` inside the caller's transaction; the token is in the answer only. */
export async function issueSetupToken(userId: number, now: number = Date.now()): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash, expiresAt } = mintSetupToken(now);
  await replaceSetupToken(userId, tokenHash, expiresAt);
  return { token, expiresAt };
}

export function toSetupLink(companyUsername: string, issued: { token: string; expiresAt: Date }): SetupLink {
  return { companyUsername, path: setupPath(issued.token), expiresAt: issued.expiresAt.toISOString() };
}

/**
 * A new setup link for a company-only account that has no password yet (the first link was lost or
 * expired). Only an account that exists inside this one company (no global username, no other
 * company) can get one from its admin: anyone else has an identity of their own, which no company
 * admin may take over by setting its password (issue 15, hole 1). People with a password change it
 * themselves.
 */
export async function reissueSetupLink(acting: Acting | null, companyId: number, userId: number): Promise<SetupLink> {
  return writeTransaction(async () => {
    const access = await authorizeCompanyAdmin(acting, companyId);
    const member = await findMemberRecord(companyId, userId);
    if (!member) throw new HttpError('not_found', 'That person is not a member of this company.');
    if (member.hasPassword) {
      throw new HttpError('conflict', 'This person has set a password already; a setup link is only for accounts without one.');
    }
    if (member.username !== null) {
      throw new HttpError(
        'conflict',
        'This person has a global account of their own: a setup link is only for accounts that exist only in this company.',
      );
    }
    if ((await countMembershipsElsewhere(userId, companyId)) > 0) {
      throw new HttpError('conflict', 'This account belongs to other companies too: a setup link is only for accounts that exist only in this company.');
    }
    if (member.companyUsername === null) {
      throw new HttpError('conflict', 'Give this person a company username first: they sign in with it.');
    }
    const issued = await issueSetupToken(userId);
    await recordAudit(access.audit, {
      action: 'member.setup_link',
      companyId,
      target: member.companyUsername,
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

async function liveToken(token: string, now: number): Promise<LiveToken | null> {
  if (!LINK_TOKEN_PATTERN.test(token)) return null;
  const row = await findSetupToken(hashSecretToken(token));
  if (!row || row.usedAt !== null || row.expiresAt.getTime() <= now) return null;
  // A link sets the first password of a company-only account, nothing else: one issued before that
  // rule (to a global account) or outlived by a password set another way does not work.
  if (!row.companyOnlyWithoutPassword) return null;
  return row;
}

export interface SetupLinkView {
  companyName: string;
  companySlug: string;
  companyUsername: string | null;
}

/** What the setup page shows for a link, or null when it is unknown, used or expired. */
export async function describeSetupLink(token: string, now: number = Date.now()): Promise<SetupLinkView | null> {
  const live = await liveToken(token, now);
  return live ? { companyName: live.companyName, companySlug: live.companySlug, companyUsername: live.companyUsername } : null;
}

export const SETUP_LINK_INVALID = 'This setup link has expired or has been used already. Ask your company admin for a new one.';

/**
 * Sets the person's password and spends the link, once: a second use finds the link used. A new
 * password ends every session of the person (updatePasswordHash bumps the session version).
 */
export async function completeSetup(token: string, password: string, now: number = Date.now()): Promise<SetupLinkView> {
  passwordOrThrow(password);
  if (!(await liveToken(token, now))) throw new HttpError('not_found', SETUP_LINK_INVALID);
  const passwordHash = await hashPassword(password);
  return writeTransaction(async () => {
    // Decided again inside the transaction: two submissions of one link cannot both pass.
    const live = await liveToken(token, now);
    if (!live) throw new HttpError('not_found', SETUP_LINK_INVALID);
    // The UPDATE decides between two submissions that both read the link unused.
    if (!(await markSetupTokenUsed(hashSecretToken(token), new Date(now)))) throw new HttpError('not_found', SETUP_LINK_INVALID);
    await updatePasswordHash(live.userId, passwordHash, new Date(now));
    await recordAudit({ userId: live.userId, label: live.companyUsername ?? `user #${live.userId}` }, {
      action: 'user.setup',
      companyId: live.companyId,
      target: live.companyUsername,
    });
    return { companyName: live.companyName, companySlug: live.companySlug, companyUsername: live.companyUsername };
  });
}
