import { cliJson } from '../support/cli';
import { demoPassword, expect, signInViaApi, test } from '../support/fixtures';
import { jsonPost, raw } from '../support/http';
import { demoServerForSpec } from '../support/server';

// POST /api/v2/usernames/check/company/{companyId}: the bulk check, against the production build.
// The shared server (no limits) answers the contract's cases; a server of this spec's own has a
// per-token limit and CORS origins.

const bulkPath = (companyId: number | string) => `/api/v2/usernames/check/company/${companyId}`;
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const bulk = (baseUrl: string, companyId: number | string, usernames: unknown, headers: Record<string, string>) =>
  raw(baseUrl, { path: bulkPath(companyId), ...jsonPost({ usernames }, headers) });

const specServer = demoServerForSpec({
  env: { RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '1000', CORS_ORIGINS: 'https://hr.example.com', LOG_REQUESTS: '0' },
});

test.describe('the bulk check on the shared server', () => {
  let acmeToken = '';
  let otherCompanyId = 0;

  test.beforeAll(() => {
    acmeToken = cliJson<{ token: string }>(['token', 'create', '--company', '1', '--name', 'bulk spec']).token;
    otherCompanyId = cliJson<{ id: number }>(['company', 'create', '--name', 'Globex', '--slug', `globex-${Date.now()}`]).id;
  });

  test('the seed document’s two names in one request give its two objects, with the contract’s messages', async ({ baseURL }) => {
    const res = await bulk(baseURL!, 1, ['FB1234', 'FB12345'], bearer(acmeToken));
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    const items = res.json();
    expect(items).toHaveLength(2);
    // The seed's example objects, field for field, plus `reason` (and the single check's suggestions).
    expect(items[0]).toMatchObject({ company_id: '1', company_username: 'FB1234', is_available: true, message: 'Username "FB1234" is available for this company' });
    expect(items[1]).toMatchObject({ company_id: '1', company_username: 'FB12345', is_available: false, message: 'Username "FB12345" is already taken for this company' });
    expect(items.map((item: { reason: string }) => item.reason)).toEqual(['available', 'taken']);
    // Each item is what the single check answers for that name.
    for (const item of items) {
      const one = await raw(baseURL!, { path: `${bulkPath(1)}/${item.company_username}`, headers: bearer(acmeToken) });
      expect(one.json()).toEqual(item);
    }
    // With a trailing slash too.
    expect((await raw(baseURL!, { path: `${bulkPath(1)}/`, ...jsonPost({ usernames: ['FB1234'] }, bearer(acmeToken)) })).status).toBe(200);
  });

  test('an input whose canonical form repeats an earlier one is duplicate_in_request', async ({ baseURL }) => {
    const res = await bulk(baseURL!, 1, ['FB1234', 'fb1234', 'ＦＢ１２３４', 'FBl234'], bearer(acmeToken));
    expect(res.status).toBe(200);
    const items = res.json();
    expect(items.map((item: { reason: string }) => item.reason)).toEqual(['available', 'duplicate_in_request', 'duplicate_in_request', 'available']);
    expect(items[1]).toEqual({
      company_id: '1',
      company_username: 'fb1234',
      is_available: false,
      message: 'Username "fb1234" is the same as "FB1234", given earlier in this request',
      reason: 'duplicate_in_request',
      message_key: 'base.user_is_duplicate_in_request',
      suggestions: [],
    });
  });

  test('1000 names are answered in order; 1001 names, an empty array or a non-string are 400 with errors', async ({ baseURL }) => {
    const thousand = Array.from({ length: 1000 }, (_, i) => (i === 500 ? 'FB12345' : `bulk${i}`));
    const res = await bulk(baseURL!, 1, thousand, bearer(acmeToken));
    expect(res.status).toBe(200);
    const items = res.json();
    expect(items.map((item: { company_username: string }) => item.company_username)).toEqual(thousand);
    expect(items[500]).toMatchObject({ is_available: false, reason: 'taken' });

    const tooMany = await bulk(baseURL!, 1, [...thousand, 'one more'], bearer(acmeToken));
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(tooMany.json()).toMatchObject({ type: '/docs#problem-validation-error', status: 400, errors: { usernames: ['Send at most 1000 usernames per request.'] } });
    expect((await bulk(baseURL!, 1, [], bearer(acmeToken))).json().errors).toEqual({ usernames: ['Send at least one username.'] });
    expect(Object.keys((await bulk(baseURL!, 1, ['FB1234', 7], bearer(acmeToken))).json().errors)).toEqual(['usernames.1']);
    const extra = await raw(baseURL!, { path: bulkPath(1), ...jsonPost({ usernames: ['FB1234'], company_id: 2 }, bearer(acmeToken)) });
    expect(extra.json()).toMatchObject({ status: 400, errors: { company_id: ['This field is not accepted.'] } });
  });

  test('a body over 256 KiB is refused with 413; 200 KiB is read', async ({ baseURL }) => {
    const over = await bulk(baseURL!, 1, ['a'.repeat(257 * 1024)], bearer(acmeToken));
    expect(over.status).toBe(413);
    expect(over.json()).toMatchObject({ type: '/docs#problem-payload-too-large', detail: 'The body is larger than 256 KiB.' });
    // Past the other endpoints' 16 KiB, under this one's limit: read, and each name answered.
    const big = await bulk(baseURL!, 1, Array.from({ length: 1000 }, (_, i) => `${'x'.repeat(60)}${String(i).padStart(4, '0')}`), bearer(acmeToken));
    expect(big.status).toBe(200);
  });

  test('authentication and authorization as the single check: 401 with WWW-Authenticate, 403, 404', async ({ baseURL, playwright }) => {
    const none = await bulk(baseURL!, 1, ['FB1234'], {});
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await bulk(baseURL!, 1, ['FB1234'], bearer('nc_not_a_token'))).status).toBe(401);
    const foreign = await bulk(baseURL!, otherCompanyId, ['FB1234'], bearer(acmeToken));
    expect(foreign.status).toBe(403);
    expect(foreign.json().detail).toBe('This token belongs to another company.');
    const platform = cliJson<{ token: string }>(['token', 'create', '--platform']).token;
    expect((await bulk(baseURL!, 987654, ['FB1234'], bearer(platform))).status).toBe(404);
    expect((await bulk(baseURL!, '01', ['FB1234'], bearer(acmeToken))).status).toBe(400);
    const get = await raw(baseURL!, { path: bulkPath(1), headers: bearer(acmeToken) });
    expect(get.status).toBe(405);
    expect(get.headers['allow']).toBe('POST, OPTIONS');

    // An admin's session passes for their company, not for another.
    const admin = await playwright.request.newContext({ baseURL });
    await signInViaApi(admin, { username: 'acme-admin', password: demoPassword('acme-admin') });
    const mine = await admin.post(bulkPath(1), { data: { usernames: ['FB12345'] } });
    expect(mine.status()).toBe(200);
    expect((await mine.json())[0]).toMatchObject({ is_available: false, reason: 'taken' });
    expect((await admin.post(bulkPath(otherCompanyId), { data: { usernames: ['FB12345'] } })).status()).toBe(403);
    await admin.dispose();
  });
});

