import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { useTranslations } from 'next-intl';
import { CompanyAdmin } from '@/components/admin/company-admin';
import { CreateCompanyForm } from '@/components/admin/create-company-form';
import { TokensTable } from '@/components/admin/tokens-table';
import { ReservedNames } from '@/components/admin/reserved-names';
import { listReservedRules } from '@/lib/reserved-names';
import { listPlatformTokens } from '@/lib/api-tokens';
import { adminOverview } from '@/lib/companies/overview';
import { companyDashboard } from '@/lib/companies/dashboard';
import { requireSessionActing, siteOrigin } from '@/app/(auth)/session';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Admin'))('title') };
}

export default async function AdminPage() {
  const acting = await requireSessionActing('/admin');
  const { viewer, companies } = await adminOverview(acting);
  const own = companies.filter((c) => c.role === 'admin');
  const origin = await siteOrigin();
  const t = await getTranslations('Admin');
  // One at a time: each dashboard is a handful of indexed reads, and SQLite's reads do not overlap.
  const dashboards = [];
  for (const c of own) dashboards.push(await companyDashboard(acting, c.id));

  if (!viewer?.isPlatformAdmin && own.length === 0) {
    return (
      <div className="narrow card">
        <h1>{t('title')}</h1>
        <p>{t('nothingHere')}</p>
        <p className="muted">{t.rich('nothingHereLead', { link: (chunks) => <Link href="/account">{chunks}</Link> })}</p>
      </div>
    );
  }

  return (
    <div className="admin-page">
      <h1>{t('title')}</h1>
      {viewer?.isPlatformAdmin ? (
        <section className="card admin-platform" aria-labelledby="platform-title">
          <h2 id="platform-title">{t('allCompanies')}</h2>
          <div className="table-wrap">
            <table className="admin-table">
              <caption className="sr-only">{t('everyCompany')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('company')}</th>
                  <th scope="col">{t('slug')}</th>
                  <th scope="col">{t('members')}</th>
                </tr>
              </thead>
              <tbody>
                {companies.map((c) => (
                  <tr key={c.id}>
                    <td data-label={t('company')}>
                      <Link href={`/admin/companies/${c.id}`}>
                        <bdi>{c.name}</bdi>
                      </Link>
                    </td>
                    <td data-label={t('slug')}>
                      <code>{c.slug}</code>
                    </td>
                    <td data-label={t('members')}>{t('count', { count: c.memberCount })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('createCompany')}</h3>
          <CreateCompanyForm />
        </section>
      ) : null}
      {viewer?.isPlatformAdmin ? <PlatformTokens tokens={await listPlatformTokens(acting)} /> : null}
      {viewer?.isPlatformAdmin ? <ReservedNames rules={await listReservedRules(acting)} /> : null}
      {dashboards.map((data) => (
        <CompanyAdmin key={data.company.id} data={data} origin={origin} headingLevel={2} />
      ))}
    </div>
  );
}

/** Platform tokens check every company's names: made with the CLI (`token create --platform`), listed and revoked here. */
function PlatformTokens({ tokens }: { tokens: Awaited<ReturnType<typeof listPlatformTokens>> }) {
  const t = useTranslations('Admin');
  return (
    <section className="card admin-platform" aria-labelledby="platform-tokens-title">
      <h2 id="platform-tokens-title">{t('platformTokens')}</h2>
      <p className="muted">{t.rich('platformTokensLead', { code: (chunks) => <code dir="ltr">{chunks}</code> })}</p>
      {tokens.length === 0 ? <p className="muted">{t('noPlatformTokens')}</p> : <TokensTable tokens={tokens} companyId={null} caption={t('platformTokens')} />}
    </section>
  );
}
