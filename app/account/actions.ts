'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signOut, unstable_update } from '@/app/(auth)/auth';
import { sessionActing } from '@/app/(auth)/session';
import { changePassword, changeUsername, deleteAccount, signOutEverywhere, usernameRefusal, type UsernameRefusal } from '@/lib/accounts/account';
import { setEmail } from '@/lib/accounts/email';
import { isHashQueueBusy } from '@/lib/auth/password';
import { reissueRequest } from '@/lib/auth/sessions';
import { acceptInvitation, declineInvitation, type AcceptedInvitation } from '@/lib/companies/invitations';
import { HttpError, isDatabaseUnavailable } from '@/lib/http/problem';
import { mailConfigured } from '@/lib/mail';
import { consumeSharedLimit } from '@/lib/rate-limit';

// The signed-in person's own account. Each action reads the session here (an ended session is no
// session: app/(auth)/auth.ts) and leaves every rule to lib/accounts/.

const SIGN_IN_AGAIN = '/login?callbackUrl=/account';
const UNAVAILABLE = 'Changes cannot be saved for a moment. Nothing was changed: try again shortly.';
const BUSY = 'Too many passwords are being checked at this moment. Nothing was changed: try again in a few seconds.';

async function signedIn(): Promise<number> {
  const acting = await sessionActing();
  if (!acting) redirect(SIGN_IN_AGAIN);
  return acting.userId;
}

/** What every account form shows after a submit. */
export interface AccountFormState {
  status: 'idle' | 'saved' | 'error';
  message: string | null;
  fieldErrors: Record<string, string[]>;
}

export interface ChangeUsernameState {
  status: 'idle' | 'saved' | 'error';
  message: string | null;
  /** the server's verdict on the submitted name, with fresh suggestions */
  refusal: UsernameRefusal | null;
}

/** An error a form can show, or a rethrow for anything that is a bug. */
function formError(error: unknown): AccountFormState {
  if (isDatabaseUnavailable(error)) return { status: 'error', message: UNAVAILABLE, fieldErrors: {} };
  if (isHashQueueBusy(error)) return { status: 'error', message: BUSY, fieldErrors: {} };
  if (!(error instanceof HttpError) || error.status >= 500) throw error;
  if (error.code === 'not_found') redirect(SIGN_IN_AGAIN);
  return { status: 'error', message: error.errors ? null : error.message, fieldErrors: error.errors ?? {} };
}

/**
 * Changes the signed-in person's global username: the session is checked here, the policy in lib/.
 * At most 5 changes an hour per account (the CLI, which operators run, is not limited).
 */
