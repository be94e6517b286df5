import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SignInForm } from '@/components/sign-in-form';
import { safeCallbackUrl } from '@/lib/auth/callback-url';
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
  return { title: company ? `Sign in to ${company.name}` : 'Not found' };
}

/** A company's own sign-in page: its people sign in with their company usernames, and only those. */
export default async function CompanyLoginPage({ params, searchParams }: Props) {
  const company = await companyFor((await params).companySlug);
  if (!company) notFound();
  const { callbackUrl, setup } = await searchParams;
  return (
    <div className="narrow card">
      <p className={styles.kicker}>Company sign-in</p>
      <h1 className={styles.name}>{company.name}</h1>
      {setup === 'done' ? (
        <p className="notice">Your password is set. Sign in with your company username.</p>
      ) : (
        <p className={`muted ${styles.lead}`}>Sign in with your {company.name} username, not your namecheck username.</p>
      )}
      <SignInForm companySlug={company.slug} callbackUrl={safeCallbackUrl(Array.isArray(callbackUrl) ? callbackUrl[0] : callbackUrl)} />
    </div>
  );
}
