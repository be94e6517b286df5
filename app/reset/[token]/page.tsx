import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import { ResetPasswordForm } from '@/components/password-reset-forms';
import { describeResetLink } from '@/lib/accounts/password-reset';

// The token is in the address: never send it on as a Referer, never index the page.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Reset'))('newTitle'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

export default async function ResetPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describeResetLink(token);
  const t = await getTranslations('Reset');
  if (!link) {
    return (
      <div className="narrow card">
        <h1>{t('newTitle')}</h1>
        <p role="alert" className="alert">
          {t('linkInvalid')}
        </p>
        <p>
          <a href="/reset">{t('askAgain')}</a>
        </p>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>{t('newTitle')}</h1>
      <p className="wrap-anywhere">
        {t.rich('newLead', { name: link.name, strong: (chunks) => (<strong><bdi>{chunks}</bdi></strong>) })}
      </p>
      <ResetPasswordForm token={token} name={link.name} />
    </div>
  );
}
