import { findAccountToken, markAccountTokenUsed, replaceAccountToken, type AccountTokenPurpose, type AccountTokenRecord } from '@/db/queries/account-tokens';
import { hashSecretToken, LINK_TOKEN_PATTERN, mintLinkToken } from '@/lib/auth/token-hash';
import { readConfig } from '@/lib/config';

// One-time links mailed to a person, by purpose: a password reset (`/reset/<token>`, one hour) and
// an address verification (`/verify/<token>`, one day). Only a token's SHA-256 is stored; a newer
// link of a purpose cancels the person's older unused ones; a link works once, before it expires.

const TTL_MS: Record<AccountTokenPurpose, number> = { reset: 60 * 60 * 1000, verify: 24 * 60 * 60 * 1000 };
const PATHS: Record<AccountTokenPurpose, string> = { reset: '/reset/', verify: '/verify/' };

export const RESET_LINK_TTL_MS = TTL_MS.reset;
export const VERIFY_LINK_TTL_MS = TTL_MS.verify;

export interface IssuedLink {
  /** the whole link, on the public origin (`APP_URL`); shown or mailed once, never stored */
  url: string;
  expiresAt: Date;
}

/** The link's address on the public origin, never on a request's Host (which the sender picks). */
export function linkUrl(purpose: AccountTokenPurpose, token: string): string {
  return `${readConfig().appUrl}${PATHS[purpose]}${token}`;
}

/** Issues a link inside the caller's transaction; the token is in the answer only. */
export async function issueAccountLink(
  userId: number,
  purpose: AccountTokenPurpose,
  now: number,
  email: string | null = null,
  { token, tokenHash } = mintLinkToken(),
): Promise<IssuedLink> {
  const expiresAt = new Date(now + TTL_MS[purpose]);
  await replaceAccountToken({ userId, purpose, tokenHash, expiresAt, email, createdAt: new Date(now) });
  return { url: linkUrl(purpose, token), expiresAt };
}

/** The link behind a token while it works (right purpose, unused, unexpired); otherwise null. */
export async function liveAccountLink(token: string, purpose: AccountTokenPurpose, now: number): Promise<AccountTokenRecord | null> {
  if (!LINK_TOKEN_PATTERN.test(token)) return null;
  const row = await findAccountToken(hashSecretToken(token));
  if (!row || row.purpose !== purpose || row.usedAt !== null || row.expiresAt.getTime() <= now) return null;
  return row;
}

/** Spends a link; call inside the transaction that decided it was live. */
export async function spendAccountLink(token: string, now: number): Promise<boolean> {
  return markAccountTokenUsed(hashSecretToken(token), new Date(now));
}
