import type { Metadata } from 'next';
import { ResetPasswordForm } from '@/components/password-reset-forms';
import { describeResetLink, RESET_LINK_INVALID } from '@/lib/accounts/password-reset';

// The token is in the address: never send it on as a Referer, never index the page.
export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer', robots: { index: false, follow: false } };

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describeResetLink(token);
  if (!link) {
    return (
      <div className="narrow card">
        <h1>Choose a new password</h1>
        <p role="alert" className="alert">
          {RESET_LINK_INVALID}
        </p>
        <p>
          <a href="/reset">Ask for a new link</a>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>Choose a new password</h1>
      <p className="wrap-anywhere">
        For <strong>{link.name}</strong>. Setting it signs you out everywhere; then you sign in with the new password.
      </p>
      <ResetPasswordForm token={token} name={link.name} />
    </div>
  );
}
