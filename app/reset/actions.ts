'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { completeReset, requestPasswordReset } from '@/lib/accounts/password-reset';
import { isHashQueueBusy } from '@/lib/auth/password';
import { clientIpOf } from '@/lib/http/client-ip';
import { HttpError, isDatabaseUnavailable } from '@/lib/http/problem';
import { clientIpKey, consumeSharedLimit } from '@/lib/rate-limit';

export interface ResetState {
  status: 'idle' | 'sent' | 'error';
  message: string | null;
  fieldErrors: Record<string, string[]>;
}

/**
 * "Forgot password?": the same answer whether or not the account exists (lib/accounts/password-reset.ts).
 * Counted against the sign-in limit per client IP: asking for links is a way of trying accounts too.
 */
export async function requestResetAction(_previous: ResetState, form: FormData): Promise<ResetState> {
  const identifier = String(form.get('identifier') ?? '').trim();
  if (identifier === '') {
    return { status: 'error', message: null, fieldErrors: { identifier: ['Enter your username or your confirmed email address.'] } };
  }
  try {
    await consumeSharedLimit('signIns', clientIpKey(clientIpOf(await headers())));
    return { status: 'sent', message: await requestPasswordReset(identifier), fieldErrors: {} };
  } catch (error) {
    if (error instanceof HttpError && error.code === 'rate_limited') {
      return { status: 'error', message: 'Too many attempts from here. Wait a minute, then try again.', fieldErrors: {} };
    }
    if (isDatabaseUnavailable(error)) return { status: 'error', message: 'This cannot be done for a moment. Try again shortly.', fieldErrors: {} };
    throw error;
  }
}

/** The person behind a reset link sets a new password; the link is the authority, once. */
export async function completeResetAction(_previous: ResetState, form: FormData): Promise<ResetState> {
  const token = String(form.get('token') ?? '');
  const password = String(form.get('newPassword') ?? '');
  let signInPath: string;
  try {
    signInPath = (await completeReset(token, password)).signInPath;
  } catch (error) {
    if (isHashQueueBusy(error)) return { status: 'error', message: 'Too many passwords are being checked at this moment. Try again in a few seconds.', fieldErrors: {} };
    if (isDatabaseUnavailable(error)) return { status: 'error', message: 'This cannot be done for a moment. Try again shortly.', fieldErrors: {} };
    if (!(error instanceof HttpError) || error.status >= 500) throw error;
    const passwordErrors = error.errors?.password;
    return passwordErrors
      ? { status: 'error', message: null, fieldErrors: { newPassword: passwordErrors } }
      : { status: 'error', message: error.message, fieldErrors: {} };
  }
  redirect(signInPath === '/login' ? '/login?notice=reset' : `${signInPath}?setup=done`);
}
