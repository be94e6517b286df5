import type { Metadata } from 'next';
import { SetupPasswordForm } from '@/components/admin/setup-password-form';
import { describeSetupLink, SETUP_LINK_INVALID } from '@/lib/accounts/setup-links';

// The token is in the address: never send it on as a Referer, never index the page.
export const metadata: Metadata = { title: 'Set your password', referrer: 'no-referrer', robots: { index: false, follow: false } };

export default async function SetupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describeSetupLink(token);
  if (!link) {
    return (
      <div className="narrow card">
        <h1>Set your password</h1>
        <p role="alert" className="alert">
          {SETUP_LINK_INVALID}
        </p>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>Set your password</h1>
      <p>
        For <strong>{link.companyUsername}</strong> at {link.companyName}. You sign in at <code>/login/{link.companySlug}</code> with that company
        username and this password.
      </p>
      <SetupPasswordForm token={token} />
    </div>
  );
}
