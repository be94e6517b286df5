import { cliJson } from '../support/cli';
import { expect, test } from '../support/fixtures';
import { jsonPost, raw, V1_CHECK, V1_REGISTER, v2Path, type RawResponse } from '../support/http';
import { demoServerForSpec } from '../support/server';

// The problem `type`s that real answers carry, collected from a production server with low limits,
// must all be in /api/openapi.json: in the Problem schema, and in the documented operation's own
// response for that status. A type that drifts from the document fails here.

const V1_CHECK_DOC = '/api/v1/iam/check-user-existence/';
const V1_REGISTER_DOC = '/api/v1/iam/register/';
const V2_DOC = '/api/v2/usernames/check/company/{companyId}/{companyUsername}';
const V2_BULK_DOC = '/api/v2/usernames/check/company/{companyId}';
const v2Bulk = (companyId: string | number) => `/api/v2/usernames/check/company/${companyId}`;

interface Answer {
  name: string;
  status: number;
  type: string;
  /** the documented operation it answers for, when there is one */
  operation?: { path: string; method: string };
}

const specServer = demoServerForSpec({
    host: '0.0.0.0',
    env: {
      RATE_LIMIT_CHECKS_PER_MINUTE: '2',
      RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '2',
      RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE: '2',
      LOG_REQUESTS: '0',
    },
  });

