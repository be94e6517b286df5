import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { SignInForm } from '@/components/sign-in-form';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
import { loginPageBranding } from '@/lib/companies/branding';
import { findCompanyBySlug } from '@/lib/companies/companies';
import { parseSlug } from '@/lib/companies/rules';
import styles from './company-login.module.css';

interface Props {
  params: Promise<{ companySlug: string }>;
  searchParams: Promise<{ callbackUrl?: string | string[]; setup?: string | string[] }>;
}

async function companyFor(input: string) {
  const slug = parseSlug(input);
  return slug === null ? undefined : (await findCompanyBySlug(slug));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const company = await companyFor((await params).companySlug);
  const t = await getTranslations('CompanySignIn');
  return { title: company ? t('title', { company: (await loginPageBranding(company)).name }) : t('notFound') };
}

/** This request's CSP nonce (lib/server/security-headers.ts): a <style> element needs it to apply. */
async function styleNonce(): Promise<string | undefined> {
  const policy = (await headers()).get('content-security-policy') ?? '';
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}

/** A company's own sign-in page: its people sign in with their company usernames, and only those. */
export default async function CompanyLoginPage({ params, searchParams }: Props) {
  const company = await companyFor((await params).companySlug);
  if (!company) notFound();
  const { callbackUrl, setup } = await searchParams;
  const brand = await loginPageBranding(company);
  const t = await getTranslations('CompanySignIn');
  return (
    <div className={`narrow card ${styles.page}`}>
      {brand.accentColor ? (
        // The accent (validated #rrggbb, at least 4.5:1 with white text) becomes this page's --accent,
        // which the Sign in button and links use. A <style> with the nonce: the CSP refuses style attributes.
        <style nonce={await styleNonce()}>{`.${styles.page} { --accent: ${brand.accentColor}; }`}</style>
      ) : null}
      {brand.logoUrl ? (
        // eslint-disable-next-line @next/next/no-img-element -- a small logo served by us, with its own cache headers
        <img className={styles.logo} src={brand.logoUrl} alt={t('logoAlt', { company: brand.name })} />
      ) : null}
      <p className={styles.kicker}>{t('kicker')}</p>
      <h1 className={styles.name}>
        <bdi>{brand.name}</bdi>
      </h1>
      {setup === 'done' ? (
        <p className="notice">{t('setupDone')}</p>
      ) : (
        <p className={`muted ${styles.lead}`}>{t.rich('lead', { company: brand.name, name: (chunks) => <bdi>{chunks}</bdi> })}</p>
      )}
      <SignInForm companySlug={company.slug} callbackUrl={safeCallbackUrl(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl)} />
    </div>
  );
}
