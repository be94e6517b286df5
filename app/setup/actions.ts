'use server';

import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { errorText, serverMessageText } from '@/lib/i18n/server-text';
import { completeSetup } from '@/lib/accounts/setup-links';
import { HttpError } from '@/lib/http/problem';

export interface SetupState {
  status: 'idle' | 'error';
  message: string | null;
  fieldErrors?: Record<string, string[]>;
}

/**
 * The person behind a setup link sets their own password. No session is involved: the link itself
 * (its token, known only to the person it was sent to) is the authority, once.
 */
export async function completeSetupAction(_previous: SetupState, form: FormData): Promise<SetupState> {
  const token = String(form.get('token') ?? '');
  const password = String(form.get('password') ?? '');
  const repeat = String(form.get('repeatPassword') ?? '');
  if (password !== repeat) {
    const t = await getTranslations('Setup');
    return { status: 'error', message: t('differ'), fieldErrors: { repeatPassword: [t('doesNotMatch')] } };
  }
  let slug: string;
  try {
    slug = (await completeSetup(token, password)).companySlug;
  } catch (error) {
    if (error instanceof HttpError) return { status: 'error', message: errorText(error, await serverMessageText()), fieldErrors: error.errors };
    console.error('[namecheck] setup failed', error);
    return { status: 'error', message: (await getTranslations('Setup'))('failed') };
  }
  redirect(`/login/${slug}?setup=done`);
}
