'use server';

import { AuthError } from 'next-auth';
import { headers } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { signIn } from '@/app/(auth)/auth';
import { usernameRefusal, type UsernameRefusal } from '@/lib/accounts/account';
import { RegisterRequest } from '@/lib/api/schemas';
import { clientIpOf } from '@/lib/http/client-ip';
import { HttpError, isDatabaseUnavailable } from '@/lib/http/problem';
import { clientIpKey, consumeSharedLimit } from '@/lib/rate-limit';
import { registerUser } from '@/lib/accounts/registration';
import { isHashQueueBusy, passwordProblemRefs } from '@/lib/auth/password';

export interface SignUpState {
  status: 'idle' | 'error';
  /** a problem with the whole form (too many attempts, something broke) */
  message: string | null;
  fieldErrors: { password?: string[]; email?: string[] };
  /** the server's verdict on the submitted username, with fresh suggestions */
  refusal: UsernameRefusal | null;
}

/**
 * Registers through the same function as POST /api/v1/iam/register/ (same rules, same limit per
 * client IP), then signs the person in and sends them to /account.
 */
export async function signUp(_previous: SignUpState, form: FormData): Promise<SignUpState> {
  const username = String(form.get('username') ?? '');
  const password = String(form.get('password') ?? '');
  const emailField = String(form.get('email') ?? '');
  const email = emailField === '' ? undefined : emailField;
  const t = await getTranslations('SignUp');
  const text = await getTranslations();

  const failed = (fields: Partial<SignUpState>): SignUpState => ({
    status: 'error',
    message: null,
    fieldErrors: {},
    refusal: null,
    ...fields,
  });

  if (email !== undefined && !RegisterRequest.shape.email.safeParse(email).success) {
    return failed({ fieldErrors: { email: [t('emailInvalid')] } });
  }
  try {
    await consumeSharedLimit('registrations', clientIpKey(clientIpOf(await headers())));
    await registerUser({ username, password, email });
  } catch (error) {
    if (isDatabaseUnavailable(error)) {
      return failed({ message: t('unavailable') });
    }
    if (!(error instanceof HttpError)) throw error;
    if (error.code === 'rate_limited') {
      return failed({ message: t('limited') });
    }
    if (isHashQueueBusy(error)) return failed({ message: t('busy') });
    const refusal = usernameRefusal(error, username);
    // The field errors in the page's language: the same rules' messages, by key.
    const passwordErrors = error.errors?.password ? passwordProblemRefs(password).map((ref) => text(ref.key, ref.params)) : undefined;
    const emailErrors = error.errors?.email ? [t('emailInvalid')] : undefined;
    if (refusal || passwordErrors || emailErrors) {
      return failed({ refusal, fieldErrors: { ...(passwordErrors ? { password: passwordErrors } : {}), ...(emailErrors ? { email: emailErrors } : {}) } });
    }
    if (error.status >= 500) throw error;
    return failed({ message: error.messageRef ? text(error.messageRef.key as never, error.messageRef.params as never) : error.message });
  }

  try {
    await signIn('credentials', { username, password, redirectTo: '/account' });
  } catch (error) {
    // The account exists; only the automatic sign-in failed (say, the sign-in limit): sign in by hand.
    if (error instanceof AuthError) redirect('/login?callbackUrl=/account');
    throw error; // a successful sign-in redirects by throwing
  }
  return { status: 'idle', message: null, fieldErrors: {}, refusal: null };
}
