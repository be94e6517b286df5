import { findCompanyLogin, findMembership } from '@/db/queries/memberships';
import { findUserByCanonical, findUserById } from '@/db/queries/users';
import { verifyPassword } from '@/lib/auth/password';
import { canonicalUsername } from '@/lib/usernames';

export interface SignedInUser {
  id: number;
  username: string | null;
  companyId: number | null;
  companyUsername: string | null;
}

const MAX_FIELD = 1024;

/**
 * A global username and password, checked through the canonical form. Unknown names cost the same
 * hash as known ones, so the answer's timing says nothing about which names exist.
 */
export async function verifyGlobalLogin(username: string, password: string): Promise<SignedInUser | null> {
  const user = username.length <= MAX_FIELD ? findUserByCanonical(canonicalUsername(username, 'global')) : undefined;
  const ok = await verifyPassword(user?.passwordHash, password);
  if (!ok || !user) return null;
  return { id: user.id, username: user.username, companyId: null, companyUsername: null };
}

/** A company's own username (that company's only) and password. */
export async function verifyCompanyLogin(
  companySlug: string,
  companyUsername: string,
  password: string,
): Promise<SignedInUser | null> {
  const row =
    companyUsername.length <= MAX_FIELD && companySlug.length <= MAX_FIELD
      ? findCompanyLogin(companySlug.toLowerCase(), canonicalUsername(companyUsername, 'company'))
      : undefined;
  const ok = await verifyPassword(row?.passwordHash, password);
  if (!ok || !row) return null;
  return { id: row.userId, username: row.username, companyId: row.companyId, companyUsername: row.companyUsername };
}

/**
 * The name a session shows, read fresh: the company username for a company sign-in, otherwise the
 * global username. Null when the account no longer exists.
 */
export function currentSessionName(userId: number, companyId: number | null): string | null | undefined {
  const user = findUserById(userId);
  if (!user) return undefined;
  if (companyId === null) return user.username;
  return findMembership(companyId, userId)?.companyUsername ?? user.username;
}
