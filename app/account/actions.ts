'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { signOut, unstable_update } from '@/app/(auth)/auth';
import { sessionActing } from '@/app/(auth)/session';
import { changePassword, changeUsername, deleteAccount, releasedNotice, signOutEverywhere, usernameRefusal, type UsernameRefusal } from '@/lib/accounts/account';
import { setEmail } from '@/lib/accounts/email';
import { isHashQueueBusy } from '@/lib/auth/password';
import { reissueRequest } from '@/lib/auth/sessions';
import { acceptInvitation, declineInvitation, type AcceptedInvitation } from '@/lib/companies/invitations';
import { HttpError, isDatabaseUnavailable } from '@/lib/http/problem';
import { mailConfigured } from '@/lib/mail';
import { consumeSharedLimit } from '@/lib/rate-limit';
import { errorText, serverMessageText } from '@/lib/i18n/server-text';

// The signed-in person's own account. Each action reads the session here (an ended session is no
// session: app/(auth)/auth.ts) and leaves every rule to lib/accounts/.

const SIGN_IN_AGAIN = '/login?callbackUrl=/account';

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
async function formError(error: unknown): Promise<AccountFormState> {
  const t = await getTranslations('AccountActions');
  if (isDatabaseUnavailable(error)) return { status: 'error', message: t('unavailable'), fieldErrors: {} };
  if (isHashQueueBusy(error)) return { status: 'error', message: t('busy'), fieldErrors: {} };
  if (!(error instanceof HttpError) || error.status >= 500) throw error;
  if (error.code === 'not_found') redirect(SIGN_IN_AGAIN);
  const text = await serverMessageText();
  return { status: 'error', message: error.errors ? null : errorText(error, text), fieldErrors: error.errors ?? {} };
}

/**
 * Changes the signed-in person's global username: the session is checked here, the policy in lib/.
 * At most 5 changes an hour per account (the CLI, which operators run, is not limited).
 */
export async function changeUsernameAction(_previous: ChangeUsernameState, form: FormData): Promise<ChangeUsernameState> {
  const userId = await signedIn();
  const username = String(form.get('username') ?? '');
  const t = await getTranslations('AccountActions');
  try {
    await consumeSharedLimit('renames', `user:${userId}`);
    const user = await changeUsername(userId, username);
    revalidatePath('/account');
    // The name given up: until when it is held for them (theirs to take back), or free at once.
    const released = releasedNotice(user);
    const saved = user.username ?? username;
    const message =
      released?.kind === 'held'
        ? t('usernameSavedHeld', { username: saved, old: released.username, until: released.until })
        : released?.kind === 'free'
          ? t('usernameSavedFree', { username: saved, old: released.username })
          : t('usernameSaved', { username: saved });
    return { status: 'saved', message, refusal: null };
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      return { status: 'error', message: t('usernameUnavailable'), refusal: null };
    }
    if (!(error instanceof HttpError) || error.status >= 500) throw error;
    if (error.code === 'not_found') redirect(SIGN_IN_AGAIN);
    if (error.code === 'rate_limited') {
      const minutes = Math.ceil(Number(error.headers['retry-after'] ?? 3600) / 60);
      return { status: 'error', message: t('renameLimited', { minutes }), refusal: null };
    }
    const refusal = usernameRefusal(error, username);
    return { status: 'error', message: refusal ? null : errorText(error, await serverMessageText()), refusal };
  }
}

export interface InvitationAnswerState {
  status: 'idle' | 'success' | 'error';
  message: string | null;
}

function joined(accepted: AcceptedInvitation, t: Awaited<ReturnType<typeof getTranslations<'AccountActions'>>>): string {
  const { companyName: company, role, companyUsername, notGiven } = accepted;
  if (accepted.alreadyMember) return t('alreadyMember', { company });
  if (companyUsername !== null) return t('joinedWithUsername', { company, role, username: companyUsername });
  if (notGiven !== null) return t('joinedWithoutUsername', { company, role, username: notGiven });
  return t('joined', { company, role });
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
  const t = await getTranslations('AccountActions');
  try {
    let message: string;
    if (decision === 'accept') message = joined(await acceptInvitation(acting, invitationId), t);
    else if (decision === 'decline') message = t('declined', { company: (await declineInvitation(acting, invitationId)).companyName });
    else return { status: 'error', message: t('incomplete') };
    revalidatePath('/account');
    return { status: 'success', message };
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      return { status: 'error', message: t('unavailable') };
    }
    if (error instanceof HttpError && error.status < 500) {
      revalidatePath('/account');
      return { status: 'error', message: errorText(error, await serverMessageText()) };
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
    return await formError(error);
  }
  // The update's data reaches only the jwt callback (app/(auth)/auth.ts), not the session's shape.
  await unstable_update(reissueRequest(userId, version) as unknown as Parameters<typeof unstable_update>[0]);
  const t = await getTranslations('AccountActions');
  return { status: 'saved', message: t('passwordChanged'), fieldErrors: {} };
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
  const t = await getTranslations('AccountActions');
  try {
    const change = await setEmail(userId, address);
    revalidatePath('/account');
    if (change.email === null) return { status: 'saved', message: t('emailRemoved'), fieldErrors: {} };
    if (!change.verificationSent) return { status: 'saved', message: t('emailConfirmedAlready'), fieldErrors: {} };
    return {
      status: 'saved',
      message: mailConfigured() ? t('emailSent', { email: change.email }) : t('emailNoMail'),
      fieldErrors: {},
    };
  } catch (error) {
    return await formError(error);
  }
}

/** Deletes the account, given its password; the person is signed out and lands on /login. */
export async function deleteAccountAction(_previous: AccountFormState, form: FormData): Promise<AccountFormState> {
  const userId = await signedIn();
  try {
    await deleteAccount(userId, String(form.get('password') ?? ''));
  } catch (error) {
    return await formError(error);
  }
  await signOut({ redirectTo: '/login?notice=deleted' });
  return { status: 'idle', message: null, fieldErrors: {} };
}

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
