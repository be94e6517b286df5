import type { Metadata } from 'next';
import Link from 'next/link';
import { CompanyAdmin } from '@/components/admin/company-admin';
import { CreateCompanyForm } from '@/components/admin/create-company-form';
import { TokensTable } from '@/components/admin/tokens-table';
import { listPlatformTokens } from '@/lib/api-tokens';
import { adminOverview } from '@/lib/companies/overview';
import { companyDashboard } from '@/lib/companies/dashboard';
import { requireSessionActing, siteOrigin } from '@/app/(auth)/session';

export const metadata: Metadata = { title: 'Admin' };

export default async function AdminPage() {
  const acting = await requireSessionActing('/admin');
  const { viewer, companies } = await adminOverview(acting);
  const own = companies.filter((c) => c.role === 'admin');
  const origin = await siteOrigin();
  // One at a time: each dashboard is a handful of indexed reads, and SQLite's reads do not overlap.
  const dashboards = [];
  for (const c of own) dashboards.push(await companyDashboard(acting, c.id));

  if (!viewer?.isPlatformAdmin && own.length === 0) {
    return (
      <div className="narrow card">
        <h1>Admin</h1>
        <p>You do not administer any company, so there is nothing for you here.</p>
        <p className="muted">
          Company admins manage their company&apos;s members here. Your own account is on <Link href="/account">your account page</Link>.
        </p>
      </div>
    );
  }

  return (
    <div className="admin-page">
      <h1>Admin</h1>
      {viewer?.isPlatformAdmin ? (
        <section className="card admin-platform" aria-labelledby="platform-title">
          <h2 id="platform-title">All companies</h2>
          <div className="table-wrap">
            <table className="admin-table">
              <caption className="sr-only">Every company</caption>
              <thead>
                <tr>
                  <th scope="col">Company</th>
                  <th scope="col">Slug</th>
                  <th scope="col">Members</th>
                </tr>
              </thead>
              <tbody>
                {companies.map((c) => (
                  <tr key={c.id}>
                    <td data-label="Company">
                      <Link href={`/admin/companies/${c.id}`}>{c.name}</Link>
                    </td>
                    <td data-label="Slug">
                      <code>{c.slug}</code>
                    </td>
                    <td data-label="Members">{c.memberCount.toLocaleString('en')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <h3>Create a company</h3>
          <CreateCompanyForm />
        </section>
      ) : null}
      {viewer?.isPlatformAdmin ? <PlatformTokens tokens={await listPlatformTokens(acting)} /> : null}
      {dashboards.map((data) => (
        <CompanyAdmin key={data.company.id} data={data} origin={origin} headingLevel={2} />
      ))}
    </div>
  );
}

/** Platform tokens check every company's names: made with the CLI (`token create --platform`), listed and revoked here. */
function PlatformTokens({ tokens }: { tokens: Awaited<ReturnType<typeof listPlatformTokens>> }) {
  return (
    <section className="card admin-platform" aria-labelledby="platform-tokens-title">
      <h2 id="platform-tokens-title">Platform tokens</h2>
      <p className="muted">
        They check the usernames of every company. Create one with <code>npm run -s cli -- token create --platform</code>; the token is shown only there.
      </p>
      {tokens.length === 0 ? <p className="muted">No platform tokens.</p> : <TokensTable tokens={tokens} companyId={null} caption="Platform tokens" />}
    </section>
  );
}
