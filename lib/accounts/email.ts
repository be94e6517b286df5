import { z } from 'zod';
import { isUniqueViolation } from '@/db/errors';
import { findUserById, markEmailVerified, updateEmail } from '@/db/queries/users';
import { deleteUnusedAccountTokens } from '@/db/queries/account-tokens';
import { writeTransaction } from '@/db/transactions';
import { issueAccountLink, liveAccountLink, spendAccountLink, type IssuedLink } from '@/lib/accounts/account-links';
import { recordAudit } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';
import { sendMailLater } from '@/lib/mail';

// A person's email address: optional, one account per address (compared without regard to case:
// the unique index is on the lower-cased form), and used for a password reset only once a link
// mailed to it has been opened (verified).

export const EMAIL_MAX = 254;
const EmailSchema = z.email().max(EMAIL_MAX);

export const EMAIL_INVALID = 'Enter an email address such as name@example.com, or leave this empty.';
export const EMAIL_TAKEN = 'This email address belongs to another account. Use another one, or leave this empty.';

export interface EmailForms {
  address: string;
  canonical: string;
}

/** The forms stored for an address: as typed, and lower-cased (what decides uniqueness). */
export function emailForms(address: string): EmailForms {
  if (!EmailSchema.safeParse(address).success) {
    throw new HttpError('validation_error', EMAIL_INVALID, { errors: { email: [EMAIL_INVALID] } });
  }
  return { address, canonical: address.toLowerCase() };
}

/** The unique index on the canonical address decides at last: another account's address is a 400 on `email`. */
export function emailConflict(error: unknown): HttpError | null {
  return isUniqueViolation(error, 'email_canonical') ? new HttpError('validation_error', EMAIL_TAKEN, { errors: { email: [EMAIL_TAKEN] } }) : null;
}

/** The verification mail for an address (its link works for a day). */
export function sendVerificationMail(to: string, link: IssuedLink): void {
  sendMailLater({
    to,
    subject: 'Confirm your email address for namecheck',
    text: [
      'Someone (we hope you) gave this address to a namecheck account.',
      '',
      `Open this link to confirm it (it works once, for 24 hours):`,
      link.url,
      '',
      'Once confirmed, the address can receive password reset links for that account.',
      'If this was not you, ignore this mail: the address stays unconfirmed.',
    ].join('\n'),
  });
}

/** Issues a verification link for the person's current address, inside the caller's transaction. */
export async function issueVerificationLink(userId: number, email: EmailForms, now: number): Promise<IssuedLink> {
  return issueAccountLink(userId, 'verify', now, email.canonical);
}

export interface EmailChange {
  email: string | null;
  /** true when a verification mail was sent (asked for) */
  verificationSent: boolean;
}

/**
 * Sets (or, with '', removes) a person's address. A new address is unverified until its link is
 * opened; the mail goes out after the answer. Giving the same address again resends the link.
 */
export async function setEmail(userId: number, address: string, now: number = Date.now()): Promise<EmailChange> {
  const forms = address === '' ? null : emailForms(address);
  try {
    const outcome = await writeTransaction(async () => {
      const user = await findUserById(userId);
      if (!user) throw new HttpError('not_found', 'This account no longer exists.');
      // The address it has and has verified already (in any case): nothing to do.
      if (forms && user.emailCanonical === forms.canonical && user.emailVerifiedAt !== null) return { link: null, email: user.email };
      await updateEmail(userId, forms);
      await deleteUnusedAccountTokens(userId, 'verify');
      await recordAudit({ userId, label: user.username ?? `user #${userId}` }, { action: forms ? 'user.email.set' : 'user.email.remove' });
      return { link: forms ? (await issueVerificationLink(userId, forms, now)) : null, email: forms?.address ?? null };
    });
    if (outcome.link && forms) sendVerificationMail(forms.address, outcome.link);
    return { email: outcome.email, verificationSent: outcome.link !== null };
  } catch (error) {
    throw emailConflict(error) ?? error;
  }
}

export const VERIFY_LINK_INVALID = 'This confirmation link has expired, has been used already, or is for an address this account no longer has. Ask for a new one on your account page.';

/** What the verify page shows for a link, or null when it does not work (any more). */
export async function describeVerifyLink(token: string, now: number = Date.now()): Promise<{ email: string } | null> {
  const live = await liveAccountLink(token, 'verify', now);
  if (!live) return null;
  const user = await findUserById(live.userId);
  return user?.email && user.emailCanonical === live.email ? { email: user.email } : null;
}

/** Marks the address the link was sent to as verified, once; refused when the address has changed since. */
export async function verifyEmail(token: string, now: number = Date.now()): Promise<{ email: string }> {
  return writeTransaction(async () => {
    const live = await liveAccountLink(token, 'verify', now);
    const user = live ? (await findUserById(live.userId)) : undefined;
    if (!live || !user?.email || user.emailCanonical !== live.email) throw new HttpError('not_found', VERIFY_LINK_INVALID);
    if (!(await spendAccountLink(token, now))) throw new HttpError('not_found', VERIFY_LINK_INVALID);
    await markEmailVerified(user.id, new Date(now));
    await recordAudit({ userId: user.id, label: user.username ?? `user #${user.id}` }, { action: 'user.email.verify' });
    return { email: user.email };
  });
}
