import { findCompanyLogin, findMembership } from '@/db/queries/memberships';
import { findUserByCanonical, findUserById } from '@/db/queries/users';
import { verifyPassword } from '@/lib/auth/password';
import { reportSignIn, signInWaitSeconds } from '@/lib/rate-limit';
import { companyUsernameRules } from '@/lib/companies/username-rules';
import { canonicalUsername, companyRuleViolation } from '@/lib/usernames';

export interface SignedInUser {
  id: number;
  username: string | null;
  companyId: number | null;
  companyUsername: string | null;
  /** the account's session version now: it goes on the session token (lib/auth/sessions.ts) */
  sessionVersion: number;
}

const MAX_FIELD = 1024;

/** A sign-in attempt's outcome: the person, a wrong pair, or a wait after failures in a row. */
export type SignInOutcome = { ok: true; user: SignedInUser } | { ok: false; waitSeconds: number | null };

interface Candidate {
  /** whose failures this attempt counts toward: the account, or the name when there is none */
  accountKey: string;
  passwordHash: string | null | undefined;
  user: SignedInUser | null;
}

async function globalCandidate(username: string): Promise<Candidate> {
  const canonical = username.length <= MAX_FIELD ? canonicalUsername(username, 'global') : null;
  const user = canonical === null ? undefined : (await findUserByCanonical(canonical));
  return {
    accountKey: user ? `user:${user.id}` : `global:${canonical ?? username.slice(0, MAX_FIELD)}`,
    passwordHash: user?.passwordHash,
    user: user ? { id: user.id, username: user.username, companyId: null, companyUsername: null, sessionVersion: user.sessionVersion } : null,
  };
}

async function companyCandidate(companySlug: string, companyUsername: string): Promise<Candidate> {
  const fits = companyUsername.length <= MAX_FIELD && companySlug.length <= MAX_FIELD;
  const slug = companySlug.slice(0, MAX_FIELD).toLowerCase();
  const canonical = fits ? canonicalUsername(companyUsername, 'company') : null;
  const found = canonical === null ? undefined : await findCompanyLogin(slug, canonical);
  // A company username that breaks the company's own rules (set after it was given) no longer signs
  // in: the same answer as a wrong pair, after the same (dummy) hash. The stored name is judged, so
  // typing it in another case does not lock a person out of a case-sensitive pattern.
  const row = found && !(await breaksCompanyRules(found.companyId, found.companyUsername)) ? found : undefined;
  return {
    accountKey: found ? `user:${found.userId}` : `company:${slug}:${canonical ?? companyUsername.slice(0, MAX_FIELD)}`,
    passwordHash: row?.passwordHash,
    user: row
      ? { id: row.userId, username: row.username, companyId: row.companyId, companyUsername: row.companyUsername, sessionVersion: row.sessionVersion }
      : null,
  };
}

async function breaksCompanyRules(companyId: number, companyUsername: string | null): Promise<boolean> {
  return companyUsername !== null && companyRuleViolation(companyUsername, await companyUsernameRules(companyId)) !== null;
}

/** The password check itself. Unknown names cost the same hash as known ones. */
async function verifyCandidate(candidate: Candidate, password: string): Promise<SignedInUser | null> {
  const ok = await verifyPassword(candidate.passwordHash, password);
  return ok && candidate.user ? candidate.user : null;
}

/**
 * A sign-in with the per-account throttle around the password check (lib/rate-limit.ts): an account
 * that failed five times in a row waits, whatever the IP; a success clears its failures. Unknown
 * names are counted under the name, so they wait exactly as accounts do.
 */
async function throttled(candidate: Candidate, password: string): Promise<SignInOutcome> {
  const waitSeconds = await signInWaitSeconds(candidate.accountKey);
  if (waitSeconds !== null) return { ok: false, waitSeconds };
  const user = await verifyCandidate(candidate, password);
  await reportSignIn(candidate.accountKey, user !== null);
  return user ? { ok: true, user } : { ok: false, waitSeconds: null };
}

/** Sign-in with a global username (checked through its canonical form) and password. */
export async function signInWithGlobalUsername(username: string, password: string): Promise<SignInOutcome> {
  return throttled(await globalCandidate(username), password);
}

/** Sign-in on a company's own page: that company's usernames only. */
export async function signInWithCompanyUsername(companySlug: string, companyUsername: string, password: string): Promise<SignInOutcome> {
  return throttled(await companyCandidate(companySlug, companyUsername), password);
}

/** A global username and password, without the throttle (for tests of what a password opens). */
export async function verifyGlobalLogin(username: string, password: string): Promise<SignedInUser | null> {
  return verifyCandidate(await globalCandidate(username), password);
}

/** A company's own username (that company's only) and password, without the throttle. */
export async function verifyCompanyLogin(companySlug: string, companyUsername: string, password: string): Promise<SignedInUser | null> {
  return verifyCandidate(await companyCandidate(companySlug, companyUsername), password);
}

/**
 * The name a session shows, read fresh: the company username for a company sign-in, otherwise the
 * global username. Null when the account no longer exists.
 */
export async function currentSessionName(userId: number, companyId: number | null): Promise<string | null | undefined> {
  const user = await findUserById(userId);
  if (!user) return undefined;
  if (companyId === null) return user.username;
  return (await findMembership(companyId, userId))?.companyUsername ?? user.username;
}
