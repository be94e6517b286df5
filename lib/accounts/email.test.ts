import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRows } from '@/db/testing/sql';
import { describeVerifyLink, setEmail, verifyEmail } from '@/lib/accounts/email';
import { registerUser } from '@/lib/accounts/registration';
import { findUserById } from '@/lib/accounts/users';
import { hashSecretToken } from '@/lib/auth/token-hash';
import { HttpError } from '@/lib/http/problem';
import { linkIn, startMailSink, type MailSink } from '@/lib/testing/mail-sink';
import { makeUser, useFreshDatabase } from '@/lib/testing/fixtures';

// Email addresses: optional, one account per address whatever its case, and confirmed by a mailed
// one-time link before anything relies on them.

const sink: MailSink = await startMailSink();
process.env.SMTP_URL = sink.url;
process.env.APP_URL = 'https://names.example.com';

beforeAll(async () => {
  await useFreshDatabase('namecheck-email-');
});
afterAll(() => sink.close());

const PASSWORD = 'a long passphrase';
const verifyToken = async (to: string) => linkIn(await sink.waitFor(to, (m) => m.subject.includes('Confirm')), '/verify/').split('/verify/')[1]!;

async function refusal(work: () => unknown): Promise<HttpError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('email addresses', () => {
  it('at signup: stored unconfirmed, with a confirmation link mailed, hashed at rest', async () => {
    const { id } = await registerUser({ username: 'signs-up', password: PASSWORD, email: 'Signs.Up@Example.com' });
    expect(await findUserById(id)).toMatchObject({ email: 'Signs.Up@Example.com', emailCanonical: 'signs.up@example.com', emailVerifiedAt: null });
    const token = await verifyToken('Signs.Up@example.com');
    const rows = (await testRows("SELECT token_hash FROM account_tokens WHERE user_id = ? AND purpose = 'verify'", [id]));
    expect(rows).toEqual([{ token_hash: hashSecretToken(token) }]);
    expect(await describeVerifyLink(token)).toEqual({ email: 'Signs.Up@Example.com' });
    expect(await verifyEmail(token)).toEqual({ email: 'Signs.Up@Example.com' });
    expect((await findUserById(id))!.emailVerifiedAt).toBeInstanceOf(Date);
    // Once.
    expect(await describeVerifyLink(token)).toBeNull();
    expect((await refusal(() => verifyEmail(token))).status).toBe(404);
  });

  it('are unique whatever their case: at signup and on /account', async () => {
    await registerUser({ username: 'first-owner', password: PASSWORD, email: 'Shared@Example.com' });
    const error = await registerUser({ username: 'second-owner', password: PASSWORD, email: 'shared@EXAMPLE.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ status: 400, errors: { email: [expect.stringContaining('another account')] } });
    const other = await makeUser('third-owner', { password: PASSWORD });
    const taken = await refusal(() => setEmail(other.userId, 'SHARED@example.COM'));
    expect(taken).toMatchObject({ status: 400, errors: { email: [expect.stringContaining('another account')] } });
    expect((await findUserById(other.userId))!.email).toBeNull();
    expect((await refusal(() => setEmail(other.userId, 'not an address'))).errors?.email).toBeDefined();
  });

  it('a link confirms only the address it was sent to; a newer link cancels the older', async () => {
    const { userId } = await makeUser('changes-mind', { password: PASSWORD });
    await setEmail(userId, 'one@example.com');
    const forOne = await verifyToken('one@example.com');
    await setEmail(userId, 'two@example.com');
    const forTwo = await verifyToken('two@example.com');
    expect(await describeVerifyLink(forOne)).toBeNull();
    expect((await refusal(() => verifyEmail(forOne))).status).toBe(404);
    expect((await findUserById(userId))!.emailVerifiedAt).toBeNull();
    // Saving the same unconfirmed address again sends a new link; the one before stops working.
    await setEmail(userId, 'two@example.com');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const links = sink.mails.filter((m) => m.to.includes('two@example.com')).map((m) => linkIn(m, '/verify/').split('/verify/')[1]!);
    expect(links).toHaveLength(2);
    expect(await describeVerifyLink(forTwo)).toBeNull();
    expect(await verifyEmail(links[1]!)).toEqual({ email: 'two@example.com' });
    // Removing the address: nothing left to confirm.
    await setEmail(userId, '');
    expect(await findUserById(userId)).toMatchObject({ email: null, emailCanonical: null, emailVerifiedAt: null });
  });

  it('expires after a day', async () => {
    const { userId } = await makeUser('slowpoke', { password: PASSWORD });
    const t0 = Date.now();
    await setEmail(userId, 'slowpoke@example.com', t0);
    const token = await verifyToken('slowpoke@example.com');
    expect(await describeVerifyLink(token, t0 + 24 * 3600_000 - 1)).not.toBeNull();
    expect((await refusal(() => verifyEmail(token, t0 + 24 * 3600_000))).status).toBe(404);
  });
});
