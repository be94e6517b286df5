import { cliJson } from '../support/cli';
import { expect, test } from '../support/fixtures';
import { jsonPost, raw, V1_CHECK, V1_REGISTER, v2Path } from '../support/http';
import { startServer, demoServerForSpec } from '../support/server';
import { gotoForm, SignupPage } from '../pages/signup-page';

// A server of its own with small limits, listening on every loopback address.
const specServer = demoServerForSpec({
    host: '0.0.0.0',
    env: {
      RATE_LIMIT_CHECKS_PER_MINUTE: '5',
      RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '2',
      RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '3',
      CORS_ORIGINS: 'https://app.example.com, https://other.example.org',
      LOG_REQUESTS: '0',
    },
  });

const at = (host: string) => `http://${host}:${specServer().port}`;
const check = (host: string, headers: Record<string, string> = {}, localAddress?: string) =>
  raw(at(host), { path: V1_CHECK, localAddress, ...jsonPost({ username: 'johndoe123' }, headers) });

test('anonymous checks: 429 with Retry-After past the limit, whatever X-Forwarded-For says, per client', async () => {
  for (let i = 0; i < 5; i++) {
    const ok = await check('127.0.0.1', { 'x-forwarded-for': `10.0.0.${i}` });
    expect(ok.status).toBe(200);
    expect(ok.headers['ratelimit-policy']).toBe('"checks";q=5;w=60');
    expect(ok.headers['ratelimit']).toMatch(new RegExp(`^"checks";r=${4 - i};t=\\d+$`));
  }
  const limited = await check('127.0.0.1', { 'x-forwarded-for': '203.0.113.77' });
  expect(limited.status).toBe(429);
  expect(limited.headers['content-type']).toContain('application/problem+json');
  expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  expect(limited.headers['ratelimit']).toMatch(/^"checks";r=0;t=\d+$/);
  expect(limited.json()).toMatchObject({ status: 429, title: 'Too Many Requests' });

  // A second loopback address is another client, still served.
  const other = await check('127.0.0.2', {}, '127.0.0.2');
  expect(other.status).toBe(200);
});

test('registrations are limited per client IP', async () => {
  const statuses = [];
  for (let i = 0; i < 3; i++) {
    const res = await raw(at('127.0.0.3'), { localAddress: '127.0.0.3', path: V1_REGISTER, ...jsonPost({ username: `limited${i}x${Date.now()}`, password: 'a long passphrase' }) });
    statuses.push(res.status);
  }
  expect(statuses).toEqual([201, 201, 429]);
});

test('the registration API and the signup form share one limit per client', async ({ page }) => {
  // Next (the form's server action) runs in a worker thread and the API in the main thread: both
  // must count on the same limiter, or each door would allow the limit on its own.
  const shared = await startServer({ env: { RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '2', LOG_REQUESTS: '0' } });
  try {
    for (let i = 0; i < 2; i++) {
      const res = await raw(shared.url, { path: V1_REGISTER, ...jsonPost({ username: `shared${i}x${Date.now()}`, password: 'a long passphrase' }) });
      expect(res.status).toBe(201);
    }
    await gotoForm(page, `${shared.url}/signup`);
    const signup = new SignupPage(page);
    await signup.typeName(`sharedform${Date.now()}`);
    await signup.password.fill('a long passphrase for the form');
    await signup.submit.click();
    await expect(page.getByText('Too many sign-ups from here just now. Wait a minute, then try again.')).toBeVisible();
    await expect(page).toHaveURL(/\/signup/);
  } finally {
    await shared.stop();
  }
});

test('v2 checks are limited per token', async () => {
  const a = cliJson<{ token: string }>(['token', 'create', '--company', '1'], specServer().databaseUrl).token;
  const b = cliJson<{ token: string }>(['token', 'create', '--company', '1'], specServer().databaseUrl).token;
  const get = (token: string) => raw(at('127.0.0.1'), { path: v2Path(1, 'FB1234'), headers: { authorization: `Bearer ${token}` } });
  for (let i = 0; i < 3; i++) expect((await get(a)).status).toBe(200);
  const limited = await get(a);
  expect(limited.status).toBe(429);
  expect(limited.headers['retry-after']).toBeTruthy();
  expect((await get(b)).status).toBe(200);
});

test('CORS: allowed origins get the headers and a preflight answer; others do not', async () => {
  const preflight = await raw(at('127.0.0.4'), {
    method: 'OPTIONS',
    path: V1_CHECK,
    localAddress: '127.0.0.4',
    headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers['access-control-allow-origin']).toBe('https://app.example.com');
  expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
  expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();

  const allowed = await check('127.0.0.4', { origin: 'https://app.example.com' }, '127.0.0.4');
  expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
  const denied = await check('127.0.0.4', { origin: 'https://evil.example' }, '127.0.0.4');
  expect(denied.headers['access-control-allow-origin']).toBeUndefined();

  const v2Preflight = await raw(at('127.0.0.4'), {
    method: 'OPTIONS',
    path: v2Path(1, 'FB1234'),
    localAddress: '127.0.0.4',
    headers: { origin: 'https://other.example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
  });
  expect(v2Preflight.status).toBe(204);
  expect(String(v2Preflight.headers['access-control-allow-headers'])).toContain('Authorization');
});

test('with TRUST_PROXY=1 the last X-Forwarded-For entry is the client', async () => {
  const proxied = await startServer({ env: { TRUST_PROXY: '1', RATE_LIMIT_CHECKS_PER_MINUTE: '2', LOG_REQUESTS: '0' } });
  try {
    const via = (xff: string) => raw(proxied.url, { path: V1_CHECK, ...jsonPost({ username: 'someone' }, { 'x-forwarded-for': xff }) });
    expect((await via('1.1.1.1, 192.0.2.10')).status).toBe(200);
    expect((await via('2.2.2.2, 192.0.2.10')).status).toBe(200);
    expect((await via('3.3.3.3, 192.0.2.10')).status).toBe(429);
    expect((await via('192.0.2.11')).status).toBe(200);
  } finally {
    await proxied.stop();
  }
});
