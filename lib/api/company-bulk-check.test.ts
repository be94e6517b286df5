import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getConnection, type PostgresConnection } from '@/db/client';
import { createApiToken } from '@/lib/api-tokens';
import { CLI_ACTOR } from '@/lib/audit';
import type { PlainRequest } from '@/lib/http/request';
import { seedBenchUsers } from '@/lib/seed';
import { addToCompany, makeCompany, makeUser, sessionCookieFor, settle, useFreshDatabase } from '@/lib/testing/fixtures';
import { checkCompanyUsernames } from './company-bulk-check';
import { checkCompanyUsername } from './company-check';
import { EXAMPLES } from './openapi';
import { BULK_CHECK_MAX_BODY_BYTES } from './schemas';
import { bodyRule } from '@/lib/http/body-limits';

// POST /api/v2/usernames/check/company/{companyId}: the bulk check's core, on a real database.
// The per-token limit is read once per process: 2500 names a minute, so that one token can send
// two full requests and not a third.
process.env.RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE = '2500';

const SECRET = 'a test secret that is long enough for Auth.js';
const ACME = 1;
let otherCompany: number;
let adminCookie: string;

const newToken = async (scope: { scope: 'company'; companyId: number } | { scope: 'platform' } = { scope: 'company', companyId: ACME }) =>
  (await createApiToken(scope, 'bulk test', CLI_ACTOR)).token;

function post(companyId: number | string, body: unknown, headers: Record<string, string>, path?: string): PlainRequest {
  return {
    method: 'POST',
    path: path ?? `/api/v2/usernames/check/company/${companyId}`,
    headers: { 'content-type': 'application/json', ...headers },
    body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
    clientIp: '192.0.2.9',
  };
}

const bulk = (names: unknown, token: string, companyId: number | string = ACME) =>
  settle(() => checkCompanyUsernames(post(companyId, { usernames: names }, { authorization: `Bearer ${token}` })));

const single = async (name: string, token: string) =>
  JSON.parse(
    (await settle(() => checkCompanyUsername({ method: 'GET', path: `/api/v2/usernames/check/company/${ACME}/${encodeURIComponent(name)}`, headers: { authorization: `Bearer ${token}` }, body: null, clientIp: '192.0.2.9' }))).body,
  );

const taken = (i: number) => `user${String(i).padStart(7, '0')}`;

