import { deleteUnusedAccountTokens } from '@/db/queries/account-tokens';
import { countAdmins, holdCompanyNamesOf, listCompaniesOfUser } from '@/db/queries/memberships';
import { listHoldsOf, type HeldGlobalName } from '@/db/queries/global-names';
import { deleteUser, updatePasswordHash, updateUsername } from '@/db/queries/users';
import { writeTransaction } from '@/db/transactions';
import { recordAudit, type Actor } from '@/lib/audit';
import { now } from '@/lib/clock';
import { companyHoldUntil, globalHoldUntil } from '@/lib/holds';
import { HttpError } from '@/lib/http/problem';
import { verdictError } from '@/lib/accounts/registration';
import { globalNameStore } from '@/db/queries/names';
import { findUserById, globalUsernameForms, viewerOf, passwordOrThrow, usernameConflict, type PublicUser, type User } from '@/lib/accounts/users';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { endEverySession } from '@/lib/auth/sessions';
import { reportSignIn, signInWaitSeconds } from '@/lib/rate-limit';
import { checkAvailability, type Availability, type Reason } from '@/lib/usernames';

// What a person sees and changes about their own account: /signup and /account.

/** The server's refusal of a username a person submitted: the policy's verdict, for that name. */
export type UsernameRefusal = Availability & { available: false; username: string };

/**
 * A registration or rename error about the username (taken, similar, reserved, invalid) as the verdict
 * to show under the field, with the fresh suggestions the error carries; null for any other error.
 */
export function usernameRefusal(error: HttpError, username: string): UsernameRefusal | null {
  if (error.code !== 'conflict' && error.errors?.username?.[0] === undefined) return null;
  const reason = error.extensions.reason;
  const suggestions = error.extensions.suggestions;
  return {
    username,
    available: false,
    reason: typeof reason === 'string' ? (reason as Reason) : error.code === 'conflict' ? 'taken' : 'invalid',
    message: error.messageRef ?? { key: 'username.invalid.generic' },
    suggestions: Array.isArray(suggestions) ? suggestions.filter((s): s is string => typeof s === 'string') : [],
  };
}

export interface MembershipOfUser {
  companyId: number;
  companyName: string;
  companySlug: string;
  role: 'admin' | 'member';
  companyUsername: string | null;
}

/** The companies a person belongs to, with their role and company username, by company name. */
export async function listMembershipsOf(userId: number): Promise<MembershipOfUser[]> {
  return (await listCompaniesOfUser(userId)).map(({ company, role, companyUsername }) => ({
    companyId: company.id,
    companyName: company.name,
    companySlug: company.slug,
    role,
    companyUsername,
  }));
}

/** A rename's outcome: the account, and the name it gave up with the time that name becomes free (null: at once). */
export interface Renamed extends PublicUser {
  released: { username: string; heldUntil: Date | null } | null;
}

/**
 * Changes a person's global username by the same policy as the check and the signup, with the person
 * as the viewer: their own name in another case or form is theirs (`own_username`), and so is a name
 * they gave up that is still held for them (a take-back). The name they had is held for them for
 * USERNAME_HOLD_DAYS (lib/holds.ts). The verdict and the write share one write transaction, so nobody
 * takes the name in between; the unique indexes of global_names still answer for a writer elsewhere.
 * `actor`: who the audit log names (the CLI's operator); the person themselves by default.
 *
 * Accounts without a global username (created inside a company) have nothing to change here: picking
 * a first global name is not a side effect of the account page (see app/account/page.tsx).
 */
export async function changeUsername(userId: number, requested: string, actor?: Actor): Promise<Renamed> {
  const at = now();
  const check = async () => {
    const user = await findUserById(userId);
    if (!user) throw new HttpError('not_found', 'This account no longer exists.');
    if (user.username === null || user.usernameCanonical === null) {
      throw new HttpError('forbidden', 'This account has no global username to change.');
    }
    return { user, verdict: await checkAvailability(globalNameStore(at), requested, 'global', viewerOf(user)) };
  };
  try {
    return await writeTransaction(async () => {
      const { user, verdict } = await check();
      if (!verdict.available) throw verdictError(verdict);
      if (user.username === requested) return { id: user.id, username: user.username, released: null };
      const { canonical, key } = globalUsernameForms(requested);
      // The same name in another form (case, width, separator) keeps its place: nothing is given up.
      const sameName = key === user.similarityKey;
      const heldUntil = sameName ? null : globalHoldUntil(at);
      const row = await updateUsername(userId, { username: requested, usernameCanonical: canonical, similarityKey: key }, heldUntil, at);
      await recordAudit(actor ?? { userId, label: user.username ?? String(userId) }, {
        action: 'user.rename',
        target: requested,
        details: { from: user.username, heldUntil: heldUntil?.toISOString() ?? null },
      });
      return { ...row, released: sameName ? null : { username: user.username!, heldUntil } };
    });
  } catch (error) {
    const conflict = usernameConflict(error);
    if (!conflict) throw error;
    // Another process took the name between our check and our write: answer as the check now would.
    const { verdict } = await check();
    throw verdict.available ? conflict : verdictError(verdict);
  }
}

