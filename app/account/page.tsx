import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { currentSession } from '@/app/(auth)/session';
import { AccountInvitations } from '@/components/account-invitations';
import { ChangePasswordForm, DeleteAccountForm, EmailForm } from '@/components/account-forms';
import { AccountUsernameForm } from '@/components/account-username-form';
import { Providers } from '@/components/providers';
import { listMembershipsOf } from '@/lib/accounts/account';
import { findUserById } from '@/lib/accounts/users';
import { listMyInvitations } from '@/lib/companies/invitations';
import { signOutAction, signOutEverywhereAction } from './actions';
import styles from './account.module.css';

export const metadata: Metadata = { title: 'Your account' };

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
  const via = session.via === 'company' ? memberships.find((m) => m.companyId === session.companyId) : undefined;

  return (
    <div className={styles.account}>
      <div className={styles.heading}>
        <h1>Your account</h1>
        <form action={signOutAction}>
          <button type="submit" className="button secondary">
            Sign out
          </button>
        </form>
      </div>

      <section className="card" aria-labelledby="username-heading">
        <h2 id="username-heading">Your username</h2>
        <p className={styles.signedIn}>
          Signed in as <strong data-testid="account-username">{user.username ?? session.name}</strong>
          {via ? (
            <>
              {' '}
              through the {via.companyName} sign-in page
              {via.companyUsername && user.username ? <> (company username {via.companyUsername})</> : null}
            </>
          ) : null}
          .
        </p>
        {user.username ? (
          <Providers>
            <AccountUsernameForm currentUsername={user.username} />
          </Providers>
        ) : (
          <p className="muted">
            Your account belongs to your company and has no global username: you sign in on your company&apos;s page
            with the company username below.
          </p>
        )}
      </section>

      <section className="card" aria-labelledby="invitations-heading">
        <h2 id="invitations-heading">Invitations</h2>
        <AccountInvitations invitations={invitations} />
      </section>

      <section className="card" aria-labelledby="email-heading">
        <h2 id="email-heading">Email address</h2>
        <EmailForm email={user.email} verified={user.emailVerifiedAt !== null} />
      </section>

      <section className="card" aria-labelledby="companies-heading">
        <h2 id="companies-heading">Your companies</h2>
        {memberships.length === 0 ? (
          <p className="muted">You are not a member of any company.</p>
        ) : (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Company</th>
                  <th scope="col">Your role</th>
                  <th scope="col">Company username</th>
                </tr>
              </thead>
              <tbody>
                {memberships.map((m) => (
                  <tr key={m.companyId}>
                    <td>
                      {m.companyName}
                      <br />
                      <Link href={`/login/${m.companySlug}`} className={styles.small}>
                        Sign-in page
                      </Link>
                    </td>
                    <td>{m.role === 'admin' ? 'Admin' : 'Member'}</td>
                    <td>{m.companyUsername ?? <span className="muted">none yet</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="password-heading">
        <h2 id="password-heading">Change password</h2>
        <p className="muted">Changing it signs you out everywhere else; you stay signed in here.</p>
        <ChangePasswordForm username={user.username ?? session.name ?? ''} />
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        <p className="muted">Signed in on a device you no longer use, or not sure? This ends every session, this one too.</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="button secondary">
            Sign out everywhere
          </button>
        </form>
      </section>

      <section className="card" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete account</h2>
        <p className="muted">
          Your account, your company memberships and every session go at once{user.username ? <>, and the username {user.username} becomes free for anyone</> : null}. This cannot be undone. If you are the only admin of a company, make someone else an admin there first.
        </p>
        <DeleteAccountForm />
      </section>
    </div>
  );
}
