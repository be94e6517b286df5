import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { CompanyDashboard } from '@/lib/companies/dashboard';
import { formatUtc } from '@/lib/format';
import { IMPORT_COLUMNS } from '@/lib/companies/import/format';
import { CreateAccountForm, InviteMemberForm } from './add-member';
import { CopyButton } from './copy-button';
import { CsvImport } from './csv-import';
import { HeldNames } from './held-names';
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
  const { company, members, invitations, tokens, audit, usernameRules, branding, heldNames } = data;
  const basePath = `/admin/companies/${company.id}`;
  const loginPath = `/login/${company.slug}`;
  const loginUrl = origin + loginPath;
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  const key = `c${company.id}`;
  const t = useTranslations('Admin');
  const code = (chunks: React.ReactNode) => <code>{chunks}</code>;
  return (
    <article className="admin-company card" aria-labelledby={`${key}-name`} data-testid={`company-${company.slug}`}>
      <header className="admin-company-head">
        <Heading id={`${key}-name`}>
          <bdi>{company.name}</bdi>
        </Heading>
        <p className="muted">
          {t.rich('slugAndMembers', { slug: company.slug, count: company.memberCount, code })}
          {headingLevel === 2 ? (
            <>
              {' '}
              · <Link href={basePath}>{t('openCompany')}</Link>
            </>
          ) : null}
        </p>
      </header>

      <Section id={`${key}-login`} title={t('loginPage')}>
        <p>
          {t('loginPageLead')}{' '}
          <a href={loginPath} data-testid="company-login-link" dir="ltr">
            {loginUrl}
          </a>
        </p>
        <CopyButton value={loginUrl} what={t('copyWhat.loginLink')} />
        <LoginPageForm companyId={company.id} companyName={company.name} branding={branding} />
      </Section>

      <Section id={`${key}-rules`} title={t('rules.title')}>
        <p className="muted">{t('rules.intro')}</p>
        <UsernameRulesForm companyId={company.id} rules={usernameRules} />
      </Section>

      <Section id={`${key}-members`} title={t('members')}>
        <MembersTable companyId={company.id} companyName={company.name} members={members} basePath={basePath} held={heldNames} />
        <p>
          <a href={`${basePath}/members.csv`} download className="button secondary small">
            {t('exportMembers')}
          </a>
        </p>
      </Section>

      <Section id={`${key}-held`} title={t('held.title')}>
        <p className="muted">{t('held.lead')}</p>
        <HeldNames companyId={company.id} companyName={company.name} held={heldNames} />
      </Section>

      <Section id={`${key}-add`} title={t('addMember')}>
        <div className="admin-two">
          <InviteMemberForm companyId={company.id} />
          <CreateAccountForm companyId={company.id} />
        </div>
      </Section>

      <Section id={`${key}-invitations`} title={t('pendingInvitations')}>
        <InvitationsTable companyId={company.id} companyName={company.name} invitations={invitations} />
      </Section>

      <Section id={`${key}-import`} title={t('importTitle')}>
        <details className="admin-format">
          <summary>{t('fileFormat')}</summary>
          <p>{t.rich('formatHeader', { header: `${IMPORT_COLUMNS.username},${IMPORT_COLUMNS.companyUsername}`, code })}</p>
          <ul>
            <li>{t.rich('formatUsername', { code })}</li>
            <li>{t.rich('formatEmpty', { code })}</li>
            <li>{t('formatRules')}</li>
            <li>{t.rich('formatQuote', { code })}</li>
          </ul>
          <pre className="code">{`username,company_username\njane.doe,JD-0042\n,NEW-0043`}</pre>
        </details>
        <CsvImport companyId={company.id} />
      </Section>

      <Section id={`${key}-tokens`} title={t('apiTokens')}>
        <p className="muted">
          {t.rich('tokensLead', { path: `GET /api/v2/usernames/check/company/${company.id}/{companyUsername}`, code: (chunks) => <code dir="ltr">{chunks}</code> })}
        </p>
        <CreateTokenForm companyId={company.id} />
        {tokens.length === 0 ? (
          <p className="muted">{t('noTokens')}</p>
        ) : (
          <TokensTable tokens={tokens} companyId={company.id} caption={t('tokensOf', { company: company.name })} />
        )}
      </Section>

      <Section id={`${key}-audit`} title={t('recentActions')}>
        {audit.length === 0 ? (
          <p className="muted">{t('nothingYet')}</p>
        ) : (
          <ol className="admin-audit">
            {audit.map((e) => (
              <li key={e.id}>
                <time dateTime={e.at.toISOString()}>{formatUtc(e.at)}</time>{' '}
                <strong>
                  <bdi>{e.actor}</bdi>
                </strong>{' '}
                <bdi lang="en">{e.summary}</bdi>
              </li>
            ))}
          </ol>
        )}
      </Section>
    </article>
  );
}
