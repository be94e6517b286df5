'use server';

import { getTranslations } from 'next-intl/server';
import { verifyEmail } from '@/lib/accounts/email';
import { errorText, serverMessageText } from '@/lib/i18n/server-text';
import { HttpError, isDatabaseUnavailable } from '@/lib/http/problem';

export interface VerifyState {
  status: 'idle' | 'verified' | 'error';
  message: string | null;
}

/** Confirms the address a verification link was sent to. The link is the authority, once. */
export async function verifyEmailAction(_previous: VerifyState, form: FormData): Promise<VerifyState> {
  try {
    const { email } = await verifyEmail(String(form.get('token') ?? ''));
    return { status: 'verified', message: (await getTranslations('Verify'))('verified', { email }) };
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { status: 'error', message: (await getTranslations('Verify'))('unavailable') };
    if (error instanceof HttpError && error.status < 500) return { status: 'error', message: errorText(error, await serverMessageText()) };
    throw error;
  }
}
