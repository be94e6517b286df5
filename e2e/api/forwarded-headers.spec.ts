import type { APIRequestContext } from '@playwright/test';
import { cliJson } from '../support/cli';
import { demoPassword, expect, signInViaApi, test } from '../support/fixtures';
import { raw } from '../support/http';
import { startServer } from '../support/server';

// A client's X-Forwarded-Host and X-Forwarded-Proto would steer Auth.js (its redirects, and the
// Secure flag and __Host- prefix of its cookies) and the app's idea of its own origin (the company
// login address /admin shows, the admin routes' same-origin check). They count only from a proxy
// the operator trusts (TRUST_PROXY=1).

const FORGED = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' };

/** The names and Secure flags of the cookies an answer sets. */
function cookiesOf(setCookie: string | string[] | undefined): { name: string; secure: boolean }[] {
  const list = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  return list.map((cookie) => ({ name: cookie.split('=', 1)[0]!, secure: /;\s*secure/i.test(cookie) }));
}

async function companyLoginAddress(request: APIRequestContext, headers: Record<string, string>): Promise<string> {
  const html = await (await request.get('/admin/companies/1', { headers })).text();
  return /(https?:\/\/[^"<\s]+\/login\/acme)/.exec(html)?.[1] ?? '(no company login address on the page)';
}

test.describe('without TRUST_PROXY', () => {
  test("a client's X-Forwarded-Host and -Proto change neither Auth.js's cookies nor its redirects", async ({ baseURL }) => {
    const csrf = await raw(baseURL!, { path: '/api/auth/csrf', headers: FORGED });
    expect(csrf.status).toBe(200);
    const cookies = cookiesOf(csrf.headers['set-cookie']);
    expect(cookies.length).toBeGreaterThan(0);
    for (const cookie of cookies) {
      expect(cookie.name).not.toMatch(/^__(Host|Secure)-/);
      expect(cookie.secure).toBe(false);
    }
    const signIn = await raw(baseURL!, { path: '/api/auth/signin', headers: FORGED });
    expect(signIn.status).toBeGreaterThanOrEqual(300);
    // Auth.js's redirect names where to come back to, in the scheme it believes the request came in.
    expect(String(signIn.headers.location)).toContain('callbackUrl=http%3A%2F%2F');
    expect(String(signIn.headers.location)).not.toContain('evil.example');
  });

  test('the company login address on /admin is the one the browser reached', async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    try {
      await signInViaApi(request, { username: 'admin', password: demoPassword('admin') });
      expect(await companyLoginAddress(request, FORGED)).toBe(`${baseURL}/login/acme`);
    } finally {
      await request.dispose();
    }
  });
});

test('with TRUST_PROXY=1 the proxy\'s X-Forwarded-Host and -Proto are what Auth.js and the app go by', async ({ playwright }) => {
  const server = await startServer({ env: { TRUST_PROXY: '1', LOG_REQUESTS: '0' } });
  try {
    const demo = cliJson<{ users: { username: string; password: string | null }[] }>(['seed', '--demo'], server.databaseUrl);
    const csrf = await raw(server.url, { path: '/api/auth/csrf', headers: FORGED });
    expect(cookiesOf(csrf.headers['set-cookie'])).toContainEqual({ name: '__Host-authjs.csrf-token', secure: true });
    const signIn = await raw(server.url, { path: '/api/auth/signin', headers: FORGED });
    expect(String(signIn.headers.location)).toContain('callbackUrl=https%3A%2F%2F');

    const request = await playwright.request.newContext({ baseURL: server.url });
    try {
      const password = demo.users.find((user) => user.username === 'admin')!.password!;
      await signInViaApi(request, { username: 'admin', password });
      // The host alone (a proxy that says https would also have the browser keep the __Secure- cookie).
      expect(await companyLoginAddress(request, { 'x-forwarded-host': 'evil.example' })).toBe('http://evil.example/login/acme');
      expect(await companyLoginAddress(request, {})).toBe(`${server.url}/login/acme`);
    } finally {
      await request.dispose();
    }
  } finally {
    await server.stop();
  }
});
