import { cliJson } from '../support/cli';
import { expect, test } from '../support/fixtures';
import { raw, V1_CHECK, V1_REGISTER, v2Path } from '../support/http';

// Hostile and malformed requests: none may be a 5xx, and every 4xx is problem+json.

interface Case {
  name: string;
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** the exact status when it is fixed by the contract */
  status?: number;
}

const json = { 'content-type': 'application/json' };
let token = '';

function deep(depth: number): string {
  return '{"username":' + '['.repeat(depth) + ']'.repeat(depth) + '}';
}

const cases = (): Case[] => [
  { name: 'malformed JSON', method: 'POST', path: V1_CHECK, headers: json, body: '{"username":', status: 400 },
  { name: 'empty body', method: 'POST', path: V1_CHECK, headers: json, body: '', status: 400 },
  { name: 'JSON array', method: 'POST', path: V1_CHECK, headers: json, body: '["johndoe123"]', status: 400 },
  { name: 'JSON string', method: 'POST', path: V1_CHECK, headers: json, body: '"johndoe123"', status: 400 },
  { name: 'JSON null', method: 'POST', path: V1_CHECK, headers: json, body: 'null', status: 400 },
  { name: 'missing username', method: 'POST', path: V1_CHECK, headers: json, body: '{}', status: 400 },
  { name: 'username number', method: 'POST', path: V1_CHECK, headers: json, body: '{"username":123}', status: 400 },
  { name: 'username null', method: 'POST', path: V1_CHECK, headers: json, body: '{"username":null}', status: 400 },
  { name: 'username object', method: 'POST', path: V1_CHECK, headers: json, body: '{"username":{"$ne":1}}', status: 400 },
  { name: 'username array', method: 'POST', path: V1_CHECK, headers: json, body: '{"username":["a","b"]}', status: 400 },
  { name: 'deep nesting', method: 'POST', path: V1_CHECK, headers: json, body: deep(5000), status: 400 },
  { name: 'text/plain', method: 'POST', path: V1_CHECK, headers: { 'content-type': 'text/plain' }, body: '{"username":"x"}', status: 415 },
  { name: 'form encoded', method: 'POST', path: V1_CHECK, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=x', status: 415 },
  { name: 'no content type', method: 'POST', path: V1_CHECK, body: '{"username":"x"}', status: 415 },
  { name: 'multipart', method: 'POST', path: V1_CHECK, headers: { 'content-type': 'multipart/form-data; boundary=x' }, body: '--x--', status: 415 },
  { name: 'huge body 17 KiB', method: 'POST', path: V1_CHECK, headers: json, body: JSON.stringify({ username: 'a'.repeat(17 * 1024) }), status: 413 },
  { name: 'huge body 1 MiB', method: 'POST', path: V1_CHECK, headers: json, body: JSON.stringify({ username: 'a'.repeat(1024 * 1024) }), status: 413 },
  { name: 'invalid UTF-8 bytes in body', method: 'POST', path: V1_CHECK, headers: json, body: Buffer.from([0x7b, 0x22, 0x75, 0x73, 0x65, 0x72, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]), status: 200 },
  { name: 'lone surrogate escape', method: 'POST', path: V1_CHECK, headers: json, body: '{"username":"ab\\ud800c"}', status: 200 },
  { name: 'control characters', method: 'POST', path: V1_CHECK, headers: json, body: '{"username":"ab\\u0000\\u0007c"}', status: 200 },
  { name: 'very long username string', method: 'POST', path: V1_CHECK, headers: json, body: JSON.stringify({ username: 'ä'.repeat(5000) }), status: 200 },
  { name: 'GET on the v1 check', method: 'GET', path: V1_CHECK, status: 405 },
  { name: 'PUT on the v1 check', method: 'PUT', path: V1_CHECK, headers: json, body: '{}', status: 405 },
  { name: 'DELETE on register', method: 'DELETE', path: V1_REGISTER, status: 405 },
  { name: 'POST on the v2 check', method: 'POST', path: v2Path(1, 'FB1234'), headers: json, body: '{}', status: 405 },
  { name: 'register unknown field', method: 'POST', path: V1_REGISTER, headers: json, body: '{"username":"zed42","password":"long enough pw","admin":true}', status: 400 },
  { name: 'register wrong types', method: 'POST', path: V1_REGISTER, headers: json, body: '{"username":1,"password":2}', status: 400 },
  { name: 'register bad email', method: 'POST', path: V1_REGISTER, headers: json, body: '{"username":"zed43","password":"long enough pw","email":"nope"}', status: 400 },
  { name: 'register short password', method: 'POST', path: V1_REGISTER, headers: json, body: '{"username":"zed44","password":"short"}', status: 400 },
  { name: 'register 2 KiB password', method: 'POST', path: V1_REGISTER, headers: json, body: JSON.stringify({ username: 'zed45', password: 'p'.repeat(2048) }), status: 400 },
  { name: 'register huge body', method: 'POST', path: V1_REGISTER, headers: json, body: JSON.stringify({ username: 'zed46', password: 'x'.repeat(20000) }), status: 413 },
  { name: 'register malformed JSON', method: 'POST', path: V1_REGISTER, headers: json, body: '{', status: 400 },
  { name: 'register text/plain', method: 'POST', path: V1_REGISTER, headers: { 'content-type': 'text/plain' }, body: '{}', status: 415 },
  { name: 'bad percent-encoding %E0%A4%A', path: v2Path(1, '%E0%A4%A'), headers: { authorization: `Bearer ${token}` }, status: 400 },
  { name: 'bad percent-encoding %ZZ', path: v2Path(1, 'ab%ZZ'), status: 400 },
  { name: 'overlong UTF-8 %C0%AF', path: v2Path(1, '%C0%AF'), status: 400 },
  { name: 'lone surrogate %ED%A0%80', path: v2Path(1, '%ED%A0%80'), status: 400 },
  { name: 'truncated escape %', path: v2Path(1, 'abc%'), status: 400 },
  { name: 'company id 0', path: v2Path(0, 'FB1234'), status: 400 },
  { name: 'company id negative', path: v2Path('-1', 'FB1234'), status: 400 },
  { name: 'company id leading zero', path: v2Path('01', 'FB1234'), status: 400 },
  { name: 'company id decimal', path: v2Path('1.0', 'FB1234'), status: 400 },
  { name: 'company id 2^53', path: v2Path('9007199254740992', 'FB1234'), status: 400 },
  { name: 'company id huge', path: v2Path('9'.repeat(40), 'FB1234'), status: 400 },
  { name: 'company id hex', path: v2Path('0x1', 'FB1234'), status: 400 },
  { name: 'company id exponent', path: v2Path('1e3', 'FB1234'), status: 400 },
  { name: 'no token', path: v2Path(1, 'FB1234'), status: 401 },
  { name: 'Basic auth', path: v2Path(1, 'FB1234'), headers: { authorization: 'Basic dXNlcjpwYXNz' }, status: 401 },
  { name: 'empty Bearer', path: v2Path(1, 'FB1234'), headers: { authorization: 'Bearer ' }, status: 401 },
  { name: 'garbage Bearer', path: v2Path(1, 'FB1234'), headers: { authorization: 'Bearer not-a-token' }, status: 401 },
  { name: 'unknown well-formed token', path: v2Path(1, 'FB1234'), headers: { authorization: `Bearer nc_${'A'.repeat(43)}` }, status: 401 },
  { name: 'oversized token', path: v2Path(1, 'FB1234'), headers: { authorization: `Bearer nc_${'A'.repeat(6000)}` }, status: 401 },
  { name: 'token with SQL', path: v2Path(1, 'FB1234'), headers: { authorization: "Bearer ' OR 1=1 --" }, status: 401 },
  { name: 'forged session cookie', path: v2Path(1, 'FB1234'), headers: { cookie: 'authjs.session-token=eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2Q0JDLUhTNTEyIn0..x.y.z' }, status: 401 },
  { name: 'v2 with a missing username', path: '/api/v2/usernames/check/company/1/', headers: { authorization: 'Bearer x' } },
  { name: 'v2 with extra segments', path: '/api/v2/usernames/check/company/1/a/b/c' },
  { name: 'unknown api path', path: '/api/v3/nothing', status: 404 },
  { name: 'path traversal', path: '/api/v1/iam/../../../etc/passwd' },
  // Dot segments that lead into /api from outside it: answered where the rate limits are counted.
  { name: 'dot segments into the v1 check', method: 'POST', path: '/x/../api/v1/iam/check-user-existence/', headers: json, body: '{"username":"x"}', status: 404 },
  { name: 'encoded dot segments into v2', path: `/x/%2e%2e${v2Path(1, 'FB1234')}`, status: 404 },
  { name: 'forged session cookie on v1', method: 'POST', path: V1_CHECK, headers: { ...json, cookie: 'authjs.session-token=garbage' }, body: '{"username":"johndoe123"}', status: 200 },
];

test('no hostile request gets a 5xx, and every 4xx is problem+json', async ({ baseURL }) => {
  token = cliJson<{ token: string }>(['token', 'create', '--company', '1', '--name', 'hostile']).token;
  const list = cases();
  expect(list.length).toBeGreaterThanOrEqual(40);
  const failures: string[] = [];
  for (const c of list) {
    const res = await raw(baseURL!, { method: c.method, path: c.path, headers: c.headers, body: c.body });
    if (res.status >= 500) failures.push(`${c.name}: ${res.status} ${res.text.slice(0, 200)}`);
    if (c.status !== undefined && res.status !== c.status) failures.push(`${c.name}: expected ${c.status}, got ${res.status} ${res.text.slice(0, 200)}`);
    if (res.status >= 400) {
      const type = String(res.headers['content-type'] ?? '');
      if (!type.startsWith('application/problem+json')) {
        failures.push(`${c.name}: ${res.status} with content-type ${type}`);
        continue;
      }
      const body = res.json();
      for (const field of ['type', 'title', 'status', 'detail']) {
        if (!(field in body)) failures.push(`${c.name}: problem without ${field}`);
      }
      if (body.status !== res.status) failures.push(`${c.name}: body status ${body.status} ≠ ${res.status}`);
      if (/at \/|node_modules|SQLITE|sqlite|\.ts:\d/.test(res.text)) failures.push(`${c.name}: leaks internals: ${res.text}`);
    }
    if (res.status === 401 && !String(res.headers['www-authenticate'] ?? '').startsWith('Bearer')) {
      failures.push(`${c.name}: 401 without WWW-Authenticate: Bearer`);
    }
    if (res.status === 405 && !res.headers['allow']) failures.push(`${c.name}: 405 without Allow`);
  }
  expect(failures).toEqual([]);
});

test('strings that are not usernames are still strings: 200 with reason invalid', async ({ baseURL }) => {
  for (const username of ['ab\ud800c', 'ab\u0000c', ' johndoe123', 'a\u200bb', 'x'.repeat(31)]) {
    const res = await raw(baseURL!, { method: 'POST', path: V1_CHECK, headers: json, body: JSON.stringify({ username }) });
    expect(res.status).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ username, available: false, reason: 'invalid', suggestions: [] });
    expect(body.message.length).toBeGreaterThan(5);
  }
});