export async function changeUsernameAction(_previous: ChangeUsernameState, form: FormData): Promise<ChangeUsernameState> {
  const userId = await signedIn();
  const username = String(form.get('username') ?? '');
  try {
    await consumeSharedLimit('renames', `user:${userId}`);
    const user = await changeUsername(userId, username);
    revalidatePath('/account');
    return { status: 'saved', message: `Saved. Your username is now ${user.username}.`, refusal: null };
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      return { status: 'error', message: 'Changes cannot be saved for a moment. Your username is unchanged: try again shortly.', refusal: null };
    }
    if (!(error instanceof HttpError) || error.status >= 500) throw error;
    if (error.code === 'not_found') redirect(SIGN_IN_AGAIN);
    if (error.code === 'rate_limited') {
      const minutes = Math.ceil(Number(error.headers['retry-after'] ?? 3600) / 60);
      return { status: 'error', message: `You can change your username 5 times an hour. Your username is unchanged: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, refusal: null };
    }
    const refusal = usernameRefusal(error, username);
    return { status: 'error', message: refusal ? null : error.message, refusal };
  }
}

export interface InvitationAnswerState {
  status: 'idle' | 'success' | 'error';
  message: string | null;
}

function joined(accepted: AcceptedInvitation): string {
  const { companyName, role, companyUsername, notGiven } = accepted;
  if (accepted.alreadyMember) return `You were a member of ${companyName} already.`;
  const as = role === 'admin' ? 'an admin' : 'a member';
  if (companyUsername !== null) return `You joined ${companyName} as ${as}, with the company username "${companyUsername}".`;
  if (notGiven !== null) {
    return `You joined ${companyName} as ${as}, without a company username: "${notGiven}" is no longer available there. An admin of ${companyName} can give you one.`;
  }
  return `You joined ${companyName} as ${as}.`;
}

/**
 * Accepts or declines one of the signed-in person's own invitations (form fields `invitationId` and
 * `decision`). Whose invitation it is, is decided in lib/ from the session: someone else's is "no
 * such invitation", as a missing one is.
 */
export async function answerInvitationAction(_previous: InvitationAnswerState, form: FormData): Promise<InvitationAnswerState> {
  const acting = await sessionActing();
  if (!acting) redirect('/login?callbackUrl=/account');
  const invitationId = Number(form.get('invitationId'));
  const decision = form.get('decision');
  try {
    let message: string;
    if (decision === 'accept') message = joined(await acceptInvitation(acting, invitationId));
    else if (decision === 'decline') message = `You declined the invitation from ${(await declineInvitation(acting, invitationId)).companyName}.`;
    else return { status: 'error', message: 'The form was incomplete. Reload the page and try again.' };
    revalidatePath('/account');
    return { status: 'success', message };
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      return { status: 'error', message: 'Changes cannot be saved for a moment. Nothing was changed: try again shortly.' };
    }
    if (error instanceof HttpError && error.status < 500) {
      revalidatePath('/account');
      return { status: 'error', message: error.message };
    }
    throw error;
  }
}

/**
 * A new password, given the current one. Every other session of the person ends; this browser's
 * session is re-issued with the new version, so it stays signed in. No revalidation: the page has
 * nothing new to show, and its render in this response would still carry the old cookie.
 */
export async function changePasswordAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const userId = await signedIn();
  let version: number;
  try {
    version = await changePassword(userId, String(form.get('currentPassword') ?? ''), String(form.get('newPassword') ?? ''));
  } catch (error) {
    return formError(error);
  }
  // The update's data reaches only the jwt callback (app/(auth)/auth.ts), not the session's shape.
  await unstable_update(reissueRequest(userId, version) as unknown as Parameters<typeof unstable_update>[0]);
  return { status: 'saved', message: 'Password changed. You are still signed in here; every other session has ended.', fieldErrors: {} };
}

/** Every session of the person ends, this one too. */
export async function signOutEverywhereAction(): Promise<void> {
  await signOutEverywhere(await signedIn());
  await signOut({ redirectTo: '/login?notice=everywhere' });
}

/** Sets, changes or removes the person's email address; a new one gets a confirmation link. */
export async function setEmailAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const userId = await signedIn();
  const address = String(form.get('email') ?? '').trim();
  try {
    const change = await setEmail(userId, address);
    revalidatePath('/account');
    if (change.email === null) return { status: 'saved', message: 'Email address removed.', fieldErrors: {} };
    if (!change.verificationSent) return { status: 'saved', message: 'This address is confirmed already.', fieldErrors: {} };
    return {
      status: 'saved',
      message: mailConfigured()
        ? `Saved. We sent a confirmation link to ${change.email}: open it to confirm the address.`
        : 'Saved. This server sends no mail, so the address cannot be confirmed yet.',
      fieldErrors: {},
    };
  } catch (error) {
    return formError(error);
  }
}

/** Deletes the account, given its password; the person is signed out and lands on /login. */
export async function deleteAccountAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const userId = await signedIn();
  try {
    await deleteAccount(userId, String(form.get('password') ?? ''));
  } catch (error) {
    return formError(error);
  }
  await signOut({ redirectTo: '/login?notice=deleted' });
  return { status: 'idle', message: null, fieldErrors: {} };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
