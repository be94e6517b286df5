import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ResetRequestForm } from '@/components/password-reset-forms';
import { mailConfigured } from '@/lib/mail';

export const metadata: Metadata = { title: 'Forgot password' };

/** "Forgot password?" from /login: a reset link mailed to the account's confirmed address. */
export default async function ForgotPasswordPage() {
  // Rendered per request: whether mail goes out is the running server's setting, not the build's.
  await connection();
  return (
    <div className="narrow card">
      <h1>Forgot your password?</h1>
      <p className="muted">
        Give your username, or the email address you confirmed on your account page. We mail a link there that lets you
        choose a new password.
      </p>
      {mailConfigured() ? null : (
        <p className="muted">This server sends no mail at the moment: ask its operator for a reset link.</p>
      )}
      <ResetRequestForm />
      <p className="muted form-footer">
        Remembered it? <a href="/login">Sign in</a>
      </p>
    </div>
  );
}
