import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import { VerifyEmailForm } from '@/components/verify-email-form';
import { describeVerifyLink } from '@/lib/accounts/email';

// The token is in the address: never send it on as a Referer, never index the page.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Verify'))('title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

export default async function VerifyPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describeVerifyLink(token);
  const t = await getTranslations('Verify');
  return (
    <div className="narrow card">
      <h1>{t('title')}</h1>
      {link ? (
        <>
          <p className="wrap-anywhere">{t.rich('lead', { email: link.email, strong: (chunks) => (<strong><bdi>{chunks}</bdi></strong>) })}</p>
          <VerifyEmailForm token={token} />
        </>
      ) : (
        <p role="alert" className="alert">
          {t('linkInvalid')}
        </p>
      )}
    </div>
  );
}
