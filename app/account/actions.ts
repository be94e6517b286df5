'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { signOut } from '@/app/(auth)/auth';
import { sessionActing } from '@/app/(auth)/session';
import { changeUsername, usernameRefusal, type UsernameRefusal } from '@/lib/accounts/account';
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

export async function signOutAction(): Promise<void> {
  await signOut({ redirectTo: '/' });
}
