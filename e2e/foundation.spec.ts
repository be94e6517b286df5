import { connect } from 'node:net';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { demoPassword, expect, signInViaApi, test } from './support/fixtures';
import { startServer } from './support/server';

test.describe('the process and its errors', () => {
  test('health answers once the database does, with a request id and no caching', async ({ request }) => {
    const res = await request.get('/api/health');
    expect(res.status()).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers()['cache-control']).toBe('no-store');
    const again = await request.get('/api/health');
    expect(again.headers()['x-request-id']).not.toBe(res.headers()['x-request-id']);
  });

  test('pages carry a request id too', async ({ request }) => {
    const res = await request.get('/login');
    expect(res.status()).toBe(200);
    expect(res.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('an unknown /api path is a 404 problem, not an HTML page', async ({ request }) => {
    const res = await request.get('/api/no/such/thing');
    expect(res.status()).toBe(404);
    expect(res.headers()['content-type']).toContain('application/problem+json');
    const body = await res.json();
    expect(body).toMatchObject({ status: 404, title: 'Not Found' });
    expect(typeof body.type).toBe('string');
    expect(typeof body.detail).toBe('string');
  });

  test('an unsupported method is a 405 problem with Allow', async ({ request }) => {
    const res = await request.delete('/api/health');
    expect(res.status()).toBe(405);
    expect(res.headers()['allow']).toBe('GET');
    expect(res.headers()['content-type']).toContain('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 405, title: 'Method Not Allowed' });
  });

  test('an invalid percent-encoding under /api is a 400 problem, not a 500', async ({ request }) => {
    const res = await request.get('/api/v2/usernames/check/company/1/%E0%A4%A');
    expect(res.status()).toBe(400);
    expect(res.headers()['content-type']).toContain('application/problem+json');
  });
});

test.describe('signing in as the contract describes', () => {
  test('credentials callback gives a session; wrong password and unknown user answer alike', async ({ playwright, baseURL }) => {
    const good = await playwright.request.newContext({ baseURL });
    const res = await signInViaApi(good, { username: 'johndoe123', password: demoPassword('johndoe123') });
    expect(res.status()).toBe(302);
    expect(res.headers()['location']).not.toContain('error');
    const session = await (await good.get('/api/auth/session')).json();
    expect(session.user.name).toBe('johndoe123');
    await good.dispose();

    const answers = [];
    for (const fields of [
      { username: 'johndoe123', password: 'not-the-password' },
      { username: 'nobody-at-all-here', password: 'not-the-password' },
    ]) {
      const ctx = await playwright.request.newContext({ baseURL });
      const failed = await signInViaApi(ctx, fields);
      answers.push({ status: failed.status(), location: failed.headers()['location'] });
      expect(await (await ctx.get('/api/auth/session')).json()).toBeNull();
      await ctx.dispose();
    }
    expect(answers[0]?.status).toBe(302);
    expect(answers[0]?.location).toContain('error=CredentialsSignin');
    expect(answers[1]).toEqual(answers[0]);
  });

  test('a case and width variant of the username signs in too', async ({ playwright, baseURL }) => {
    const ctx = await playwright.request.newContext({ baseURL });
    await signInViaApi(ctx, { username: 'ＪｏｈｎＤｏｅ１２３', password: demoPassword('johndoe123') });
    const session = await (await ctx.get('/api/auth/session')).json();
    expect(session?.user?.name).toBe('johndoe123');
    await ctx.dispose();
  });

  test('the login page signs a person in and lands on /account', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Username').fill('johndoe123');
    await page.getByLabel('Password').fill(demoPassword('johndoe123'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('account-username')).toHaveText('johndoe123');
  });

  test('the login page shows one alert for a wrong password', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Username').fill('johndoe123');
    await page.getByLabel('Password').fill('wrong-password-here');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Next's route announcer is an empty role=alert region on every page; ours is the one with text.
    const alerts = page.getByRole('alert').filter({ hasText: /\S/ });
    await expect(alerts).toHaveCount(1);
    await expect(alerts).toContainText('do not match');
  });
});

test.describe('the server process', () => {
  test('creates the database and secret, reuses both on restart, and drains on SIGTERM', async ({ playwright }) => {
    test.setTimeout(180_000);
    const first = await startServer();
    const dbFile = join(first.dataDir, 'namecheck.db');
    expect(existsSync(dbFile)).toBe(true);
    const secret = readFileSync(`${dbFile}.auth-secret`, 'utf8');
    expect(secret.trim().length).toBeGreaterThanOrEqual(32);

    // A user and a session made on the first run …
    const { runCli } = await import('./support/cli');
    expect(runCli(['user', 'create', '--username', 'restart-user', '--password', 'restart-password-1'], first.databaseUrl).status).toBe(0);
    const ctx = await playwright.request.newContext({ baseURL: first.url });
    await signInViaApi(ctx, { username: 'restart-user', password: 'restart-password-1' });
    const state = await ctx.storageState();
    await ctx.dispose();
    expect(await first.stop('SIGTERM')).toBe(0);

    // … still hold on the second: same database, same secret.
    const second = await startServer({ dataDir: first.dataDir });
    expect(readFileSync(`${dbFile}.auth-secret`, 'utf8')).toBe(secret);
    const again = await playwright.request.newContext({ baseURL: second.url, storageState: state });
    const session = await (await again.get('/api/auth/session')).json();
    expect(session?.user?.name).toBe('restart-user');
    await again.dispose();

    // SIGTERM while a request is half sent: the request still gets its whole answer.
    const csrfRes = await fetch(`${second.url}/api/auth/csrf`);
    const cookie = csrfRes.headers.get('set-cookie')?.split(';')[0] ?? '';
    const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
    const body = new URLSearchParams({ csrfToken, username: 'restart-user', password: 'restart-password-1' }).toString();
    const socket = connect(second.port, '127.0.0.1');
    await new Promise<void>((r) => socket.once('connect', () => r()));
    let response = '';
    socket.on('data', (d) => (response += d.toString()));
    const ended = new Promise<void>((r) => socket.once('end', () => r()));
    socket.write(
      `POST /api/auth/callback/credentials HTTP/1.1\r\nHost: 127.0.0.1:${second.port}\r\nContent-Type: application/x-www-form-urlencoded\r\nCookie: ${cookie}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`,
    );
    socket.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 300));
    const exit = second.stop('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    expect(second.process.exitCode).toBeNull(); // still draining
    socket.write(body.slice(10));
    await ended;
    expect(response).toMatch(/^HTTP\/1\.1 302 /);
    expect(response.toLowerCase()).toContain('x-request-id:');
    expect(await exit).toBe(0);
    expect(second.output()).toContain('SIGTERM: draining 1 request(s)');
  });
});
