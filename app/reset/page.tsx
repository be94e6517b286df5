import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import { connection } from 'next/server';
import { ResetRequestForm } from '@/components/password-reset-forms';
import { mailConfigured } from '@/lib/mail';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Reset'))('forgotTitle') };
}

/** "Forgot password?" from /login: a reset link mailed to the account's confirmed address. */
export default async function ForgotPasswordPage() {
  // Rendered per request: whether mail goes out is the running server's setting, not the build's.
  await connection();
  const t = await getTranslations('Reset');
  return (
    <div className="narrow card">
      <h1>{t('forgotHeading')}</h1>
      <p className="muted">{t('forgotLead')}</p>
      {mailConfigured() ? null : <p className="muted">{t('noMail')}</p>}
      <ResetRequestForm />
      <p className="muted form-footer">{t.rich('remembered', { link: (chunks) => <a href="/login">{chunks}</a> })}</p>
    </div>
  );
}
