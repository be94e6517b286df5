'use server';

import { verifyEmail } from '@/lib/accounts/email';
import { HttpError, isDatabaseUnavailable } from '@/lib/http/problem';

export interface VerifyState {
  status: 'idle' | 'verified' | 'error';
  message: string | null;
}

/** Confirms the address a verification link was sent to. The link is the authority, once. */
export async function verifyEmailAction(_previous: VerifyState, form: FormData): Promise<VerifyState> {
  try {
    const { email } = await verifyEmail(String(form.get('token') ?? ''));
    return { status: 'verified', message: `${email} is confirmed. Password reset links can now be sent to it.` };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { status: 'error', message: 'This cannot be done for a moment. Try again shortly.' };
    if (error instanceof HttpError && error.status < 500) return { status: 'error', message: error.message };
    throw error;
  }
}
