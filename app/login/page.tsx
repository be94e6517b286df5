import type { Metadata } from 'next';
import { SignInForm } from '@/components/sign-in-form';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { signInFailureMessage } from '@/lib/auth/messages';

export const metadata: Metadata = { title: 'Sign in' };

type Search = Promise<{ callbackUrl?: string | string[]; error?: string | string[]; code?: string | string[]; notice?: string | string[] }>;

/** What brought the person here, when it was not a failed sign-in. */
const NOTICES: Record<string, string> = {
  reset: 'Your new password is set, and every earlier session has ended. Sign in with the new password.',
  everywhere: 'You are signed out everywhere: every session of your account has ended.',
  deleted: 'Your account is deleted.',
};

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Auth.js sends a failed sign-in through /api/auth back here with `?error=…&code=…`. */
function arrivalMessage(error: string | undefined, code: string | undefined): string | null {
  if (!error) return null;
  return error === 'CredentialsSignin' ? signInFailureMessage(code) : 'Signing in did not work just now. Try again.';
}

export default async function LoginPage({ searchParams }: { searchParams: Search }) {
  const { callbackUrl, error, code, notice } = await searchParams;
  const noticeText = NOTICES[first(notice) ?? ''];
  return (
    <div className="narrow card">
      <h1>Sign in</h1>
      {noticeText ? (
        <p role="status" className="notice">
          {noticeText}
        </p>
      ) : null}
      <SignInForm
        callbackUrl={safeCallbackUrl(first(callbackUrl))}
        initialMessage={arrivalMessage(first(error), first(code))}
      />
      <p className="form-footer">
        <a href="/reset">Forgot password?</a>
      </p>
      <p className="muted form-footer">
        New here? <a href="/signup">Create an account</a>
      </p>
    </div>
  );
}
