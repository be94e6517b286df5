import { spawnSync } from 'node:child_process';
import { cliJson, runCli } from '../support/cli';
import { expect, test, uniqueName } from '../support/fixtures';
import { v2Path } from '../support/http';

// The username lifecycle as a caller and an operator meet it, against the production build (on
// SQLite, and on PostgreSQL in `npm run test:e2e:pg`): a global username renamed away with the CLI
// is `held` in the v1 check, a company username replaced is `held` in the v2 check, and a reserved-
// name rule added with the CLI counts at once and is gone once removed. Every call is curl, printed.

function curl(baseUrl: string, path: string, extra: string[] = []): { status: number; body: string } {
  const args = ['-sS', '-D', '-', '-o', '-', ...extra, `${baseUrl}${path}`];
  const result = spawnSync('curl', args, { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  const [headers = '', ...rest] = result.stdout.split('\r\n\r\n');
  const body = rest.join('\r\n\r\n');
  const shown = extra.map((a) => (/[\s"{}]/.test(a) ? `'${a}'` : a));
  console.log(`$ curl ${[...shown, `${baseUrl}${path}`].join(' ')}\n${body}\n`);
  return { status: Number(/^HTTP\/[\d.]+ (\d{3})/.exec(headers)?.[1]), body };
}

const v1 = (baseUrl: string, username: string) =>
  curl(baseUrl, '/api/v1/iam/check-user-existence/', ['-H', 'Content-Type: application/json', '--data', JSON.stringify({ username })]);

test('a global username renamed away with the CLI is held in the v1 check, until a date', async ({ baseURL }) => {
  const name = uniqueName('held');
  cliJson(['user', 'create', '--username', name, '--password', 'a long passphrase']);
  const renamed = cliJson<{ id: number; username: string; previous: string; heldUntil: string }>(['user', 'rename', '--username', name, '--to', `${name}x`]);
  expect(renamed).toMatchObject({ username: `${name}x`, previous: name, heldUntil: expect.any(String) });
  const until = new Date(renamed.heldUntil);
  expect(until.getTime() - Date.now()).toBeGreaterThan(29 * 24 * 3600_000);

  const answer = v1(baseURL!, name);
  expect(answer.status).toBe(200);
  const longDate = until.toLocaleDateString('en-US', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  expect(JSON.parse(answer.body)).toEqual({
    username: name,
    available: false,
    reason: 'held',
    message: `That username was given up recently and is held until ${longDate}.`,
    message_key: 'username.verdict.held',
    suggestions: [],
  });
  // Registration is refused with the same reason.
  const register = curl(baseURL!, '/api/v1/iam/register/', ['-H', 'Content-Type: application/json', '--data', JSON.stringify({ username: name, password: 'a long passphrase' })]);
  expect(register.status).toBe(409);
  expect(JSON.parse(register.body)).toMatchObject({ status: 409, reason: 'held' });
});

test('a company username replaced with the CLI is held for the company in the v2 check', async ({ baseURL }) => {
  const person = uniqueName('hc');
  const companyUsername = `HC-${person}`;
  cliJson(['user', 'create', '--username', person, '--password', 'a long passphrase']);
  cliJson(['member', 'add', '--company', '1', '--user', person, '--company-username', companyUsername]);
  cliJson(['member', 'set', '--company', '1', '--user', person, '--company-username', `${companyUsername}-2`]);
  const { token } = cliJson<{ token: string }>(['token', 'create', '--company', '1', '--name', 'holds spec']);

  const answer = curl(baseURL!, v2Path(1, companyUsername), ['-H', `Authorization: Bearer ${token}`]);
  expect(answer.status).toBe(200);
  expect(JSON.parse(answer.body)).toMatchObject({
    company_id: '1',
    company_username: companyUsername,
    is_available: false,
    reason: 'held',
    message_key: 'base.user_is_held_for_this_company',
    message: expect.stringMatching(new RegExp(`^Username "${companyUsername}" was given up recently and is held for this company until `)),
  });
  const bulk = curl(baseURL!, '/api/v2/usernames/check/company/1', [
    '-H',
    `Authorization: Bearer ${token}`,
    '-H',
    'Content-Type: application/json',
    '--data',
    JSON.stringify({ usernames: [companyUsername, `${companyUsername}-2`] }),
  ]);
  expect((JSON.parse(bulk.body) as { reason: string }[]).map((item) => item.reason)).toEqual(['held', 'taken']);

  // Removing the member holds their current one too.
  cliJson(['member', 'remove', '--company', '1', '--user', person]);
  expect(JSON.parse(curl(baseURL!, v2Path(1, `${companyUsername}-2`), ['-H', `Authorization: Bearer ${token}`]).body)).toMatchObject({ reason: 'held' });
});

test('a reserved-name rule added with the CLI counts at once; removed, the name is free', async ({ baseURL }) => {
  const stem = uniqueName('rsv');
  const rule = cliJson<{ id: number; name: string; match: string }>(['reserved', 'add', '--name', stem, '--match', 'prefix']);
  expect(rule).toEqual({ id: expect.any(Number), name: stem, match: 'prefix' });
  expect(cliJson<{ id: number; name: string; match: string }[]>(['reserved', 'list'])).toContainEqual(rule);
  expect(JSON.parse(v1(baseURL!, `${stem}-team`).body)).toMatchObject({ available: false, reason: 'reserved' });
  expect(JSON.parse(v1(baseURL!, stem.toUpperCase()).body)).toMatchObject({ available: false, reason: 'reserved' });

  cliJson(['reserved', 'remove', '--id', String(rule.id)]);
  expect(cliJson<{ id: number }[]>(['reserved', 'list']).map((r) => r.id)).not.toContain(rule.id);
  expect(JSON.parse(v1(baseURL!, `${stem}-team`).body)).toMatchObject({ available: true, reason: 'available' });
  // An unknown rule: a one-line reason and a non-zero exit.
  const again = runCli(['reserved', 'remove', '--id', String(rule.id)]);
  expect(again.status).not.toBe(0);
  expect(again.stderr.trim().split('\n')).toHaveLength(1);
});
