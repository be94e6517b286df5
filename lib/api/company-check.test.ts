import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '@/lib/api-tokens';
import { testRun } from '@/db/testing/sql';
import { CLI_ACTOR } from '@/lib/audit';
import type { PlainRequest } from '@/lib/http/request';
import { addToCompany, makeCompany, makeUser, sessionCookieFor, settle, useFreshDatabase } from '@/lib/testing/fixtures';
import { checkCompanyUsername } from './company-check';
import { checkUserExistence } from './check-user-existence';

// The check cores answer synchronously for a Bearer token or an anonymous caller (no promise on
// the hot path), and through a promise when a session cookie has to be decoded; both ways read
// the database inside one snapshot and give the same answers.

const SECRET = 'a test secret that is long enough for Auth.js';
let companyId: number;
let token: string;
let adminCookie: string;

function get(path: string, headers: Record<string, string>): PlainRequest {
  return { method: 'GET', path, headers, body: null, clientIp: '192.0.2.1' };
}


beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  await useFreshDatabase('namecheck-api-');
  companyId = await makeCompany('Acme', 'acme');
  const admin = await makeUser('acme-admin');
  await addToCompany(companyId, 'acme-admin', 'admin');
  await makeUser('bob');
  await addToCompany(companyId, 'bob', 'member', 'bob.builder');
  token = (await createApiToken({ scope: 'company', companyId }, 'test', CLI_ACTOR)).token;
  adminCookie = await sessionCookieFor(admin.userId, SECRET);
});

describe('GET /api/v2/usernames/check/company/{id}/{name}', () => {
  it('answers a Bearer token', async () => {
    const plain = await settle(() => checkCompanyUsername(get(`/api/v2/usernames/check/company/${companyId}/Bob.Builder`, { authorization: `Bearer ${token}` })));
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body)).toMatchObject({ is_available: false, reason: 'taken', suggestions: ['Bob.Builder1', 'Bob.Builder2', 'Bob.Builder3'] });
  });

  it('answers an admin’s session with the same verdict', async () => {
    const plain = await settle(() => checkCompanyUsername(get(`/api/v2/usernames/check/company/${companyId}/Bob.Builder`, { cookie: adminCookie })));
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body)).toMatchObject({ is_available: false, reason: 'taken' });
  });

  it('refuses a missing, unknown or foreign caller with the contract’s statuses', async () => {
    const path = `/api/v2/usernames/check/company/${companyId}/anyone`;
    expect((await settle(() => checkCompanyUsername(get(path, {})))).status).toBe(401);
    expect((await settle(() => checkCompanyUsername(get(path, { authorization: 'Bearer nc_nope' })))).status).toBe(401);
    expect((await settle(() => checkCompanyUsername(get(path, { cookie: 'authjs.session-token=garbage' })))).status).toBe(401);
    const other = await makeCompany('Other', 'other');
    const foreign = () => checkCompanyUsername(get(`/api/v2/usernames/check/company/${other}/anyone`, { authorization: `Bearer ${token}` }));
    expect((await settle(foreign)).status).toBe(403);
  });
});

describe('GET /api/v2/usernames/check/company/{id}/{name}: the token as it is now', () => {
  // On PostgreSQL the token, the rules and the name are read in one statement (db/queries/company-check.ts).
  const check = (id: number, name: string, bearer: string) =>
    settle(() => checkCompanyUsername(get(`/api/v2/usernames/check/company/${id}/${name}`, { authorization: `Bearer ${bearer}` })));

  it('refuses a token from the moment it is revoked or expires', async () => {
    const revoked = await createApiToken({ scope: 'company', companyId }, 'to revoke', CLI_ACTOR);
    expect((await check(companyId, 'anyone', revoked.token)).status).toBe(200);
    await revokeApiToken(revoked.id, CLI_ACTOR);
    expect((await check(companyId, 'anyone', revoked.token)).status).toBe(401);

    const expiring = await createApiToken({ scope: 'company', companyId }, 'to expire', CLI_ACTOR);
    expect((await check(companyId, 'anyone', expiring.token)).status).toBe(200);
    await testRun('UPDATE api_tokens SET expires_at = ? WHERE id = ?', [new Date(Date.now() - 1000), expiring.id]);
    const refused = await check(companyId, 'anyone', expiring.token);
    expect(refused.status).toBe(401);
    expect(refused.headers['www-authenticate']).toContain('invalid_token');
  });

  it('answers a platform token for a company that exists, 404 for one that does not', async () => {
    const platform = await createApiToken({ scope: 'platform' }, 'platform', CLI_ACTOR);
    const plain = await check(companyId, 'Bob.Builder', platform.token);
    expect(plain.status).toBe(200);
    expect(JSON.parse(plain.body)).toMatchObject({ is_available: false, reason: 'taken', suggestions: ['Bob.Builder1', 'Bob.Builder2', 'Bob.Builder3'] });
    expect((await check(987654, 'anyone', platform.token)).status).toBe(404);
  });

  it('answers a name held for the company as held, and one the rules refuse as invalid', async () => {
    const holder = await makeUser('held-owner');
    const until = new Date(Date.now() + 86_400_000);
    await testRun(
      'INSERT INTO company_name_holds (company_id, company_username, company_username_canonical, user_id, held_until) VALUES (?, ?, ?, ?, ?)',
      [companyId, 'gone.away', 'gone.away', holder.userId, until],
    );
    const held = JSON.parse((await check(companyId, 'Gone.Away', token)).body);
    expect(held).toMatchObject({ is_available: false, reason: 'held', suggestions: [] });
    await testRun('INSERT INTO company_username_rules (company_id, min_length, max_length, pattern) VALUES (?, 3, 8, NULL)', [companyId]);
    try {
      expect(JSON.parse((await check(companyId, 'much.too.long', token)).body)).toMatchObject({ is_available: false, reason: 'invalid' });
      const taken = JSON.parse((await check(companyId, 'Bob.Builder', token)).body);
      expect(taken).toMatchObject({ is_available: false });
    } finally {
      await testRun('DELETE FROM company_username_rules WHERE company_id = ?', [companyId]);
    }
  });
});

describe('POST /api/v1/iam/check-user-existence', () => {
  const post = (username: string, headers: Record<string, string> = {}): PlainRequest => ({
    method: 'POST',
    path: '/api/v1/iam/check-user-existence/',
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(JSON.stringify({ username })),
    clientIp: '192.0.2.2',
  });

  it('answers an anonymous caller', async () => {
    expect(JSON.parse((await settle(() => checkUserExistence(post('BOB')))).body)).toMatchObject({ available: false, reason: 'taken' });
  });

  it('answers a signed-in caller, knowing their own name', async () => {
    expect(JSON.parse((await settle(() => checkUserExistence(post('ACME-ADMIN', { cookie: adminCookie })))).body)).toMatchObject({ available: true, reason: 'own_username' });
  });
});
