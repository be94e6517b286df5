import Link from 'next/link';
import type { MemberPage } from '@/lib/companies/members';
import { MemberRow } from './member-row';

interface Props {
  companyId: number;
  companyName: string;
  members: MemberPage;
  /** The company's own admin page, where searching and paging happen. */
  basePath: string;
}

function pageHref(basePath: string, companyId: number, query: string, page: number): string {
  const params = new URLSearchParams();
  if (query) params.set('q', query);
  if (page > 1) params.set('page', String(page));
  const search = params.toString();
  return `${basePath}${search ? `?${search}` : ''}#c${companyId}-members`;
}

/** A company's members, a page at a time, searchable by global or company username. */
export function MembersTable({ companyId, companyName, members, basePath }: Props) {
  const { rows, total, page, pageCount, query } = members;
  const searchId = `member-search-${companyId}`;
  return (
    <div className="admin-members">
      <form method="get" action={`${basePath}#c${companyId}-members`} className="admin-search" role="search" aria-label={`Search the members of ${companyName}`}>
        <label htmlFor={searchId}>Search members</label>
        <div className="admin-inline">
          <input id={searchId} name="q" type="search" defaultValue={query} placeholder="Global or company username" autoComplete="off" />
          <button type="submit" className="button secondary">
            Search
          </button>
          {query ? (
            <Link href={`${basePath}#c${companyId}-members`} className="button secondary">
              Clear
            </Link>
          ) : null}
        </div>
      </form>
      <p className="muted" aria-live="polite">
        {total === 0
          ? query
            ? `No member matches "${query}".`
            : 'No members yet.'
          : `${total.toLocaleString('en')} member${total === 1 ? '' : 's'}${query ? ` matching "${query}"` : ''}, page ${page} of ${pageCount}.`}
      </p>
      {rows.length > 0 ? (
        <div className="table-wrap">
          <table className="admin-table admin-members-table">
            <caption className="sr-only">Members of {companyName}</caption>
            <thead>
              <tr>
                <th scope="col">Global username</th>
                <th scope="col">Role</th>
                <th scope="col">Company username</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((member) => (
                <MemberRow key={member.userId} companyId={companyId} member={member} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pageCount > 1 ? (
        <nav className="admin-pages" aria-label={`Pages of members of ${companyName}`}>
          {page > 1 ? <Link href={pageHref(basePath, companyId, query, page - 1)}>← Previous page</Link> : <span />}
          <span className="muted">
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? <Link href={pageHref(basePath, companyId, query, page + 1)}>Next page →</Link> : <span />}
        </nav>
      ) : null}
    </div>
  );
}
