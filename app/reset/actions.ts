'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { passwordProblemRefs } from '@/lib/auth/password';
import { errorText, serverMessageText } from '@/lib/i18n/server-text';
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
  const t = await getTranslations('Reset');
  if (identifier === '') {
    return { status: 'error', message: null, fieldErrors: { identifier: [t('identifierMissing')] } };
  }
  try {
    await consumeSharedLimit('signIns', clientIpKey(clientIpOf(await headers())));
    // The same answer whatever happened (RESET_REQUESTED, in the page's language).
    await requestPasswordReset(identifier);
    return { status: 'sent', message: t('requested'), fieldErrors: {} };
  } catch (error) {
    if (error instanceof HttpError && error.code === 'rate_limited') {
      return { status: 'error', message: t('limited'), fieldErrors: {} };
    }
    if (isDatabaseUnavailable(error)) return { status: 'error', message: t('unavailable'), fieldErrors: {} };
    throw error;
  }
}

/** The person behind a reset link sets a new password; the link is the authority, once. */
export async function completeResetAction(_previous: ResetState, form: FormData): Promise<ResetState> {
  const token = String(form.get('token') ?? '');
  const password = String(form.get('newPassword') ?? '');
  let signInPath: string;
  const t = await getTranslations('Reset');
  try {
    signInPath = (await completeReset(token, password)).signInPath;
  } catch (error) {
    if (isHashQueueBusy(error)) return { status: 'error', message: t('busy'), fieldErrors: {} };
    if (isDatabaseUnavailable(error)) return { status: 'error', message: t('unavailable'), fieldErrors: {} };
    if (!(error instanceof HttpError) || error.status >= 500) throw error;
    const text = await serverMessageText();
    const passwordErrors = error.errors?.password ? passwordProblemRefs(password).map(text) : undefined;
    return passwordErrors?.length
      ? { status: 'error', message: null, fieldErrors: { newPassword: passwordErrors } }
      : { status: 'error', message: errorText(error, text), fieldErrors: {} };
  }
  redirect(signInPath === '/login' ? '/login?notice=reset' : `${signInPath}?setup=done`);
}
