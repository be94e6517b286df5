import { createHmac, timingSafeEqual } from 'node:crypto';
import { bumpSessionVersion, findUserById, type User } from '@/db/queries/users';
import { sessionUserId, sessionVersionOf } from '@/lib/auth/session-claims';

// Sessions are JWTs in a cookie, which the server cannot take back. What it can do is refuse them:
// each account has a session version (users.session_version), every token carries the version of
// its sign-in, and a token whose version is not the account's now is a signed-out visitor's. Both
// session readers ask `liveSessionUser` on every request: Auth.js's jwt callback (app/(auth)/auth.ts,
// behind every `auth()`) and the check endpoints' cookie decoder (lib/auth/session-cookie.ts).
// Signing out everywhere, a new password (changed, reset, or set through a setup link) and deleting
// the account change or remove the version, so every session signed in before that ends at once,
// on the next request, in every thread and for every reader.

/** The person a decoded session token names, while that session is still theirs; otherwise null. */
export async function liveSessionUser(claims: Readonly<Record<string, unknown>> | null | undefined): Promise<User | null> {
  const userId = sessionUserId(claims);
  if (userId === null) return null;
  const user = await findUserById(userId);
  if (!user) return null;
  return sessionVersionOf(claims) === user.sessionVersion ? user : null;
}

/** Ends every session of the person, this one too; call inside the transaction that makes the change. */
export async function endEverySession(userId: number): Promise<number> {
  return bumpSessionVersion(userId);
}

// After a password change the browser that made it stays signed in: the server re-issues its token
// with the new version (Auth.js's `unstable_update`, whose data reaches the jwt callback). The same
// update can be posted by any browser to /api/auth/session, so the jwt callback accepts a new
// version only with this proof, which is made in the server action and never leaves the process.
function proofFor(userId: number, version: number): Buffer {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error('AUTH_SECRET is not set');
  return createHmac('sha256', secret).update(`namecheck session reissue ${userId} ${version}`).digest();
}

/** What the server passes to `unstable_update` to move this browser's session to `version`. */
export function reissueRequest(userId: number, version: number): { sessionVersion: number; proof: string } {
  return { sessionVersion: version, proof: proofFor(userId, version).toString('base64url') };
}

/** The version an update asks for, if it carries the server's proof for this person; otherwise null. */
export function reissuedVersion(userId: number, update: unknown): number | null {
  if (typeof update !== 'object' || update === null) return null;
  const { sessionVersion, proof } = update as { sessionVersion?: unknown; proof?: unknown };
  if (typeof sessionVersion !== 'number' || !Number.isSafeInteger(sessionVersion) || typeof proof !== 'string') return null;
  const expected = proofFor(userId, sessionVersion);
  const given = Buffer.from(proof, 'base64url');
  return given.length === expected.length && timingSafeEqual(given, expected) ? sessionVersion : null;
}