beforeAll(async () => {
  process.env.AUTH_SECRET = SECRET;
  await useFreshDatabase('namecheck-bulk-');
  await seedBenchUsers(1000); // company 1 (Acme): user0000001 … user0001000 are taken there
  otherCompany = await makeCompany('Initech', 'initech');
  const admin = await makeUser('acme-admin');
  await addToCompany(ACME, 'acme-admin', 'admin');
  await makeUser('johndoe123');
  await addToCompany(ACME, 'johndoe123', 'member', 'FB12345');
  adminCookie = await sessionCookieFor(admin.userId, SECRET);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('POST /api/v2/usernames/check/company/{companyId}', () => {
  it('answers the seed document’s two names with its two objects, in input order', async () => {
    const res = await bulk(['FB1234', 'FB12345'], await newToken());
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(res.body)).toEqual([
      { company_id: '1', company_username: 'FB1234', is_available: true, message: 'Username "FB1234" is available for this company', reason: 'available', message_key: 'base.user_is_available_for_this_company', suggestions: [] },
      {
        company_id: '1',
        company_username: 'FB12345',
        is_available: false,
        message: 'Username "FB12345" is already taken for this company',
        reason: 'taken',
        message_key: 'base.user_is_already_taken_for_this_company',
        suggestions: ['FB12345_1', 'FB12345_2', 'FB12345_3'],
      },
    ]);
    // /api/openapi.json and /docs show this very answer.
    expect(JSON.parse(res.body)).toEqual([EXAMPLES.bulkAvailable, EXAMPLES.bulkTaken]);
  });

  it('gives each name exactly what the single check answers for it', async () => {
    const token = await newToken();
    const names = ['Jane Doe', taken(7), 'a  b', 'x'.repeat(65), 'J%C3%BCrgen', 'Jürgen', 'dev@acme.io', ' lead', 'fb12345_1', ''];
    const items = JSON.parse((await bulk(names, token)).body);
    expect(items.map((item: { company_username: string }) => item.company_username)).toEqual(names);
    // The empty string cannot be asked of the single check (its path would have no name): the
    // policy's verdict on it is `invalid`, as for any other name it refuses.
    for (const [index, name] of names.entries()) {
      if (name === '') expect(items[index]).toMatchObject({ is_available: false, reason: 'invalid' });
      else expect(items[index], name).toEqual(await single(name, token));
    }
  });

  it('marks an input whose canonical form repeats an earlier one as duplicate_in_request', async () => {
    const items = JSON.parse((await bulk(['FB1234', 'fb1234', 'ＦＢ１２３４', 'FBl234', 'FB12345', 'fb12345'], await newToken())).body);
    expect(items.map((i: { reason: string }) => i.reason)).toEqual(['available', 'duplicate_in_request', 'duplicate_in_request', 'available', 'taken', 'duplicate_in_request']);
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

  it('takes 1 and 1000 names, and refuses 1001, an empty array and anything but strings with 400 and errors', async () => {
    const token = await newToken();
    expect(JSON.parse((await bulk(['FB1'], token)).body)).toHaveLength(1);
    const thousand = Array.from({ length: 1000 }, (_, i) => (i % 2 ? taken(i) : `free${i}`));
    const items = JSON.parse((await bulk(thousand, await newToken())).body);
    expect(items).toHaveLength(1000);
    expect(items.map((i: { company_username: string }) => i.company_username)).toEqual(thousand);
    expect(items.filter((i: { reason: string }) => i.reason === 'taken')).toHaveLength(500);

    const refused: [unknown, Record<string, string[]>][] = [
      [Array.from({ length: 1001 }, (_, i) => `n${i}`), { usernames: ['Send at most 1000 usernames per request.'] }],
      [[], { usernames: ['Send at least one username.'] }],
      [['ok', 42, null, { name: 'x' }, ['y']], { 'usernames.1': [expect.any(String)], 'usernames.2': [expect.any(String)], 'usernames.3': [expect.any(String)], 'usernames.4': [expect.any(String)] }],
      ['FB1234', { usernames: ['Send the usernames as an array of strings.'] }],
      [undefined, { usernames: ['This field is required.'] }],
    ];
    for (const [names, errors] of refused) {
      const res = await bulk(names, token);
      expect(res.status, JSON.stringify(names)?.slice(0, 40)).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ type: '/docs#problem-validation-error', status: 400, errors });
    }
    const extra = await settle(() => checkCompanyUsernames(post(ACME, { usernames: ['a'], companyId: 2 }, { authorization: `Bearer ${token}` })));
    expect(extra.status).toBe(400);
    expect(JSON.parse(extra.body).errors).toEqual({ companyId: ['This field is not accepted.'] });
    for (const body of ['{"usernames":', '["FB1234"]', 'null']) {
      expect((await settle(() => checkCompanyUsernames(post(ACME, body, { authorization: `Bearer ${token}` })))).status, body).toBe(400);
    }
    const notJson = post(ACME, { usernames: ['a'] }, { authorization: `Bearer ${token}`, 'content-type': 'text/plain' });
    expect((await settle(() => checkCompanyUsernames(notJson))).status).toBe(415);
  });

  it('has its own body limit of 256 KiB in the router’s table, where the other endpoints keep 16 KiB', async () => {
    expect(bodyRule('/api/v2/usernames/check/company/1').limit).toBe(256 * 1024);
    expect(bodyRule('/api/v2/usernames/check/company/1/').limit).toBe(256 * 1024);
    expect(bodyRule('/api/v2/usernames/check/company/1/FB1234').limit).toBe(16 * 1024);
    expect(bodyRule('/api/v1/iam/check-user-existence/').limit).toBe(16 * 1024);
    // 1000 of the longest company usernames, four bytes of UTF-8 a character, fit.
    const longest = Array.from({ length: 1000 }, (_, i) => '𝐅'.repeat(60) + String(i).padStart(4, '0'));
    const body = JSON.stringify({ usernames: longest });
    expect(Buffer.byteLength(body)).toBeGreaterThan(16 * 1024);
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(BULK_CHECK_MAX_BODY_BYTES);
    expect((await bulk(longest, await newToken())).status).toBe(200);
    const over = post(ACME, 'x'.repeat(BULK_CHECK_MAX_BODY_BYTES + 1), { authorization: `Bearer ${await newToken()}` });
    const res = await settle(() => checkCompanyUsernames(over));
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).detail).toBe('The body is larger than 256 KiB.');
  });

  it('authenticates and authorizes as the single check does', async () => {
    const names = { usernames: ['FB1234'] };
    const none = await settle(() => checkCompanyUsernames(post(ACME, names, {})));
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer realm="namecheck"');
    const unknown = await settle(() => checkCompanyUsernames(post(ACME, names, { authorization: 'Bearer nc_nope' })));
    expect(unknown.status).toBe(401);
    expect(unknown.headers['www-authenticate']).toContain('invalid_token');
    expect((await bulk(['FB1234'], await newToken(), otherCompany)).status).toBe(403);
    expect((await bulk(['FB1234'], await newToken({ scope: 'platform' }), 987654)).status).toBe(404);
    expect((await bulk(['FB1234'], await newToken({ scope: 'platform' }), otherCompany)).status).toBe(200);
    for (const id of ['0', '01', '1.0', '9007199254740992']) expect((await bulk(['FB1234'], await newToken(), id)).status, id).toBe(400);
    const session = checkCompanyUsernames(post(ACME, names, { cookie: adminCookie }));
    expect(session).toBeInstanceOf(Promise);
    expect(JSON.parse((await settle(() => session)).body)).toMatchObject([{ company_username: 'FB1234', is_available: true }]);
    expect((await settle(() => checkCompanyUsernames(post(otherCompany, names, { cookie: adminCookie })))).status).toBe(403);
    // With and without the trailing slash; GET is the single check's method, not this one's.
    const slash = post(ACME, names, { authorization: `Bearer ${await newToken()}` }, '/api/v2/usernames/check/company/1/');
    expect((await settle(() => checkCompanyUsernames(slash))).status).toBe(200);
    const get = await settle(() => checkCompanyUsernames({ ...post(ACME, names, {}), method: 'GET' }));
    expect(get).toMatchObject({ status: 405, headers: { allow: 'POST, OPTIONS' } });
  });

  it('counts each name against the per-token limit and refuses a request that would go over it whole, consuming nothing', async () => {
    const token = await newToken();
    const names = (n: number, from: number) => Array.from({ length: n }, (_, i) => `limit${from + i}`);
    const first = await bulk(names(1000, 0), token);
    expect(first.headers.ratelimit).toMatch(/^"token-checks";r=1500;t=\d+$/);
    expect((await bulk(names(1000, 1000), token)).headers.ratelimit).toMatch(/r=500;/);
    const over = await bulk(names(501, 2000), token);
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(over.headers.ratelimit).toMatch(/r=500;/);
    expect(JSON.parse(over.body).detail).toBe(`This request counts 501 checks and 500 are left this minute. Try again in ${over.headers['retry-after']} seconds.`);
    // The refused request consumed nothing: the 500 left are still there, and then none.
    const rest = await bulk(names(500, 2000), token);
    expect(rest.status).toBe(200);
    expect(rest.headers.ratelimit).toMatch(/r=0;/);
    expect((await bulk(['one more'], token)).status).toBe(429);
    // The single check counts against the same budget.
    const shared = await newToken();
    expect((await bulk(names(1000, 0), shared)).status).toBe(200);
    expect((await bulk(names(1000, 0), shared)).status).toBe(200);
    const oneLeft = await bulk(names(499, 0), shared);
    expect(oneLeft.headers.ratelimit).toMatch(/r=1;/);
    expect((await single('FB1', shared)).is_available).toBe(true);
    expect((await bulk(['FB1'], shared)).status).toBe(429);
  });

  it('runs the same number of statements for 1, 10 and 1000 names', async () => {
    const connection = getConnection();
    const statement =
      connection.engine === 'sqlite'
        ? (Object.getPrototypeOf(connection.reader.prepare('SELECT 1')) as Record<'run' | 'get' | 'all' | 'iterate', (...args: unknown[]) => unknown>)
        : null;
    const token = await newToken();
    /** A mix like a sync's: taken names (with suggestions), free ones, invalid ones and a repeat. */
    const mix = (n: number) => Array.from({ length: n }, (_, i) => (i % 3 === 0 ? taken(i + 1) : i % 7 === 6 ? 'a  b' : `new${n}x${i}`));
    /** The SQL of every statement run while the core answers. */
    const isNamesLookup = (text: string) =>
      /\bmemberships\b/.test(text) && text.includes('JOIN company_name_holds') && /json_each|unnest/.test(text);
    const statementsRun = async (names: string[]) => {
      const spies = statement
        ? (['run', 'get', 'all', 'iterate'] as const).map((method) => vi.spyOn(statement, method))
        : [vi.spyOn((connection as PostgresConnection).pool, 'query')];
      try {
        const res = await bulk(names, token);
        expect(res.status).toBe(200);
        if (!statement) {
          return spies.flatMap((spy) =>
            spy.mock.calls
              .map((call) => String((call[0] as { text?: string }).text ?? call[0]).replace(/\s+/g, ' ').trim())
              // rate-limiter-flexible's one atomic upsert per request (db/rate-limits.ts), named here for short
              .map((text) =>
                text.startsWith('INSERT INTO "rate_limits"') ? 'rate limit upsert' : text.includes('FROM company_username_rules') ? 'company rules' : isNamesLookup(text) ? 'names lookup' : text,
              ),
          );
        }
        return spies.flatMap((spy) =>
          spy.mock.contexts.map((context) => (context as { source: string }).source.replace(/\s+/g, ' ')).map((text) => (isNamesLookup(text) ? 'names lookup' : text)),
        );
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    };
    await statementsRun(['warm up']); // the token's first lookup; later ones are answered by the change cache
    const runs = [await statementsRun(mix(1)), await statementsRun(mix(10)), await statementsRun(mix(1000))];
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
    // The one statement that asks for all names at once which are in use or held (db/queries/names.ts).
    const lookup = 'names lookup';
    const stamps = ['PRAGMA data_version', 'SELECT total_changes()'];
    // SQLite: the change cache's two stamps for the token and two for the company's rules (both kept
    // since the warm-up: nothing was written), the names, then the taken names' suggestions.
    // PostgreSQL: the token by its hash and the company's rules (no cache may hold them there), the
    // shared rate limit's one upsert, the names, the suggestions.
    expect(runs[0]).toEqual(
      connection.engine === 'sqlite'
        ? [...stamps, ...stamps, lookup, lookup]
        : ['SELECT id, scope, company_id, revoked_at, expires_at FROM api_tokens WHERE token_hash = $1', 'rate limit upsert', 'company rules', lookup, lookup],
    );
    // No name taken: no suggestions to look up.
    expect((await statementsRun(['FB1', 'FB2', 'a  b'])).filter((sql) => sql === lookup)).toHaveLength(1);
  });
});
