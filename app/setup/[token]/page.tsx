import { getTranslations } from 'next-intl/server';
import type { Metadata } from 'next';
import { SetupPasswordForm } from '@/components/admin/setup-password-form';
import { describeSetupLink } from '@/lib/accounts/setup-links';

// The token is in the address: never send it on as a Referer, never index the page.
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Setup'))('title'), referrer: 'no-referrer', robots: { index: false, follow: false } };
}

export default async function SetupPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await describeSetupLink(token);
  const t = await getTranslations('Setup');
  if (!link) {
    return (
      <div className="narrow card">
        <h1>{t('title')}</h1>
        <p role="alert" className="alert">
          {t('linkInvalid')}
        </p>
      </div>
    );
  }
  return (
    <div className="narrow card">
      <h1>{t('title')}</h1>
      <p>
        {t.rich('lead', {
          name: link.companyUsername ?? '',
          company: link.companyName,
          path: `/login/${link.companySlug}`,
          strong: (chunks) => (<strong><bdi>{chunks}</bdi></strong>),
          bdi: (chunks) => <bdi>{chunks}</bdi>,
          code: (chunks) => <code dir="ltr">{chunks}</code>,
        })}
      </p>
      <SetupPasswordForm token={token} />
    </div>
  );
}