test('the bulk check is in /api/openapi.json and on /docs', async ({ request, page }) => {
  const doc = await (await request.get('/api/openapi.json')).json();
  const operation = doc.paths['/api/v2/usernames/check/company/{companyId}'].post;
  expect(operation.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/CompanyBulkCheckRequest' });
  expect(doc.components.schemas.CompanyBulkCheckRequest.properties.usernames).toMatchObject({ type: 'array', minItems: 1, maxItems: 1000 });
  expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '404', '405', '413', '415', '429']));
  await page.goto('/docs');
  const section = page.getByRole('region', { name: /POST \/api\/v2\/usernames\/check\/company\/\{companyId\}$/ });
  await expect(section).toBeVisible();
  await expect(section.getByText(`--data '{"usernames":["FB1234","FB12345"]}'`, { exact: false })).toBeVisible();
  await expect(section.getByText('"reason": "duplicate_in_request"')).toBeVisible();
});

test.describe('the bulk check with a per-token limit and CORS', () => {
  test('each name counts; a request that would go over the limit is a 429 as a whole and consumes nothing', async () => {
    const url = specServer().url;
    const token = cliJson<{ token: string }>(['token', 'create', '--company', '1'], specServer().databaseUrl).token;
    const names = (n: number) => Array.from({ length: n }, (_, i) => `limit${i}`);
    const first = await bulk(url, 1, names(600), bearer(token));
    expect(first.status).toBe(200);
    expect(first.headers['ratelimit']).toMatch(/^"token-checks";r=400;t=\d+$/);
    const over = await bulk(url, 1, names(401), bearer(token));
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(over.json().detail).toMatch(/^This request counts 401 checks and 400 are left this minute\./);
    const rest = await bulk(url, 1, names(400), bearer(token));
    expect(rest.status).toBe(200);
    expect(rest.headers['ratelimit']).toMatch(/r=0;/);
    const single = await raw(url, { path: `${bulkPath(1)}/FB1234`, headers: bearer(token) });
    expect(single.status).toBe(429);
  });

  test('CORS and OPTIONS as the single check', async () => {
    const url = specServer().url;
    const token = cliJson<{ token: string }>(['token', 'create', '--company', '1'], specServer().databaseUrl).token;
    const preflight = await raw(url, {
      method: 'OPTIONS',
      path: bulkPath(1),
      headers: { origin: 'https://hr.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://hr.example.com');
    expect(preflight.headers['access-control-allow-methods']).toBe('POST, OPTIONS');
    expect(String(preflight.headers['access-control-allow-headers'])).toContain('Authorization');
    const allowed = await bulk(url, 1, ['FB1234'], { ...bearer(token), origin: 'https://hr.example.com' });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://hr.example.com');
    const refused = await bulk(url, 1, [], { ...bearer(token), origin: 'https://hr.example.com' });
    expect(refused.status).toBe(400);
    expect(refused.headers['access-control-allow-origin']).toBe('https://hr.example.com');
    const denied = await bulk(url, 1, ['FB1234'], { ...bearer(token), origin: 'https://evil.example' });
    expect(denied.headers['access-control-allow-origin']).toBeUndefined();
  });
});
