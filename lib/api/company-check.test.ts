import { beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '@/lib/api-tokens';
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
