import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRows } from '@/db/testing/sql';
import { RESET_LINK_TTL_MS } from '@/lib/accounts/account-links';
import { setEmail, verifyEmail } from '@/lib/accounts/email';
import { completeReset, describeResetLink, issueResetLink, requestPasswordReset, RESET_REQUESTED } from '@/lib/accounts/password-reset';
import { CLI_ACTOR } from '@/lib/audit';
import { verifyGlobalLogin } from '@/lib/auth/login';
import { hashSecretToken } from '@/lib/auth/token-hash';
import { HttpError } from '@/lib/http/problem';
import { linkIn, startMailSink, type MailSink } from '@/lib/testing/mail-sink';
import { makeUser, useFreshDatabase } from '@/lib/testing/fixtures';

// Password reset links: one hour, one use, only the hash stored, a newer one cancels the older; the
// "Forgot password?" request answers the same for every name; mail goes through a real SMTP
// conversation with a sink in this process.

const sink: MailSink = await startMailSink();
process.env.SMTP_URL = sink.url;
process.env.APP_URL = 'https://names.example.com';
process.env.EMAIL_FROM = 'namecheck <no-reply@names.example.com>';

const PASSWORD = 'the old passphrase';
const tokenOf = (url: string) => url.split('/reset/')[1]!;

beforeAll(async () => {
  await useFreshDatabase('namecheck-reset-');
});
afterAll(() => sink.close());

/** A person with an address confirmed through the link mailed to it. */
async function withConfirmedEmail(username: string, email: string) {
  const user = await makeUser(username, { password: PASSWORD });
  await setEmail(user.userId, email);
  const mail = await sink.waitFor(email, (m) => m.subject.includes('Confirm'));
  await verifyEmail(linkIn(mail, '/verify/').split('/verify/')[1]!);
  return user;
}

async function storedResetHashes(userId: number): Promise<string[]> {
  return ((await testRows("SELECT token_hash FROM account_tokens WHERE user_id = ? AND purpose = 'reset'", [userId])) as { token_hash: string }[]).map((r) => r.token_hash);
}