test('every problem type the server sends is in /api/openapi.json', async () => {
  test.setTimeout(120_000);
  const url = specServer().url;
  const token = (company: string[]) => cliJson<{ token: string }>(['token', 'create', ...company], specServer().databaseUrl).token;
  const acme = token(['--company', '1']);
  const limitedToken = token(['--company', '1']);
  const platform = token(['--platform']);
  const otherCompany = cliJson<{ id: number }>(['company', 'create', '--name', 'Initech', '--slug', `initech-${Date.now()}`], specServer().databaseUrl).id;
  const bearer = (value: string) => ({ authorization: `Bearer ${value}` });
  const v1Check = { path: V1_CHECK_DOC, method: 'post' };
  const v1Register = { path: V1_REGISTER_DOC, method: 'post' };
  const v2Check = { path: V2_DOC, method: 'get' };
  const v2BulkCheck = { path: V2_BULK_DOC, method: 'post' };
  const names = (usernames: unknown, headers: Record<string, string> = bearer(acme)) => jsonPost({ usernames }, headers);
  const limitedBulkToken = token(['--company', '1']);

  const answers: Answer[] = [];
  const failures: string[] = [];
  /** Records a real answer's problem type; it must have the expected status and be problem+json. */
  const collect = (name: string, status: number, res: RawResponse, operation?: Answer['operation']) => {
    if (res.status !== status) return failures.push(`${name}: expected ${status}, got ${res.status} ${res.text.slice(0, 200)}`);
    if (!String(res.headers['content-type']).startsWith('application/problem+json')) return failures.push(`${name}: not problem+json`);
    const body = res.json();
    if (body.status !== status || typeof body.type !== 'string') return failures.push(`${name}: ${res.text}`);
    answers.push({ name, status, type: body.type, operation });
  };
  // Each client IP has its own v1 counters: the limits are reached on purpose, one IP per limit.
  const from = (ip: string, options: Parameters<typeof raw>[1]) => raw(`http://${ip}:${specServer().port}`, { ...options, localAddress: ip });

  // 400
  collect('v1 malformed JSON', 400, await from('127.0.0.1', { path: V1_CHECK, ...jsonPost('{"username":') }), v1Check);
  collect('v1 no username', 400, await from('127.0.0.1', { path: V1_CHECK, ...jsonPost({}) }), v1Check);
  collect('register malformed JSON', 400, await from('127.0.0.1', { path: V1_REGISTER, ...jsonPost('{') }), v1Register);
  collect('register invalid fields', 400, await from('127.0.0.1', { path: V1_REGISTER, ...jsonPost({ username: ' x', password: 'short' }) }), v1Register);
  collect('v2 companyId 0', 400, await from('127.0.0.1', { path: v2Path(0, 'FB1234'), headers: bearer(acme) }), v2Check);
  collect('v2 companyId 01', 400, await from('127.0.0.1', { path: v2Path('01', 'FB1234'), headers: bearer(acme) }), v2Check);
  collect('v2 bad percent-encoding', 400, await from('127.0.0.1', { path: v2Path(1, 'ab%ZZ'), headers: bearer(acme) }), v2Check);
  collect('bulk companyId 0', 400, await from('127.0.0.1', { path: v2Bulk(0), ...names(['FB1234']) }), v2BulkCheck);
  collect('bulk 1001 names', 400, await from('127.0.0.1', { path: v2Bulk(1), ...names(Array.from({ length: 1001 }, (_, i) => `n${i}`)) }), v2BulkCheck);
  collect('bulk a number', 400, await from('127.0.0.1', { path: v2Bulk(1), ...names(['FB1234', 7]) }), v2BulkCheck);
  collect('bulk unknown field', 400, await from('127.0.0.1', { path: v2Bulk(1), ...jsonPost({ usernames: ['a'], company: 2 }, bearer(acme)) }), v2BulkCheck);
  collect('bulk malformed JSON', 400, await from('127.0.0.1', { path: v2Bulk(1), ...jsonPost('{"usernames":', bearer(acme)) }), v2BulkCheck);
  collect('bulk not an object', 400, await from('127.0.0.1', { path: v2Bulk(1), ...jsonPost('["FB1234"]', bearer(acme)) }), v2BulkCheck);
  collect('bulk no token', 401, await from('127.0.0.1', { path: v2Bulk(1), ...names(['FB1234'], {}) }), v2BulkCheck);
  collect('bulk another company', 403, await from('127.0.0.1', { path: v2Bulk(otherCompany), ...names(['FB1234']) }), v2BulkCheck);
  collect('bulk unknown company', 404, await from('127.0.0.1', { path: v2Bulk(987654), ...names(['FB1234'], bearer(platform)) }), v2BulkCheck);
  collect('GET on the bulk check', 405, await from('127.0.0.1', { path: v2Bulk(1), headers: bearer(acme) }), v2BulkCheck);
  collect('bulk body over 256 KiB', 413, await from('127.0.0.1', { path: v2Bulk(1), ...names(['a'.repeat(257 * 1024)]) }), v2BulkCheck);
  collect('bulk text/plain', 415, await from('127.0.0.1', { method: 'POST', path: v2Bulk(1), headers: { ...bearer(acme), 'content-type': 'text/plain' }, body: '{}' }), v2BulkCheck);
  collect('bulk over the token limit', 429, await from('127.0.0.1', { path: v2Bulk(1), ...names(['a', 'b', 'c'], bearer(limitedBulkToken)) }), v2BulkCheck);
  // 401, 403, 404
  collect('v2 no token', 401, await from('127.0.0.1', { path: v2Path(1, 'FB1234') }), v2Check);
  collect('v2 malformed token', 401, await from('127.0.0.1', { path: v2Path(1, 'FB1234'), headers: bearer('nope') }), v2Check);
  collect('v2 another company', 403, await from('127.0.0.1', { path: v2Path(otherCompany, 'FB1234'), headers: bearer(acme) }), v2Check);
  collect('v2 unknown company', 404, await from('127.0.0.1', { path: v2Path(987654, 'FB1234'), headers: bearer(platform) }), v2Check);
  collect('unknown /api path', 404, await from('127.0.0.1', { path: '/api/v3/nothing' }));
  // 405
  collect('GET on the v1 check', 405, await from('127.0.0.1', { path: V1_CHECK }), v1Check);
  collect('DELETE on register', 405, await from('127.0.0.1', { method: 'DELETE', path: V1_REGISTER }), v1Register);
  collect('POST on the v2 check', 405, await from('127.0.0.1', { path: v2Path(1, 'FB1234'), ...jsonPost({}) }), v2Check);
  collect('DELETE on health', 405, await from('127.0.0.1', { method: 'DELETE', path: '/api/health' }));
  // 409
  collect('register a taken name', 409, await from('127.0.0.2', { path: V1_REGISTER, ...jsonPost({ username: 'johndoe123', password: 'a long passphrase' }) }), v1Register);
  // 413
  const big = JSON.stringify({ username: 'a'.repeat(17 * 1024), password: 'a long passphrase' });
  collect('v1 body over 16 KiB', 413, await from('127.0.0.1', { path: V1_CHECK, ...jsonPost(big) }), v1Check);
  collect('register body over 16 KiB', 413, await from('127.0.0.1', { path: V1_REGISTER, ...jsonPost(big) }), v1Register);
  // 415
  collect('v1 text/plain', 415, await from('127.0.0.1', { method: 'POST', path: V1_CHECK, headers: { 'content-type': 'text/plain' }, body: '{}' }), v1Check);
  collect('register text/plain', 415, await from('127.0.0.1', { method: 'POST', path: V1_REGISTER, headers: { 'content-type': 'text/plain' }, body: '{}' }), v1Register);
  // 429: each limit is 2 a minute
  for (let i = 0; i < 2; i++) expect((await from('127.0.0.3', { path: V1_CHECK, ...jsonPost({ username: 'johndoe123' }) })).status).toBe(200);
  collect('v1 checks over the limit', 429, await from('127.0.0.3', { path: V1_CHECK, ...jsonPost({ username: 'johndoe123' }) }), v1Check);
  for (let i = 0; i < 2; i++) {
    const res = await from('127.0.0.4', { path: V1_REGISTER, ...jsonPost({ username: `problems${i}x${Date.now()}`, password: 'a long passphrase' }) });
    expect(res.status).toBe(201);
  }
  collect('registrations over the limit', 429, await from('127.0.0.4', { path: V1_REGISTER, ...jsonPost({ username: `problems9x${Date.now()}`, password: 'a long passphrase' }) }), v1Register);
  for (let i = 0; i < 2; i++) expect((await from('127.0.0.1', { path: v2Path(1, 'FB1234'), headers: bearer(limitedToken) })).status).toBe(200);
  collect('v2 checks over the token limit', 429, await from('127.0.0.1', { path: v2Path(1, 'FB1234'), headers: bearer(limitedToken) }), v2Check);

  expect(failures).toEqual([]);
  expect([...new Set(answers.map((a) => a.status))].sort()).toEqual([400, 401, 403, 404, 405, 409, 413, 415, 429]);
  // What callers match on today: these stay.
  const sent = new Set(answers.map((a) => a.type));
  for (const type of ['/docs#problem-rate-limited', '/docs#problem-validation-error', '/docs#problem-bad-request', '/docs#problem-payload-too-large']) {
    expect(sent).toContain(type);
  }

  const docRes = await raw(url, { path: '/api/openapi.json' });
  expect(docRes.status).toBe(200);
  const doc = docRes.json();
  const listed: string[] = doc.components.schemas.Problem.properties.type.enum;
  for (const answer of answers) {
    expect(listed, `${answer.name}: ${answer.type} in the Problem schema`).toContain(answer.type);
    if (!answer.operation) continue;
    const { path, method } = answer.operation;
    const response = doc.paths[path]?.[method]?.responses?.[String(answer.status)];
    expect(response, `${answer.name}: ${method.toUpperCase()} ${path} documents ${answer.status}`).toBeDefined();
    const examples = Object.values(response.content['application/problem+json'].examples as Record<string, { value: { type: string } }>);
    expect(examples.map((e) => e.value.type), `${answer.name}: ${answer.type} in ${method.toUpperCase()} ${path} ${answer.status}`).toContain(answer.type);
  }
});
