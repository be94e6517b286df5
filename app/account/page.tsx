import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { currentSession } from '@/app/(auth)/session';
import { AccountInvitations } from '@/components/account-invitations';
import { ChangePasswordForm, DeleteAccountForm, EmailForm } from '@/components/account-forms';
import { AccountUsernameForm } from '@/components/account-username-form';
import { Providers } from '@/components/providers';
import { heldNamesOf, listMembershipsOf } from '@/lib/accounts/account';
import { findUserById } from '@/lib/accounts/users';
import { listMyInvitations } from '@/lib/companies/invitations';
import { globalHoldDays } from '@/lib/holds';
import { signOutAction, signOutEverywhereAction } from './actions';
import styles from './account.module.css';

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations('Account'))('title') };
}

/**
 * The signed-in person. Someone signed in through a company's page is the same person (same account,
 * same password), so they see the same page. An account made inside a company may have no global
 * username: it shows its company usernames and no change form, because a first global name is a new
 * public identity, which the signup gives, not a side effect of this page.
 */
export default async function AccountPage() {
  const session = await currentSession();
  const user = session ? (await findUserById(session.userId)) : undefined;
  if (!session || !user) redirect('/login?callbackUrl=/account');
  const memberships = await listMembershipsOf(user.id);
  const invitations = await listMyInvitations(session);
  const held = await heldNamesOf(user.id);
  const holdDays = globalHoldDays();
  const via = session.via === 'company' ? memberships.find((m) => m.companyId === session.companyId) : undefined;
  const t = await getTranslations('Account');
  const bdi = (chunks: React.ReactNode) => <bdi>{chunks}</bdi>;

  return (
    <div className={styles.account}>
      <div className={styles.heading}>
        <h1>{t('title')}</h1>
        <form action={signOutAction}>
          <button type="submit" className="button secondary">
            {t('signOut')}
          </button>
        </form>
      </div>

      <section className="card" aria-labelledby="username-heading">
        <h2 id="username-heading">{t('usernameHeading')}</h2>
        <p className={styles.signedIn}>
          {t.rich(via ? (via.companyUsername && user.username ? 'signedInViaWithUsername' : 'signedInVia') : 'signedIn', {
            name: user.username ?? session.name ?? '',
            company: via?.companyName ?? '',
            companyUsername: via?.companyUsername ?? '',
            strong: (chunks) => (
              <strong data-testid="account-username">
                <bdi>{chunks}</bdi>
              </strong>
            ),
            bdi,
          })}
        </p>
        {user.username ? (
          <Providers>
            <AccountUsernameForm currentUsername={user.username} />
          </Providers>
        ) : (
          <p className="muted">{t('noGlobalUsername')}</p>
        )}
        {held.length > 0 ? (
          <section aria-labelledby="held-heading" className={styles.held}>
            <h3 id="held-heading">{t('heldHeading')}</h3>
            <p className="muted">{t('heldLead')}</p>
            <ul>
              {held.map((h) => (
                <li key={h.username}>
                  <strong>
                    <bdi>{h.username}</bdi>
                  </strong>{' '}
                  <span className="muted">{t('heldUntil', { until: h.heldUntil })}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </section>

      <section className="card" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">{t('invitationsHeading')}</h2>
        <AccountInvitations invitations={invitations} />
      </section>

      <section className="card" aria-labelledby="email-heading">
        <h2 id="email-heading">{t('emailHeading')}</h2>
        <EmailForm email={user.email} verified={user.emailVerifiedAt !== null} />
      </section>

      <section className="card" aria-labelledby="companies-heading">
        <h2 id="companies-heading">{t('companiesHeading')}</h2>
        {memberships.length === 0 ? (
          <p className="muted">{t('noCompanies')}</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('company')}</th>
                  <th scope="col">{t('yourRole')}</th>
                  <th scope="col">{t('companyUsername')}</th>
                </tr>
              </thead>
              <tbody>
                {memberships.map((m) => (
                  <tr key={m.companyId}>
                    <td>
                      <bdi>{m.companyName}</bdi>
                      <br />
                      <Link href={`/login/${m.companySlug}`} className={styles.small}>
                        {t('signInPage')}
                      </Link>
                    </td>
                    <td>{t('role', { role: m.role })}</td>
                    <td>{m.companyUsername !== null ? <bdi>{m.companyUsername}</bdi> : <span className="muted">{t('noneYet')}</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">{t('passwordHeading')}</h2>
        <p className="muted">{t('passwordLead')}</p>
        <ChangePasswordForm username={user.username ?? session.name ?? ''} />
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">{t('sessionsHeading')}</h2>
        <p className="muted">{t('sessionsLead')}</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="button secondary">
            {t('signOutEverywhere')}
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="delete-heading">
        <h2 id="delete-heading">{t('deleteHeading')}</h2>
        <p className="muted">{t.rich(user.username ? (holdDays > 0 ? 'deleteLeadWithUsername' : 'deleteLeadWithUsernameFree') : 'deleteLead', {
            username: user.username ?? '',
            days: holdDays,
            bdi,
          })}</p>
        <DeleteAccountForm />
      </section>
    </div>
  );
}
