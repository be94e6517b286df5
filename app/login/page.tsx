import type { Metadata } from 'next';
import { SignInForm } from '@/components/sign-in-form';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { SIGN_IN_FAILED, SIGN_IN_LIMITED } from '@/lib/auth/messages';

export const metadata: Metadata = { title: 'Sign in' };

type Search = Promise<{ callbackUrl?: string | string[]; error?: string | string[]; code?: string | string[] }>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Auth.js sends a failed sign-in through /api/auth back here with `?error=…&code=…`. */
function arrivalMessage(error: string | undefined, code: string | undefined): string | null {
  if (!error) return null;
  if (code === 'rate_limited') return SIGN_IN_LIMITED;
  return error === 'CredentialsSignin' ? SIGN_IN_FAILED : 'Signing in did not work just now. Try again.';
}

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const { callbackUrl, error, code } = await searchParams;
  return (
    <div className="narrow card">
      <h1>Sign in</h1>
      <SignInForm
        callbackUrl={safeCallbackUrl(first(callbackUrl))}
        initialMessage={arrivalMessage(first(error), first(code))}
      />
      <p className="muted form-footer">
        New here? <a href="/signup">Create an account</a>
      </p>
    </div>
  );
}
