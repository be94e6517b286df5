import type { Metadata } from 'next';
import { VerifyEmailForm } from '@/components/verify-email-form';
import { describeVerifyLink, VERIFY_LINK_INVALID } from '@/lib/accounts/email';

// The token is in the address: never send it on as a Referer, never index the page.
export const metadata: Metadata = { title: 'Confirm your email address', referrer: 'no-referrer', robots: { index: false, follow: false } };

export default async function VerifyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describeVerifyLink(token);
  return (
    <div className="narrow card">
      <h1>Confirm your email address</h1>
      {link ? (
        <>
          <p className="wrap-anywhere">
            Confirm <strong>{link.email}</strong> as the address of your namecheck account. Password reset links can then be
            sent to it.
          </p>
          <VerifyEmailForm token={token} />
        </>
      ) : (
        <p role="alert" className="alert">
          {VERIFY_LINK_INVALID}
        </p>
      )}
    </div>
  );
}
