// The v2 checks (single and bulk) with a company's own username rules: the answers for a name off
// the pattern, too short, too long and reserved, through the endpoint cores on a real database.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { getConnection, type PostgresConnection } from '@/db/client';
import { createApiToken } from '@/lib/api-tokens';
import { CLI_ACTOR } from '@/lib/audit';
import { setCompanyUsernameRulesAsOperator } from '@/lib/companies/username-rules';
import type { PlainRequest } from '@/lib/http/request';
import { addToCompany, makeCompany, makeUser, settle, TEST_ENGINE, useFreshDatabase } from '@/lib/testing/fixtures';
import { checkCompanyUsernames } from './company-bulk-check';
import { checkCompanyUsername } from './company-check';
import { EXAMPLES } from './openapi';

// Thousands of names in this file: the per-token limit (read once per process) is not what it tests.
process.env.RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE = '0';

let acme: number;
let token: string;

const request = (method: 'GET' | 'POST', path: string, body: unknown = null): PlainRequest => ({
  method,
  path,
  headers: { authorization: `Bearer ${token}`, ...(body === null ? {} : { 'content-type': 'application/json' }) },
  body: body === null ? null : Buffer.from(JSON.stringify(body)),
  clientIp: '192.0.2.7',
});

async function single(name: string) {
  const res = await settle(() => checkCompanyUsername(request('GET', `/api/v2/usernames/check/company/${acme}/${encodeURIComponent(name)}`)));
  expect(res.status).toBe(200);
  return JSON.parse(res.body);
}

async function bulk(names: string[]) {
  const res = await settle(() => checkCompanyUsernames(request('POST', `/api/v2/usernames/check/company/${acme}`, { usernames: names })));
  expect(res.status).toBe(200);
  return JSON.parse(res.body) as Record<string, unknown>[];
}

beforeAll(async () => {
  await useFreshDatabase('namecheck-rules-api-');
  acme = await makeCompany('Acme', 'acme');
  await makeUser('johndoe123');
  await addToCompany(acme, 'johndoe123', 'member', 'FB12345');
  token = (await createApiToken({ scope: 'company', companyId: acme }, 'rules', CLI_ACTOR)).token;
  await setCompanyUsernameRulesAsOperator(acme, { minLength: 6, maxLength: 7, pattern: 'FB\\d+', reserved: ['FB00000'] }, CLI_ACTOR);
});

afterEach(() => vi.restoreAllMocks());

describe('the v2 checks with company rules', () => {
  it('single check: off the pattern, too short, too long, reserved; taken and available as before', async () => {
    expect(await single('XY12345')).toEqual({
      company_id: String(acme),
      company_username: 'XY12345',
      is_available: false,
      message: 'Username "XY12345" does not match this company\'s pattern (FB\\d+)',
      reason: 'invalid',
      suggestions: [],
    });
    expect(await single('FB1')).toMatchObject({
      is_available: false,
      reason: 'invalid',
      message: 'Username "FB1" is too short for this company (at least 6 characters)',
    });
    expect(await single('FB123456')).toMatchObject({
      is_available: false,
      reason: 'invalid',
      message: 'Username "FB123456" is too long for this company (at most 7 characters)',
    });
    expect(await single('fb00000')).toMatchObject({ reason: 'invalid' }); // the pattern is case-sensitive
    expect(await single('FB00000')).toMatchObject({
      is_available: false,
      reason: 'reserved',
      message: 'Username "FB00000" is reserved by this company',
    });
    expect(await single('FB12345')).toMatchObject({ is_available: false, reason: 'taken', message: 'Username "FB12345" is already taken for this company' });
    expect(await single('FB1234')).toMatchObject({ is_available: true, reason: 'available', message: 'Username "FB1234" is available for this company' });
  });

  it('bulk check: each item exactly what the single check answers', async () => {
    const names = ['XY12345', 'FB1', 'FB00000', 'FB12345', 'FB1234', 'fb1234'];
    const items = await bulk(names);
    expect(items.map((i) => [i.company_username, i.is_available, i.reason])).toEqual([
      ['XY12345', false, 'invalid'],
      ['FB1', false, 'invalid'],
      ['FB00000', false, 'reserved'],
      ['FB12345', false, 'taken'],
      ['FB1234', true, 'available'],
      ['fb1234', false, 'duplicate_in_request'],
    ]);
    for (const [index, name] of names.slice(0, 5).entries()) {
      const one = await single(name);
      // Suggestions for a taken name are drawn at random past the first six variants; compare the rest.
      expect({ ...items[index], suggestions: undefined }).toEqual({ ...one, suggestions: undefined });
    }
  });

  it('bulk check: reads the rules at most once per request, whatever its size; a change counts on the next request', async () => {
    const connection = getConnection();
    // SQLite: the prepared statements run; PostgreSQL: the pool's queries.
    const rulesQueries = async (names: string[]) => {
      const statement =
        connection.engine === 'sqlite' ? (Object.getPrototypeOf(connection.reader.prepare('SELECT 1')) as Record<'get' | 'all', (...args: unknown[]) => unknown>) : null;
      const spies = statement ? (['get', 'all'] as const).map((method) => vi.spyOn(statement, method)) : [vi.spyOn((connection as PostgresConnection).pool, 'query')];
      try {
        await bulk(names);
        const texts = statement
          ? spies.flatMap((spy) => spy.mock.contexts.map((c) => (c as { source: string }).source))
          : spies.flatMap((spy) => spy.mock.calls.map((call) => String((call[0] as { text?: string }).text ?? call[0])));
        return texts.filter((sql) => /company_username_rules|company_reserved_names/.test(sql)).length;
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
    };
    const names = (n: number) => Array.from({ length: n }, (_, i) => `FB${String(i).padStart(5, '0')}`);
    const change = (reserved: string[]) => setCompanyUsernameRulesAsOperator(acme, { reserved }, CLI_ACTOR);
    // SQLite: after a write, the rules row and its reserved names, once, for 1 name as for 1000; with
    // nothing written since, kept. PostgreSQL: one statement per request, whatever its size, and
    // nothing kept (another instance may change them).
    const afterWrite = TEST_ENGINE === 'sqlite' ? 2 : 1;
    await change(['FB00000']);
    expect(await rulesQueries(names(1))).toBe(afterWrite);
    await change(['FB00000', 'FB00001']);
    expect(await rulesQueries(names(1000))).toBe(afterWrite);
    expect(await rulesQueries(names(1000))).toBe(TEST_ENGINE === 'sqlite' ? 0 : 1);
    // A change by another writer counts at once.
    expect((await bulk(['FB00001']))[0]).toMatchObject({ reason: 'reserved' });
    await change(['FB00000']);
    expect((await bulk(['FB00001']))[0]).toMatchObject({ reason: 'available' });
  });

  it("answers the OpenAPI document's examples of the company rules, to the letter", async () => {
    expect(acme).toBe(1); // the examples' company
    await setCompanyUsernameRulesAsOperator(acme, { minLength: 6, maxLength: 64, pattern: 'FB\\d{4,5}', reserved: ['FB00000'] }, CLI_ACTOR);
    expect(await single('jdoe42')).toEqual(EXAMPLES.companyOffPattern);
    expect(await single('FB1')).toEqual(EXAMPLES.companyTooShort);
    expect(await single('FB00000')).toEqual(EXAMPLES.companyReserved);
    expect(await bulk(['jdoe42', 'FB1', 'FB00000'])).toEqual([EXAMPLES.companyOffPattern, EXAMPLES.companyTooShort, EXAMPLES.companyReserved]);
  });
});
