import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { changePassword, deleteAccount, signOutEverywhere } from '@/lib/accounts/account';
import { issueResetLink, completeReset } from '@/lib/accounts/password-reset';
import { completeSetup } from '@/lib/accounts/setup-links';
import { CLI_ACTOR } from '@/lib/audit';
import { createCompanyAccount } from '@/lib/companies/members';
import { sessionUserFromCookie } from '@/lib/auth/session-cookie';
import { SESSION_USER_CLAIM, SESSION_VERSION_CLAIM } from '@/lib/auth/session-claims';
import { reissueRequest } from '@/lib/auth/sessions';
import { findUserById } from '@/lib/accounts/users';
import { addToCompany, makeCompany, makeUser, useFreshDatabase } from '@/lib/testing/fixtures';

// Both readers of a session cookie, Auth.js's (behind every auth() and /api/auth/session) and the
// check endpoints' own decoder, refuse a token whose session version the account no longer has.

process.env.AUTH_SECRET = 'a-test-secret-that-is-long-enough-for-authjs';
const SALT = 'authjs.session-token';
const { handlers } = await import('@/app/(auth)/auth');

beforeAll(async () => {
  await useFreshDatabase('namecheck-sessions-');
});

/** The cookie a browser holds after signing in as `userId` at the account's version now. */
async function cookieFor(userId: number, versionAt?: number): Promise<string> {
  const version = versionAt ?? (await findUserById(userId))!.sessionVersion;
  const token = await encode({
    token: { [SESSION_USER_CLAIM]: userId, [SESSION_VERSION_CLAIM]: version, via: 'credentials', companyId: null, name: 'x' },
    secret: process.env.AUTH_SECRET!,
    salt: SALT,
  });
  return `${SALT}=${token}`;
}

/** What Auth.js answers at GET /api/auth/session for this cookie: the user id, or null. */
async function authjsSession(cookie: string): Promise<{ id: string | null; setCookie: string }> {
  const response = await handlers.GET(new NextRequest('http://localhost/api/auth/session', { headers: { cookie } }));
  const body = (await response.json()) as { user?: { id?: string } } | null;
  return { id: body?.user?.id ?? null, setCookie: response.headers.get('set-cookie') ?? '' };
}

/** Both readers at once: what each says about the cookie. */
async function readers(cookie: string): Promise<{ authjs: string | null; checks: number | null }> {
  const [authjs, user] = await Promise.all([authjsSession(cookie), sessionUserFromCookie(cookie)]);
  return { authjs: authjs.id, checks: user?.id ?? null };
}

const PASSWORD = 'correct horse battery';

describe('a session ends for good', () => {
  it('both readers accept a token at the account’s version', async () => {
    const { userId } = await makeUser('reader-ok', { password: PASSWORD });
    expect(await readers(await cookieFor(userId))).toEqual({ authjs: String(userId), checks: userId });
  });

  it('a token from before session versions (no version claim) is no session', async () => {
    const { userId } = await makeUser('reader-old', { password: PASSWORD });
    const token = await encode({ token: { [SESSION_USER_CLAIM]: userId, via: 'credentials', companyId: null }, secret: process.env.AUTH_SECRET!, salt: SALT });
    expect(await readers(`${SALT}=${token}`)).toEqual({ authjs: null, checks: null });
  });

  it('after signing out everywhere: every earlier token is refused by both readers, and Auth.js clears it', async () => {
    const { userId } = await makeUser('everywhere', { password: PASSWORD });
    const one = await cookieFor(userId);
    const two = await cookieFor(userId);
    await signOutEverywhere(userId);
    expect(await readers(one)).toEqual({ authjs: null, checks: null });
    expect(await readers(two)).toEqual({ authjs: null, checks: null });
    expect((await authjsSession(one)).setCookie).toMatch(/authjs\.session-token=;/);
    // A sign-in after it works again.
    expect(await readers(await cookieFor(userId))).toEqual({ authjs: String(userId), checks: userId });
  });

  it('after a password change', async () => {
    const { userId } = await makeUser('changer', { password: PASSWORD });
    const before = await cookieFor(userId);
    const version = await changePassword(userId, PASSWORD, 'a brand new passphrase');
    expect(version).toBe(1);
    expect(await readers(before)).toEqual({ authjs: null, checks: null });
  });

  it('after a password reset', async () => {
    const { userId } = await makeUser('resetter', { password: PASSWORD });
    const before = await cookieFor(userId);
    const link = await issueResetLink(userId, CLI_ACTOR);
    await completeReset(link.url.split('/reset/')[1]!, 'a reset passphrase');
    expect(await readers(before)).toEqual({ authjs: null, checks: null });
  });

  it('after a password set through a setup link', async () => {
    const company = await makeCompany('Setco', 'setco');
    const admin = await makeUser('setco-admin', { password: PASSWORD });
    await addToCompany(company, 'setco-admin', 'admin');
    const { member, setupLink } = await createCompanyAccount(admin, company, { companyUsername: 'S-1', role: 'member' });
    const before = await cookieFor(member.userId);
    await completeSetup(setupLink.path.replace('/setup/', ''), 'a setup passphrase');
    expect(await readers(before)).toEqual({ authjs: null, checks: null });
  });

  it('after deleting the account', async () => {
    const { userId } = await makeUser('leaver', { password: PASSWORD });
    const before = await cookieFor(userId);
    await deleteAccount(userId, PASSWORD);
    expect(await readers(before)).toEqual({ authjs: null, checks: null });
  });

  it('an old token cannot bring itself back with a session update it makes up', async () => {
    const { userId } = await makeUser('reviver', { password: PASSWORD });
    const old = await cookieFor(userId);
    await signOutEverywhere(userId);
    const current = (await findUserById(userId))!.sessionVersion;
    const csrf = await handlers.GET(new NextRequest('http://localhost/api/auth/csrf', { headers: { cookie: old } }));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = (csrf.headers.get('set-cookie') ?? '').split(';')[0];
    const post = (data: unknown) =>
      handlers.POST(
        new NextRequest('http://localhost/api/auth/session', {
          method: 'POST',
          headers: { cookie: `${old}; ${csrfCookie}`, 'content-type': 'application/json' },
          body: JSON.stringify({ csrfToken, data }),
        }),
      );
    for (const data of [{ sessionVersion: current }, { sessionVersion: current, proof: 'made-up' }, { sessionVersion: current, proof: reissueRequest(userId + 1, current).proof }]) {
      expect(await (await post(data)).json()).toBeNull();
    }
    // The server's own proof does move a token to the new version (what a password change uses).
    const moved = await post(reissueRequest(userId, current));
    expect(await moved.json()).toMatchObject({ user: { id: String(userId) } });
  });
});
