import Link from 'next/link';
import type { CompanyDashboard } from '@/lib/companies/dashboard';
import { formatUtc } from '@/lib/format';
import { IMPORT_COLUMNS } from '@/lib/companies/import/format';
import { CreateAccountForm, InviteMemberForm } from './add-member';
import { CopyButton } from './copy-button';
import { CsvImport } from './csv-import';
import { InvitationsTable } from './invitations-table';
import { MembersTable } from './members-table';
import { CreateTokenForm } from './token-forms';
import { TokensTable } from './tokens-table';
import { UsernameRulesForm } from './username-rules-form';
import { LoginPageForm } from './login-page-form';

interface Props {
  data: CompanyDashboard;
  /** This site's origin, for the company login page's full address. */
  origin: string;
  /** The heading level of the company's name: h1 on its own page, h2 on /admin. */
  headingLevel: 1 | 2;
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="admin-section" aria-labelledby={`${id}-title`} id={id}>
      <h3 id={`${id}-title`}>{title}</h3>
      {children}
    </section>
  );
}

/** One company's admin screen: members, adding people, import and export, tokens, login link, audit. */
export function CompanyAdmin({ data, origin, headingLevel }: Props) {
  const { company, members, invitations, tokens, audit, usernameRules, branding } = data;
  const basePath = `/admin/companies/${company.id}`;
  const loginPath = `/login/${company.slug}`;
  const loginUrl = origin + loginPath;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const key = `c${company.id}`;
  return (
    <article className="admin-company card" aria-labelledby={`${key}-name`} data-testid={`company-${company.slug}`}>
      <header className="admin-company-head">
        <Heading id={`${key}-name`}>{company.name}</Heading>
        <p className="muted">
          Slug <code>{company.slug}</code> · {company.memberCount.toLocaleString('en')} member{company.memberCount === 1 ? '' : 's'}
          {headingLevel === 2 ? (
            <>
              {' '}
              · <Link href={basePath}>Open this company&apos;s page</Link>
            </>
          ) : null}
        </p>
      </header>

      <Section id={`${key}-login`} title="Login page">
        <p>
          People sign in with their company username at{' '}
          <a href={loginPath} data-testid="company-login-link">
            {loginUrl}
          </a>
        </p>
        <CopyButton value={loginUrl} what="login page link" />
        <LoginPageForm companyId={company.id} companyName={company.name} branding={branding} />
      </Section>

      <Section id={`${key}-rules`} title="Username rules">
        <p className="muted">
          This company&apos;s own rules for company usernames, on top of the usual ones (1 to 64 printable characters). The checks, the members
          table, CSV import and the login page all apply them.
        </p>
        <UsernameRulesForm companyId={company.id} rules={usernameRules} />
      </Section>

      <Section id={`${key}-members`} title="Members">
        <MembersTable companyId={company.id} companyName={company.name} members={members} basePath={basePath} />
        <p>
          <a href={`${basePath}/members.csv`} download className="button secondary small">
            Export members (CSV)
          </a>
        </p>
      </Section>

      <Section id={`${key}-add`} title="Add a member">
        <div className="admin-two">
          <InviteMemberForm companyId={company.id} />
          <CreateAccountForm companyId={company.id} />
        </div>
      </Section>

      <Section id={`${key}-invitations`} title="Pending invitations">
        <InvitationsTable companyId={company.id} companyName={company.name} invitations={invitations} />
      </Section>

      <Section id={`${key}-import`} title="Import company usernames">
        <details className="admin-format">
          <summary>File format</summary>
          <p>
            A CSV file (UTF-8, comma-separated; semicolons and tabs work too) whose first row is the header{' '}
            <code>
              {IMPORT_COLUMNS.username},{IMPORT_COLUMNS.companyUsername}
            </code>
            . Other columns, such as <code>role</code> from the export, are ignored.
          </p>
          <ul>
            <li>
              <code>username</code> filled in: an existing user, by global username. A member gets that company username; someone who is not a
              member yet is invited with it, and joins when they accept on their account page.
            </li>
            <li>
              <code>username</code> empty: a new account that exists only in this company, with a one-time setup link for its password.
            </li>
            <li>
              The same rules as the field above decide. Invalid, taken, repeated, unknown-user and already-invited rows are shown with the reason and skipped;
              the rest are applied together, all or nothing.
            </li>
            <li>
              A leading <code>&apos;</code> before <code>= + - @</code> is dropped (the export adds it so spreadsheets do not run formulas).
            </li>
          </ul>
          <pre className="code">{`username,company_username\njane.doe,JD-0042\n,NEW-0043`}</pre>
        </details>
        <CsvImport companyId={company.id} />
      </Section>

      <Section id={`${key}-tokens`} title="API tokens">
        <p className="muted">
          For <code>GET /api/v2/usernames/check/company/{company.id}/&#123;companyUsername&#125;</code>. A token is shown once, when it is created.
        </p>
        <CreateTokenForm companyId={company.id} />
        {tokens.length === 0 ? (
          <p className="muted">No tokens yet.</p>
        ) : (
          <TokensTable tokens={tokens} companyId={company.id} caption={`API tokens of ${company.name}`} />
        )}
      </Section>

      <Section id={`${key}-audit`} title="Recent admin actions">
        {audit.length === 0 ? (
          <p className="muted">Nothing yet.</p>
        ) : (
          <ol className="admin-audit">
            {audit.map((e) => (
              <li key={e.id}>
                <time dateTime={e.at.toISOString()}>{formatUtc(e.at)}</time> <strong>{e.actor}</strong> {e.summary}
              </li>
            ))}
          </ol>
        )}
      </Section>
    </article>
  );
}
