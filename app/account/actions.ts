'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signOut } from '@/app/(auth)/auth';
import { sessionActing } from '@/app/(auth)/session';
import { changeUsername, usernameRefusal, type UsernameRefusal } from '@/lib/accounts/account';
import { acceptInvitation, declineInvitation, type AcceptedInvitation } from '@/lib/companies/invitations';
import { HttpError, isDatabaseUnavailable } from '@/lib/http/problem';

export interface ChangeUsernameState {
  status: 'idle' | 'saved' | 'error';
  message: string | null;
  /** the server's verdict on the submitted name, with fresh suggestions */
  refusal: UsernameRefusal | null;
}

/** Changes the signed-in person's global username: the session is checked here, the policy in lib/. */
export async function changeUsernameAction(_previous: ChangeUsernameState, form: FormData): Promise<ChangeUsernameState> {
  const acting = await sessionActing();
  if (!acting) redirect('/login?callbackUrl=/account');
  const userId = acting.userId;
  const username = String(form.get('username') ?? '');
  try {
    const user = changeUsername(userId, username);
    revalidatePath('/account');
    return { status: 'saved', message: `Saved. Your username is now ${user.username}.`, refusal: null };
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      return { status: 'error', message: 'Changes cannot be saved for a moment. Your username is unchanged: try again shortly.', refusal: null };
    }
    if (!(error instanceof HttpError) || error.status >= 500) throw error;
    if (error.code === 'not_found') redirect('/login?callbackUrl=/account');
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
    if (decision === 'accept') message = joined(acceptInvitation(acting, invitationId));
    else if (decision === 'decline') message = `You declined the invitation from ${declineInvitation(acting, invitationId).companyName}.`;
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

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