// Changing the password and deleting the account ask for the password. A wrong one counts toward
// the same per-account wait as a failed sign-in (lib/rate-limit.ts): a borrowed session cannot be
// used to guess the password behind it any faster than the sign-in form allows.

const WRONG_PASSWORD = 'That is not your current password.';

function actorOf(user: Pick<User, 'id' | 'username'>) {
  return { userId: user.id, label: user.username ?? `user #${user.id}` };
}

async function confirmPassword(userId: number, password: string, field: string): Promise<User> {
  const user = await findUserById(userId);
  if (!user) throw new HttpError('not_found', 'This account no longer exists.');
  const accountKey = `user:${user.id}`;
  const wait = await signInWaitSeconds(accountKey);
  if (wait !== null) {
    const message = `Too many wrong passwords for this account. Wait ${Math.ceil(wait / 60)} minute(s), then try again.`;
    throw new HttpError('rate_limited', message, { errors: { [field]: [message] }, headers: { 'retry-after': String(wait) } });
  }
  const ok = await verifyPassword(user.passwordHash, password);
  await reportSignIn(accountKey, ok);
  if (!ok) throw new HttpError('validation_error', WRONG_PASSWORD, { errors: { [field]: [WRONG_PASSWORD] } });
  return user;
}

/**
 * A new password, given the current one. Every session of the person ends (the version moves on);
 * the caller re-issues the session of the browser that asked (app/account/actions.ts), which is the
 * one that stays signed in. Unused reset links are cancelled. Returns the new session version.
 */
export async function changePassword(userId: number, currentPassword: string, newPassword: string): Promise<number> {
  try {
    passwordOrThrow(newPassword);
  } catch (error) {
    if (error instanceof HttpError && error.errors?.password) throw new HttpError('validation_error', error.message, { errors: { newPassword: error.errors.password } });
    throw error;
  }
  const user = await confirmPassword(userId, currentPassword, 'currentPassword');
  const passwordHash = await hashPassword(newPassword);
  return writeTransaction(async () => {
    if (!(await findUserById(userId))) throw new HttpError('not_found', 'This account no longer exists.');
    const version = await updatePasswordHash(userId, passwordHash);
    await deleteUnusedAccountTokens(userId, 'reset');
    await recordAudit(actorOf(user), { action: 'user.password.change' });
    return version;
  });
}

/** Ends every session of the person, the one asking too. */
export async function signOutEverywhere(userId: number): Promise<void> {
  await writeTransaction(async () => {
    const user = await findUserById(userId);
    if (!user) return;
    await endEverySession(userId);
    await recordAudit(actorOf(user), { action: 'user.sign_out_everywhere' });
  });
}

/**
 * What a rename's outcome tells the person about the name they gave up: held for them until a time
 * (theirs to take back until then), free for anyone at once (holds off), or nothing (the same name
 * in another form, or no change).
 */
export type ReleasedNotice = { kind: 'held'; username: string; until: Date } | { kind: 'free'; username: string } | null;

export function releasedNotice(renamed: Pick<Renamed, 'released'>): ReleasedNotice {
  const released = renamed.released;
  if (!released) return null;
  return released.heldUntil ? { kind: 'held', username: released.username, until: released.heldUntil } : { kind: 'free', username: released.username };
}

/** The names a person gave up that are still held for them (theirs to take back), soonest free first. */
export async function heldNamesOf(userId: number): Promise<HeldGlobalName[]> {
  return listHoldsOf(userId, now());
}

/**
 * Deletes the person's account, given its password (see `removeAccount`).
 */
export async function deleteAccount(userId: number, password: string): Promise<void> {
  const user = await confirmPassword(userId, password, 'password');
  await removeAccount(userId, actorOf(user));
}

/**
 * Deletes an account, as /account does (there, after its password; the CLI's operator without it):
 * its memberships, links and sessions go with it (foreign keys cascade; no session outlives its
 * account). Its global username is held for USERNAME_HOLD_DAYS and its company usernames for their
 * companies for COMPANY_USERNAME_HOLD_DAYS, for nobody (the account is gone). A company's last admin
 * cannot leave it without one: someone else is made an admin first.
 */
export async function removeAccount(userId: number, actor: Actor): Promise<{ id: number; username: string | null }> {
  return writeTransaction(async () => {
    const user = await findUserById(userId);
    if (!user) throw new HttpError('not_found', 'This account no longer exists.');
    const soleAdminOf: string[] = [];
    for (const m of await listCompaniesOfUser(userId)) {
      if (m.role === 'admin' && (await countAdmins(m.company.id)) <= 1) soleAdminOf.push(m.company.name);
    }
    if (soleAdminOf.length > 0) {
      throw new HttpError(
        'conflict',
        `You are the only admin of ${soleAdminOf.join(', ')}. Make someone else an admin there first, then delete your account.`,
      );
    }
    const at = now();
    await endEverySession(userId);
    await recordAudit(actor, { action: 'user.delete', target: user.username ?? `user #${userId}` });
    const companyUntil = companyHoldUntil(at);
    if (companyUntil) await holdCompanyNamesOf(userId, companyUntil);
    await deleteUser(userId, globalHoldUntil(at));
    return { id: user.id, username: user.username };
  });
}