describe('reset links', () => {
  it('live for one hour by an injected clock, then refused', async () => {
    const { userId } = await makeUser('clocked', { password: PASSWORD });
    const t0 = Date.parse('2030-01-01T10:00:00Z');
    const link = await issueResetLink(userId, CLI_ACTOR, t0);
    expect(link.expiresAt.getTime()).toBe(t0 + RESET_LINK_TTL_MS);
    const token = tokenOf(link.url);
    expect(await describeResetLink(token, t0 + RESET_LINK_TTL_MS - 1)).toEqual({ name: 'clocked', signInPath: '/login' });
    expect(await describeResetLink(token, t0 + RESET_LINK_TTL_MS)).toBeNull();
    await expect(completeReset(token, 'a new passphrase', t0 + RESET_LINK_TTL_MS + 1)).rejects.toMatchObject({ status: 404 });
    expect(await verifyGlobalLogin('clocked', PASSWORD)).not.toBeNull();
  });

  it('work once: the password is set, and the second use is refused', async () => {
    const { userId } = await makeUser('once', { password: PASSWORD });
    const token = tokenOf((await issueResetLink(userId, CLI_ACTOR)).url);
    await expect(completeReset(token, 'short')).rejects.toMatchObject({ status: 400 });
    expect(await completeReset(token, 'a new passphrase')).toEqual({ name: 'once', signInPath: '/login' });
    expect(await verifyGlobalLogin('once', 'a new passphrase')).not.toBeNull();
    expect(await verifyGlobalLogin('once', PASSWORD)).toBeNull();
    expect(await describeResetLink(token)).toBeNull();
    const again = await completeReset(token, 'a third passphrase').catch((error: unknown) => error);
    expect(again).toBeInstanceOf(HttpError);
    expect(again).toMatchObject({ status: 404 });
    expect(await verifyGlobalLogin('once', 'a third passphrase')).toBeNull();
  });

  it('a newer link cancels the older one', async () => {
    const { userId } = await makeUser('twice', { password: PASSWORD });
    const older = tokenOf((await issueResetLink(userId, CLI_ACTOR)).url);
    const newer = tokenOf((await issueResetLink(userId, CLI_ACTOR)).url);
    expect(await describeResetLink(older)).toBeNull();
    await expect(completeReset(older, 'a new passphrase')).rejects.toMatchObject({ status: 404 });
    expect(await describeResetLink(newer)).not.toBeNull();
  });

  it('are stored as the SHA-256 of the token, never the token', async () => {
    const { userId } = await makeUser('hashed', { password: PASSWORD });
    const token = tokenOf((await issueResetLink(userId, CLI_ACTOR)).url);
    expect(await storedResetHashes(userId)).toEqual([hashSecretToken(token)]);
    const everything = JSON.stringify((await testRows('SELECT * FROM account_tokens')));
    expect(everything).not.toContain(token);
  });

  it('two submissions of one link at once: exactly one sets its password', async () => {
    const { userId } = await makeUser('racer', { password: PASSWORD });
    const token = tokenOf((await issueResetLink(userId, CLI_ACTOR)).url);
    const outcomes = await Promise.allSettled([completeReset(token, 'first passphrase'), completeReset(token, 'second passphrase')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
  });
});

describe('Forgot password?', () => {
  it('answers the same for an unknown name, an account without a confirmed address, and one with', async () => {
    await withConfirmedEmail('has-mail', 'has-mail@example.com');
    const unconfirmed = await makeUser('unconfirmed', { password: PASSWORD });
    await setEmail(unconfirmed.userId, 'unconfirmed@example.com');
    await sink.waitFor('unconfirmed@example.com', (m) => m.subject.includes('Confirm'));
    await makeUser('no-mail', { password: PASSWORD });
    const before = sink.mails.length;
    const answers = await Promise.all(
      ['nobody-at-all', 'nobody@example.com', 'no-mail', 'unconfirmed', 'unconfirmed@example.com', 'has-mail', 'x'.repeat(5000)].map((name) => requestPasswordReset(name)),
    );
    expect(new Set(answers)).toEqual(new Set([RESET_REQUESTED]));
    // Exactly one mail went out: to the confirmed address, named by username.
    const mail = await sink.waitFor('has-mail@example.com', (m) => m.subject.includes('Reset'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.mails.slice(before).map((m) => m.to)).toEqual([['has-mail@example.com']]);
    expect(mail.text).toContain('one hour');
  });

  it('takes no longer when a mail goes out, even from a slow mail server: the mail is sent after the answer', async () => {
    await withConfirmedEmail('slow-mail', 'slow-mail@example.com');
    sink.delayMs = 1500;
    try {
      const started = performance.now();
      expect(await requestPasswordReset('SLOW-MAIL@example.com')).toBe(RESET_REQUESTED);
      const withMail = performance.now() - started;
      const startedUnknown = performance.now();
      expect(await requestPasswordReset('nobody-slow@example.com')).toBe(RESET_REQUESTED);
      const withoutMail = performance.now() - startedUnknown;
      expect(withMail).toBeLessThan(100);
      expect(withoutMail).toBeLessThan(100);
      await sink.waitFor('slow-mail@example.com', (m) => m.subject.includes('Reset'));
    } finally {
      sink.delayMs = 0;
    }
  });

  it('the mailed link sets a new password once, and a request in the next minute sends no second mail', async () => {
    const { userId } = await withConfirmedEmail('mailed', 'Mailed@Example.com');
    await requestPasswordReset('mailed@example.com');
    const mail = await sink.waitFor('Mailed@Example.com', (m) => m.subject.includes('Reset'));
    const url = linkIn(mail, '/reset/');
    expect(url).toMatch(/^https:\/\/names\.example\.com\/reset\//);
    await requestPasswordReset('mailed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(sink.mails.filter((m) => m.to.includes('Mailed@example.com') && m.subject.includes('Reset'))).toHaveLength(1);
    expect(await storedResetHashes(userId)).toEqual([hashSecretToken(tokenOf(url))]);
    await completeReset(tokenOf(url), 'the mailed passphrase');
    expect(await verifyGlobalLogin('mailed', 'the mailed passphrase')).not.toBeNull();
    await expect(completeReset(tokenOf(url), 'once more passphrase')).rejects.toMatchObject({ status: 404 });
  });
});
