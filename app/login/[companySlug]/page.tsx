import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/sign-in-form';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { findCompanyBySlug } from '@/lib/companies/companies';
import { parseSlug } from '@/lib/companies/rules';
import styles from './company-login.module.css';

interface Props {
  params: Promise<{ companySlug: string }>;
  searchParams: Promise<{ callbackUrl?: string | string[]; setup?: string | string[] }>;
}

function companyFor(input: string) {
  const slug = parseSlug(input);
  return slug === null ? undefined : findCompanyBySlug(slug);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const company = companyFor((await params).companySlug);
  const t = await getTranslations('CompanySignIn');
  return { title: company ? t('title', { company: company.name }) : t('notFound') };
}

/** A company's own sign-in page: its people sign in with their company usernames, and only those. */
export default async function CompanyLoginPage({ params, searchParams }: Props) {
  const company = companyFor((await params).companySlug);
  if (!company) notFound();
  const { callbackUrl, setup } = await searchParams;
  const t = await getTranslations('CompanySignIn');
  return (
    <div className="narrow card">
      <p className={styles.kicker}>{t('kicker')}</p>
      <h1 className={styles.name}>
        <bdi>{company.name}</bdi>
      </h1>
      {setup === 'done' ? (
        <p className="notice">{t('setupDone')}</p>
      ) : (
        <p className={`muted ${styles.lead}`}>{t.rich('lead', { company: company.name, name: (chunks) => <bdi>{chunks}</bdi> })}</p>
      )}
      <SignInForm companySlug={company.slug} callbackUrl={safeCallbackUrl(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl)} />
    </div>
  );
}
