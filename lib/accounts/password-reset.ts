import { deleteUnusedAccountTokens, newestAccountTokenAt } from '@/db/queries/account-tokens';
import { listCompaniesOfUser } from '@/db/queries/memberships';
import { findUserByEmailCanonical, findUserById, updatePasswordHash, type User } from '@/db/queries/users';
import { writeTransaction } from '@/db/transactions';
import { issueAccountLink, liveAccountLink, spendAccountLink, type IssuedLink } from '@/lib/accounts/account-links';
import { findUserByUsername, passwordOrThrow } from '@/lib/accounts/users';
import { recordAudit, type Actor } from '@/lib/audit';
import { hashPassword } from '@/lib/auth/password';
import { mintLinkToken } from '@/lib/auth/token-hash';
import { HttpError } from '@/lib/http/problem';
import { mailConfigured, sendMailLater } from '@/lib/mail';

// Password reset: a one-time link (`/reset/<token>`, valid one hour, only its hash stored, a newer
// one cancels the older) by which a person sets a new password without the old one. People ask for
// one on /login/forgot (mailed to their verified address when mail is configured); operators print
// one with `cli user reset-link`. Setting the password spends the link and ends every session.

/** One answer for every request, whether or not the account exists or has an address. */
export const RESET_REQUESTED =
  'If an account has that username or a confirmed email address, a reset link is on its way to that address. It works once, for one hour. No mail after a few minutes? Check the spelling, or ask an operator for a link.';

export const RESET_LINK_INVALID = 'This reset link has expired, has been used already, or a newer one was sent. Ask for a new one.';

// A person gets at most one mailed link a minute, however often the form is sent for them.
const MAIL_QUIET_MS = 60_000;

function auditActor(user: Pick<User, 'id' | 'username'>): Actor {
  return { userId: user.id, label: user.username ?? `user #${user.id}` };
}

/** Issues a reset link for a person (an operator's, from the CLI); their older links stop working. */
export async function issueResetLink(userId: number, actor: Actor, now: number = Date.now()): Promise<IssuedLink> {
  return writeTransaction(async () => {
    const user = await findUserById(userId);
    if (!user) throw new HttpError('not_found', 'There is no such account.');
    const link = await issueAccountLink(userId, 'reset', now);
    await recordAudit(actor, { action: 'user.reset_link', target: user.username ?? `user #${userId}` });
    return link;
  });
}

/** The account a "username or email" names: a global username, or an address that was verified. */
async function accountNamed(identifier: string): Promise<User | undefined> {
  // Both lookups every time, so the work done says nothing about which kind of name it was.
  const byName = identifier.length <= 1024 ? (await findUserByUsername(identifier)) : undefined;
  const byEmail = identifier.length <= 254 ? (await findUserByEmailCanonical(identifier.toLowerCase())) : undefined;
  if (byName) return byName;
  return byEmail?.emailVerifiedAt ? byEmail : undefined;
}

function resetMail(to: string, link: IssuedLink) {
  return {
    to,
    subject: 'Reset your namecheck password',
    text: [
      'Someone (we hope you) asked to reset the password of your namecheck account.',
      '',
      'Open this link to choose a new password (it works once, for one hour):',
      link.url,
      '',
      'Setting a new password signs you out everywhere.',
      'If this was not you, ignore this mail: your password stays as it is.',
    ].join('\n'),
  };
}

/**
 * "Forgot password?": mails a reset link to the account's verified address, and answers the same
 * (RESET_REQUESTED) in the same time whatever the outcome: an unknown name, an account without a
 * verified address and a known one all do both lookups, mint a token and take the write lock; only
 * the insert differs, and the mail goes out after the answer (lib/mail.ts), never before it.
 */
export async function requestPasswordReset(identifier: string, now: number = Date.now()): Promise<string> {
  const user = await accountNamed(identifier);
  const minted = mintLinkToken();
  const link = await writeTransaction(async () => {
    const email = user?.emailVerifiedAt ? user.email : null;
    if (!user || !email || !mailConfigured()) return null;
    const last = await newestAccountTokenAt(user.id, 'reset');
    if (last && now - last.getTime() < MAIL_QUIET_MS) return null;
    await recordAudit(auditActor(user), { action: 'user.reset_link.mailed' });
    return { to: email, link: await issueAccountLink(user.id, 'reset', now, null, minted) };
  });
  if (link) sendMailLater(resetMail(link.to, link.link));
  return RESET_REQUESTED;
}

export interface ResetLinkView {
  /** the global username, or the company username for an account that only has one */
  name: string;
  /** where this person signs in: /login, or their company's page */
  signInPath: string;
}

async function viewOf(user: User): Promise<ResetLinkView> {
  if (user.username) return { name: user.username, signInPath: '/login' };
  const first = (await listCompaniesOfUser(user.id))[0];
  return { name: first?.companyUsername ?? `account #${user.id}`, signInPath: first ? `/login/${first.company.slug}` : '/login' };
}

/** What the reset page shows for a link, or null when it does not work (any more). */
export async function describeResetLink(token: string, now: number = Date.now()): Promise<ResetLinkView | null> {
  const live = await liveAccountLink(token, 'reset', now);
  const user = live ? (await findUserById(live.userId)) : undefined;
  return user ? (await viewOf(user)) : null;
}

/**
 * Sets a new password through a reset link, once. The link is spent, the person's other reset links
 * are cancelled, and every session of theirs ends (updatePasswordHash bumps the session version).
 */
export async function completeReset(token: string, password: string, now: number = Date.now()): Promise<ResetLinkView> {
  passwordOrThrow(password);
  if (!(await liveAccountLink(token, 'reset', now))) throw new HttpError('not_found', RESET_LINK_INVALID);
  const passwordHash = await hashPassword(password);
  return writeTransaction(async () => {
    // Decided again inside the transaction: two submissions of one link cannot both pass.
    const live = await liveAccountLink(token, 'reset', now);
    const user = live ? (await findUserById(live.userId)) : undefined;
    if (!live || !user) throw new HttpError('not_found', RESET_LINK_INVALID);
    if (!(await spendAccountLink(token, now))) throw new HttpError('not_found', RESET_LINK_INVALID);
    await deleteUnusedAccountTokens(user.id, 'reset');
    await updatePasswordHash(user.id, passwordHash, new Date(now));
    await recordAudit(auditActor(user), { action: 'user.password.reset' });
    return viewOf(user);
  });
}
