import Link from 'next/link';
import { useTranslations } from 'next-intl';
import type { MemberPage } from '@/lib/companies/members';
import type { HeldCompanyUsername } from '@/lib/companies/holds';
import { MemberRow } from './member-row';

interface Props {
  companyId: number;
  companyName: string;
  members: MemberPage;
  /** The company's own admin page, where searching and paging happen. */
  basePath: string;
  /** The company's held usernames: a member's own are theirs to take back, whatever the live check says. */
  held?: HeldCompanyUsername[];
}

function pageHref(basePath: string, companyId: number, query: string, page: number): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `${basePath}${search ? `?${search}` : ''}#c${companyId}-members`;
}

/** A company's members, a page at a time, searchable by global or company username. */
export function MembersTable({ companyId, companyName, members, basePath, held = [] }: Props) {
  const { rows, total, page, pageCount, query } = members;
  const searchId = `member-search-${companyId}`;
  const t = useTranslations('Admin');
  return (
    <div className="admin-members">
      <form method="get" action={`${basePath}#c${companyId}-members`} className="admin-search" role="search" aria-label={t('searchMembersOf', { company: companyName })}>
        <label htmlFor={searchId}>{t('searchMembers')}</label>
        <div className="admin-inline">
          <input id={searchId} name="q" type="search" defaultValue={query} placeholder={t('searchPlaceholder')} autoComplete="off" dir="auto" />
          <button type="submit" className="button secondary">
            {t('search')}
          </button>
          {query ? (
            <Link href={`${basePath}#c${companyId}-members`} className="button secondary">
              {t('clear')}
            </Link>
          ) : null}
        </div>
      </form>
      <p className="muted" aria-live="polite">
        {total === 0
          ? query
            ? t('noMatch', { query })
            : t('noMembers')
          : query
            ? t('membersMatching', { count: total, query, page, pageCount })
            : t('membersPage', { count: total, page, pageCount })}
      </p>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="admin-table admin-members-table">
            <caption className="sr-only">{t('membersOf', { company: companyName })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('globalUsername')}</th>
                <th scope="col">{t('role')}</th>
                <th scope="col">{t('companyUsername')}</th>
                <th scope="col">
                  <span className="sr-only">{t('actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((member) => (
                <MemberRow key={member.userId} companyId={companyId} member={member} ownHeld={held.filter((h) => h.userId === member.userId).map((h) => h.companyUsername)} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pageCount > 1 ? (
        <nav className="admin-pages" aria-label={t('pagesOf', { company: companyName })}>
          {page > 1 ? <Link href={pageHref(basePath, companyId, query, page - 1)}>{t('previousPage')}</Link> : <span />}
          <span className="muted">{t('pageOf', { page, pageCount })}</span>
          {page < pageCount ? <Link href={pageHref(basePath, companyId, query, page + 1)}>{t('nextPage')}</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
