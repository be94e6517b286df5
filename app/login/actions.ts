'use server';

import { AuthError } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { signIn } from '@/app/(auth)/auth';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { signInFailureKey } from '@/lib/auth/messages';

export interface SignInState {
  status: 'idle' | 'error';
  message: string | null;
  username: string;
}

/** One message for every failure: unknown user, wrong password, or a malformed form. */
export async function signInWithPassword(_previous: SignInState, form: FormData): Promise<SignInState> {
  const username = String(form.get('username') ?? '');
  const password = String(form.get('password') ?? '');
  const companySlug = form.get('companySlug');
  const redirectTo = safeCallbackUrl(form.get('callbackUrl'));
  try {
    if (typeof companySlug === 'string' && companySlug !== '') {
      await signIn('company', { companySlug, username, password, redirectTo });
    } else {
      await signIn('credentials', { username, password, redirectTo });
    }
  } catch (error) {
    if (error instanceof AuthError) {
      const t = await getTranslations('SignIn');
      return { status: 'error', message: t(signInFailureKey((error as AuthError & { code?: string }).code)), username };
    }
    throw error; // a successful sign-in redirects by throwing
  }
  return { status: 'idle', message: null, username };
}
