import { cliJson, runCli } from '../support/cli';
import { demoPassword, expect, signInViaApi, test } from '../support/fixtures';
import { raw, v2Path } from '../support/http';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

test.describe('GET /api/v2/usernames/check/company/{companyId}/{companyUsername}', () => {
  let acmeToken = '';
  let acmeTokenId = 0;
  let platformToken = '';
  let otherCompanyId = 0;

  test.beforeAll(() => {
    const acme = cliJson<{ id: number; token: string }>(['token', 'create', '--company', '1', '--name', 'v2 spec']);
    acmeToken = acme.token;
    acmeTokenId = acme.id;
    platformToken = cliJson<{ token: string }>(['token', 'create', '--platform']).token;
    otherCompanyId = cliJson<{ id: number }>(['company', 'create', '--name', 'Initech', '--slug', `initech-${Date.now()}`]).id;
  });

  test('answers with the seed document fields and messages', async ({ baseURL }) => {
    const taken = await raw(baseURL!, { path: v2Path(1, 'FB12345'), headers: bearer(acmeToken) });
    expect(taken.status).toBe(200);
    expect(taken.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(taken.headers['cache-control']).toBe('no-store');
    expect(taken.headers['x-content-type-options']).toBe('nosniff');
    expect(taken.json()).toMatchObject({ company_id: '1', company_username: 'FB12345', is_available: false, message: 'Username "FB12345" is already taken for this company' });
    const free = await raw(baseURL!, { path: v2Path(1, 'FB1234') + '/', headers: bearer(acmeToken) });
    expect(free.json()).toMatchObject({ company_id: '1', company_username: 'FB1234', is_available: true, message: 'Username "FB1234" is available for this company' });
  });

  test('is case- and width-insensitive but not confusable-folding', async ({ baseURL }) => {
    for (const name of ['fb12345', 'ＦＢ１２３４５']) {
      expect((await raw(baseURL!, { path: v2Path(1, encodeURIComponent(name)), headers: bearer(acmeToken) })).json().is_available).toBe(false);
    }
    expect((await raw(baseURL!, { path: v2Path(1, 'FBl2345'), headers: bearer(acmeToken) })).json().is_available).toBe(true);
  });

  test('decodes the username exactly once: spaces, %2F, UTF-8', async ({ baseURL }) => {
    const cases: [string, string][] = [
      ['Jane%20Doe', 'Jane Doe'],
      ['a%2Fb', 'a/b'],
      ['J%C3%BCrgen', 'Jürgen'],
      ['x%2520y', 'x%20y'],
      ['dev%40acme.io', 'dev@acme.io'],
    ];
    for (const [encoded, decoded] of cases) {
      const res = await raw(baseURL!, { path: v2Path(1, encoded), headers: bearer(acmeToken) });
      expect(res.status, encoded).toBe(200);
      expect(res.json().company_username).toBe(decoded);
    }
  });

  test('a name that breaks the company rules is not available and says which rule', async ({ baseURL }) => {
    const res = await raw(baseURL!, { path: v2Path(1, 'a%20%20b'), headers: bearer(acmeToken) });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body.is_available).toBe(false);
    expect(body.reason).toBe('invalid');
    expect(body.message).not.toContain('available for this company');
  });

  test('authorization: 401, 403 and 404 as the contract says', async ({ baseURL, playwright }) => {
    const none = await raw(baseURL!, { path: v2Path(1, 'FB1234') });
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect((await raw(baseURL!, { path: v2Path(otherCompanyId, 'FB1234'), headers: bearer(acmeToken) })).status).toBe(403);
    expect((await raw(baseURL!, { path: v2Path(987654, 'FB1234'), headers: bearer(acmeToken) })).status).toBe(403);
    expect((await raw(baseURL!, { path: v2Path(987654, 'FB1234'), headers: bearer(platformToken) })).status).toBe(404);
    expect((await raw(baseURL!, { path: v2Path(otherCompanyId, 'FB1234'), headers: bearer(platformToken) })).status).toBe(200);

    // sessions: the company's admin passes, a plain member does not, a platform admin sees 404s
    const session = async (username: string) => {
      const ctx = await playwright.request.newContext({ baseURL });
      await signInViaApi(ctx, { username, password: demoPassword(username) });
      return ctx;
    };
    const admin = await session('acme-admin');
    expect((await admin.get(v2Path(1, 'FB12345'))).status()).toBe(200);
    expect((await admin.get(v2Path(otherCompanyId, 'FB12345'))).status()).toBe(403);
    const member = await session('johndoe123');
    expect((await member.get(v2Path(1, 'FB12345'))).status()).toBe(403);
    const platform = await session('admin');
    expect((await platform.get(v2Path(987654, 'x'))).status()).toBe(404);
    expect((await platform.get(v2Path(1, 'FB12345'))).status()).toBe(200);
    for (const ctx of [admin, member, platform]) await ctx.dispose();
  });

  test('a token revoked by the CLI in another process fails on the very next request', async ({ baseURL }) => {
    const { id, token } = cliJson<{ id: number; token: string }>(['token', 'create', '--company', '1', '--name', 'soon revoked']);
    expect((await raw(baseURL!, { path: v2Path(1, 'FB1234'), headers: bearer(token) })).status).toBe(200);
    expect(runCli(['token', 'revoke', '--id', String(id)]).status).toBe(0);
    const after = await raw(baseURL!, { path: v2Path(1, 'FB1234'), headers: bearer(token) });
    expect(after.status).toBe(401);
    expect(after.headers['www-authenticate']).toContain('invalid_token');
    expect(acmeTokenId).toBeGreaterThan(0);
  });
});
