import { spawnSync } from 'node:child_process';
import { cliJson } from '../support/cli';
import { expect, test } from '../support/fixtures';
import { v2Path } from '../support/http';

// A token made with `token create --expires-at` a few seconds ahead, against the production build:
// it answers until that moment and is refused after it, with nothing written to the database in
// between (the server's token lookup is cached while the database is unchanged; the expiry is
// compared with the clock on every request).

/** The v2 check as an external system calls it: curl, printing the command and the answer. */
function curl(baseUrl: string, token: string, path: string, extra: string[] = []): { status: number; headers: string; body: string } {
  const args = ['-sS', '-D', '-', '-o', '-', '-H', `Authorization: Bearer ${token}`, ...extra, `${baseUrl}${path}`];
  const result = spawnSync('curl', args, { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  const [headers = '', ...rest] = result.stdout.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  console.log(`$ curl -i ${args.slice(5).map((a) => (/[\s"{}]/.test(a) ? `'${a}'` : a)).join(' ')}\n${headers.trim()}\n\n${body}\n`);
  return { status: Number(/^HTTP\/[\d.]+ (\d{3})/.exec(headers)?.[1]), headers, body };
}

test('a token created with --expires-at answers until then and 401 invalid_token after, like a revoked one', async ({ baseURL }) => {
  test.setTimeout(60_000);
  const wanted = new Date(Date.now() + 5_000).toISOString();
  const created = cliJson<{ id: number; token: string; expiresAt: string }>(['token', 'create', '--company', '1', '--name', 'expiry spec', '--expires-at', wanted]);
  expect(created).toEqual({ id: expect.any(Number), token: expect.stringMatching(/^nc_/), expiresAt: wanted });
  const expiresAt = Date.parse(created.expiresAt);
  const bulk = ['-H', 'Content-Type: application/json', '--data', '{"usernames":["FB1234","FB12345"]}'];

  // Before its expiry: it works (the first request records its use, the second is served from the cache).
  for (let i = 0; i < 2; i++) {
    const ok = curl(baseURL!, created.token, v2Path(1, 'FB12345'));
    test.skip(Date.now() >= expiresAt, 'the machine was too slow to ask before the expiry');
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ company_id: '1', company_username: 'FB12345', is_available: false });
  }
  expect(curl(baseURL!, created.token, '/api/v2/usernames/check/company/1', bulk).status).toBe(200);

  // After it (a generous wait past the moment; nothing is written to the database meanwhile).
  await new Promise((r) => setTimeout(r, Math.max(0, expiresAt - Date.now()) + 1_500));
  for (const refused of [curl(baseURL!, created.token, v2Path(1, 'FB12345')), curl(baseURL!, created.token, '/api/v2/usernames/check/company/1', bulk)]) {
    expect(refused.status).toBe(401);
    expect(refused.headers).toMatch(/^www-authenticate: Bearer .*error="invalid_token"/im);
    expect(refused.headers).toMatch(/^content-type: application\/problem\+json/im);
    expect(JSON.parse(refused.body)).toMatchObject({ status: 401 });
  }
});
