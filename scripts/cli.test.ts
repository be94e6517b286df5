import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '..');
const dbFile = join(mkdtempSync(join(tmpdir(), 'namecheck-cli-')), 'cli.db');

let extraEnv: Record<string, string> = {};

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, ...extraEnv },
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the CLI prints arbitrary JSON
function ok(...args: string[]): any {
  const r = cli(...args);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!);
}

/** A bad command: non-zero, nothing on stdout, one line on stderr, and the database unchanged. */
function fails(...args: string[]) {
  const before = snapshot();
  const r = cli(...args);
  expect(r.status).not.toBe(0);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(/^error: /);
  expect(snapshot()).toEqual(before);
  return r.stderr.trim();
}

function snapshot() {
  const db = new Database(dbFile, { readonly: true });
  try {
    const tables = ['users', 'companies', 'memberships', 'api_tokens', 'audit_log', 'account_tokens', 'reserved_rules', 'global_names', 'company_name_holds'];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

/**
 * An /api request answered by the app's own router (lib/api/endpoints.ts) in a process of its own on
 * this database, as a running server would answer it: the v1 and v2 checks see what the CLI wrote.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer is arbitrary JSON
function api(method: string, path: string, body: unknown, headers: Record<string, string> = {}): { status: number; body: any } {
  const script = `
    const { routeApi } = await import('@/lib/api/endpoints');
    const { closeConnection } = await import('@/db/client');
    const [method, path, body, headers] = JSON.parse(process.argv[1]);
    const request = { method, path, headers: { 'content-type': 'application/json', ...headers }, body: body === null ? null : Buffer.from(JSON.stringify(body)), clientIp: '127.0.0.1' };
    const response = await routeApi(path).core(request);
    process.stdout.write(JSON.stringify({ status: response.status, body: JSON.parse(response.body) }));
    await closeConnection();`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, JSON.stringify([method, path, body, headers])], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: `file:${dbFile}`, ...extraEnv },
    encoding: 'utf8',
  });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return JSON.parse(r.stdout);
}

const v1Check = (username: string) => api('POST', '/api/v1/iam/check-user-existence/', { username }).body;

describe('the admin CLI', { timeout: 120_000 }, () => {
  let companyId: number;

  // Every CLI run here is a spawnSync, which holds this worker's event loop: without a turn of it
  // between tests, vitest's own messages wait for the whole file (over a minute) and time out.
  beforeEach(() => new Promise<void>((resolve) => setImmediate(resolve)));

  beforeAll(() => {
    const company = ok('company', 'create', '--name', 'Globex', '--slug', 'globex');
    expect(company).toEqual({ id: expect.any(Number), name: 'Globex', slug: 'globex' });
    companyId = company.id;
  });

  it('creates users, and refuses a taken, similar or malformed name', () => {
    expect(ok('user', 'create', '--username', 'hank', '--password', 'hank-password-1')).toEqual({ id: expect.any(Number), username: 'hank' });
    expect(ok('user', 'create', '--username', 'admin', '--password', 'root-password-1', '--platform-admin')).toMatchObject({ username: 'admin' });
    expect(fails('user', 'create', '--username', 'HANK', '--password', 'hank-password-2')).toContain('taken');
    expect(fails('user', 'create', '--username', ' hank2', '--password', 'hank-password-2')).toContain('error:');
    expect(fails('user', 'create', '--username', 'newname', '--password', 'short')).toContain('8 characters');
    expect(fails('user', 'create', '--username', 'newname')).toContain('--password');
  });

  it('adds members with a company username, once', () => {
    ok('user', 'create', '--username', 'marge', '--password', 'marge-password-1');
    const member = ok('member', 'add', '--company', String(companyId), '--user', 'marge', '--role', 'admin', '--company-username', 'FB12345');
    expect(member).toMatchObject({ companyId, username: 'marge', role: 'admin', companyUsername: 'FB12345' });
    fails('member', 'add', '--company', String(companyId), '--user', 'marge');
    fails('member', 'add', '--company', String(companyId), '--user', 'hank', '--company-username', 'fb12345');
    fails('member', 'add', '--company', String(companyId), '--user', 'hank', '--role', 'owner');
    fails('member', 'add', '--company', '999', '--user', 'hank');
    fails('member', 'add', '--company', 'abc', '--user', 'hank');
    fails('member', 'add', '--company', String(companyId), '--user', 'nobody');
    expect(ok('member', 'add', '--company', String(companyId), '--user', 'hank', '--company-username', 'FBl2345')).toMatchObject({ role: 'member' });
  });

  it('creates and revokes tokens, storing only a hash', () => {
    const company = ok('token', 'create', '--company', String(companyId), '--name', 'ci');
    expect(company.token).toMatch(/^nc_[A-Za-z0-9_-]{43}$/);
    const platform = ok('token', 'create', '--platform');
    expect(platform).toEqual({ id: expect.any(Number), token: expect.stringMatching(/^nc_/) });
    const stored = JSON.stringify(snapshot().api_tokens);
    expect(stored).not.toContain(company.token);
    expect(stored).not.toContain(platform.token);
    fails('token', 'create');
    fails('token', 'create', '--platform', '--company', String(companyId));
    fails('token', 'create', '--company', '12345');
    expect(ok('token', 'revoke', '--id', String(company.id))).toMatchObject({ id: company.id, revoked: true });
    fails('token', 'revoke', '--id', '99999');
    fails('token', 'revoke');
  });

  it('creates tokens that expire (in days or at a moment in the future), and refuses any other expiry', () => {
    const before = Date.now();
    const inDays = ok('token', 'create', '--company', String(companyId), '--name', 'month', '--expires-in-days', '30');
    expect(inDays).toEqual({ id: expect.any(Number), token: expect.stringMatching(/^nc_/), expiresAt: expect.any(String) });
    const lifetime = Date.parse(inDays.expiresAt) - before;
    expect(lifetime).toBeGreaterThanOrEqual(30 * 86_400_000);
    expect(lifetime).toBeLessThan(30 * 86_400_000 + 60_000);
    // An offset is understood; an explicit moment is kept to the millisecond.
    const offset = ok('token', 'create', '--platform', '--expires-at', new Date(Date.now() + 7 * 86_400_000).toISOString().replace(/\.\d+Z$/, '+00:00'));
    expect(Date.parse(offset.expiresAt)).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    expect(fails('token', 'create', '--platform', '--expires-at', '2099-06-01T12:30:00+02:00')).toContain('3650 days');
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    const exact = ok('token', 'create', '--platform', '--expires-at', soon);
    expect(exact.expiresAt).toBe(soon);
    const db = new Database(dbFile, { readonly: true });
    const stored = db.prepare('SELECT expires_at FROM api_tokens WHERE id = ?').pluck().get(exact.id);
    db.close();
    expect(stored).toBe(Date.parse(soon));

    const past = new Date(Date.now() - 1000).toISOString();
    expect(fails('token', 'create', '--platform', '--expires-at', past)).toContain('not in the future');
    expect(fails('token', 'create', '--platform', '--expires-in-days', '1', '--expires-at', soon)).toContain('at most one');
    for (const garbage of ['tomorrow', '2027-02-30T00:00:00Z', '2027-01-31', '2027-01-31T18:00:00', '']) {
      expect(fails('token', 'create', '--platform', '--expires-at', garbage)).toMatch(/ISO-8601/);
    }
    for (const days of ['0', '-3', '1.5', 'ten', '3651', '']) {
      expect(fails('token', 'create', '--platform', `--expires-in-days=${days}`)).toContain('1 to 3650');
    }
  });

  it('sets a company\'s username rules, prints them, and refuses a pattern that could stall a check', () => {
    const id = String(companyId);
    expect(ok('company', 'policy', '--company', id)).toEqual({ companyId, minLength: 1, maxLength: 64, pattern: null, reserved: [] });
    expect(ok('company', 'policy', '--company', id, '--min', '5', '--max', '12', '--pattern', 'FB[0-9lI]+', '--reserved', 'FB00000,fb00000,FB99999')).toEqual({
      companyId,
      minLength: 5,
      maxLength: 12,
      pattern: 'FB[0-9lI]+',
      reserved: ['FB00000', 'FB99999'],
    });
    // Only what is given changes; '' clears the pattern or the reserved names.
    expect(ok('company', 'policy', '--company', id, '--max', '20')).toMatchObject({ minLength: 5, maxLength: 20, pattern: 'FB[0-9lI]+' });
    expect(ok('company', 'policy', '--company', id, '--pattern', '', '--reserved', '')).toMatchObject({ pattern: null, reserved: [] });
    expect(fails('company', 'policy', '--company', id, '--pattern', '^(a|a)*$')).toMatch(/^error: The pattern could take more than linear time/);
    expect(fails('company', 'policy', '--company', id, '--pattern', 'FB(')).toMatch(/^error: The pattern is not a valid regular expression/);
    expect(fails('company', 'policy', '--company', id, '--min', '0')).toBe('error: Use a whole number from 1 to 64.');
    expect(fails('company', 'policy', '--company', id, '--min', 'five')).toBe('error: --min must be a whole number from 1 to 64, got "five"');
    expect(fails('company', 'policy', '--company', id, '--min', '30', '--max', '10')).toBe('error: The minimum (30) is more than the maximum (10).');
    fails('company', 'policy', '--company', '9999', '--min', '2');
    fails('company', 'policy');
    expect(ok('company', 'policy', '--company', id, '--min', '1', '--max', '64')).toMatchObject({ minLength: 1, maxLength: 64 });
  });

  it("sets a company's login page branding, printing it, and refuses what the page cannot show", () => {
    const id = String(companyId);
    const images = resolve(ROOT, 'lib/testing/images');
    const set = ok('company', 'branding', '--company', id, '--display-name', 'Globex Corporation', '--accent', '#0F5132', '--logo', join(images, 'tiny.webp'));
    expect(set).toEqual({
      companyId,
      displayName: 'Globex Corporation',
      accentColor: '#0f5132',
      logo: { type: 'image/webp', bytes: 548, url: '/login/globex/logo?v=1' },
    });
    // The type is the bytes', whatever the file is called.
    const misnamed = join(mkdtempSync(join(tmpdir(), 'namecheck-logo-')), 'logo.png');
    writeFileSync(misnamed, readFileSync(join(images, 'tiny.jpg')));
    expect(ok('company', 'branding', '--company', id, '--logo', misnamed).logo).toMatchObject({ type: 'image/jpeg', url: '/login/globex/logo?v=2' });
    expect(fails('company', 'branding', '--company', id, '--logo', join(images, 'tiny.svg'))).toBe('error: SVG logos are not accepted (an SVG file can carry scripts). Use a PNG, JPEG or WebP image.');
    expect(fails('company', 'branding', '--company', id, '--accent', '#777777')).toBe(
      'error: White text on #777777 has a contrast ratio of 4.48:1; it needs at least 4.5:1. Choose a darker colour.',
    );
    const big = join(mkdtempSync(join(tmpdir(), 'namecheck-logo-')), 'big.png');
    writeFileSync(big, Buffer.concat([readFileSync(join(images, 'tiny.png')), Buffer.alloc(300 * 1024)]));
    expect(fails('company', 'branding', '--company', id, '--logo', big)).toBe('error: The logo is 301 KiB; use a file of at most 256 KiB.');
    fails('company', 'branding', '--company', id, '--logo', join(images, 'missing.png'));
    fails('company', 'branding', '--company', id, '--logo', big, '--remove-logo');
    expect(ok('company', 'branding', '--company', id, '--remove-logo', '--display-name', '', '--accent', '')).toEqual({ companyId, displayName: null, accentColor: null, logo: null });
  });

  it('renames a user by the rules of /account, holding the old name; refuses what /account refuses', () => {
    const created = ok('user', 'create', '--username', 'renamee', '--password', 'renamee-password-1');
    ok('user', 'create', '--username', 'squatter', '--password', 'squatter-password-1');
    const before = Date.now();
    const renamed = ok('user', 'rename', '--username', 'RENAMEE', '--to', 'renamed-one');
    expect(renamed).toEqual({ id: created.id, username: 'renamed-one', previous: 'renamee', heldUntil: expect.any(String) });
    const held = Date.parse(renamed.heldUntil) - before;
    expect(held).toBeGreaterThanOrEqual(30 * 86_400_000);
    expect(held).toBeLessThan(30 * 86_400_000 + 60_000);
    // The old name is held: the v1 check says so, and nobody else may take it (nor a look-alike).
    expect(v1Check('renamee')).toMatchObject({ available: false, reason: 'held', message_key: 'username.verdict.held' });
    expect(v1Check('renamee').message).toContain('held until');
    expect(v1Check('RENAMEE').reason).toBe('held');
    expect(fails('user', 'rename', '--username', 'squatter', '--to', 'renamee')).toMatch(/^error: .*held/);
    // `user create` skips the policy (it may create `admin`), but the unique indexes keep the held name.
    expect(fails('user', 'create', '--username', 'renamee', '--password', 'other-password-1')).toMatch(/^error: That username/);
    // Refused names, one line each: taken, similar, reserved, invalid.
    expect(fails('user', 'rename', '--username', 'renamed-one', '--to', 'squatter')).toMatch(/taken/);
    expect(fails('user', 'rename', '--username', 'renamed-one', '--to', 'squat.ter')).toMatch(/^error: /);
    expect(fails('user', 'rename', '--username', 'renamed-one', '--to', 'admin')).toMatch(/reserved/);
    expect(fails('user', 'rename', '--username', 'renamed-one', '--to', 'a')).toMatch(/at least 3/);
    expect(fails('user', 'rename', '--username', 'nobody-at-all', '--to', 'whatever'))
      .toBe('error: there is no user "nobody-at-all"');
    expect(fails('user', 'rename', '--username', 'renamed-one')).toBe('error: missing --to');
    // The owner takes the held name back; the CLI is not rate limited (more renames than /account's 5 an hour).
    expect(ok('user', 'rename', '--username', 'renamed-one', '--to', 'renamee')).toMatchObject({ username: 'renamee', previous: 'renamed-one' });
    for (let i = 0; i < 5; i++) ok('user', 'rename', '--username', i % 2 === 0 ? 'renamee' : 'renamed-one', '--to', i % 2 === 0 ? 'renamed-one' : 'renamee');
    // Only the case changes: nothing is given up.
    expect(ok('user', 'rename', '--username', 'renamed-one', '--to', 'Renamed-One')).toEqual({ id: created.id, username: 'Renamed-One', previous: 'renamed-one', heldUntil: null });
  });

  it('renames with the hold off: heldUntil is null and the old name is free at once', () => {
    ok('user', 'create', '--username', 'holdless', '--password', 'holdless-password-1');
    extraEnv = { USERNAME_HOLD_DAYS: '0' };
    try {
      expect(ok('user', 'rename', '--username', 'holdless', '--to', 'holdless-two')).toMatchObject({ previous: 'holdless', heldUntil: null });
    } finally {
      extraEnv = {};
    }
    expect(v1Check('holdless').reason).toBe('available');
  });

  it('deletes a user as /account does: the account goes, its names are held', () => {
    const created = ok('user', 'create', '--username', 'leaver', '--password', 'leaver-password-1');
    ok('member', 'add', '--company', String(companyId), '--user', 'leaver', '--company-username', 'LEAVER-1');
    expect(ok('user', 'delete', '--username', 'Leaver')).toEqual({ id: created.id, username: 'leaver' });
    expect(v1Check('leaver')).toMatchObject({ available: false, reason: 'held' });
    expect(fails('user', 'delete', '--username', 'leaver')).toBe('error: there is no user "leaver"');
    expect(fails('user', 'reset-link', '--username', 'leaver')).toContain('no user');
    // Its company username is held for the company, for nobody.
    expect(fails('member', 'set', '--company', String(companyId), '--user', 'hank', '--company-username', 'leaver-1')).toMatch(/held/);
    fails('user', 'delete');
  });

  it('sets and removes a member\'s company username (exactly one of --company-username or --none); the old one is held for the company', () => {
    const id = String(companyId);
    ok('user', 'create', '--username', 'setme', '--password', 'setme-password-1');
    const added = ok('member', 'add', '--company', id, '--user', 'setme', '--company-username', 'EMP-100');
    const set = ok('member', 'set', '--company', id, '--user', 'setme', '--company-username', 'EMP-101');
    expect(set).toEqual({ companyId, userId: added.userId, username: 'setme', role: 'member', companyUsername: 'EMP-101' });
    expect(Object.keys(set).sort()).toEqual(Object.keys(added).sort());
    // EMP-100 is held for the company: not for hank, but for setme, who had it.
    expect(fails('member', 'set', '--company', id, '--user', 'hank', '--company-username', 'emp-100')).toMatch(/held/);
    const removed = ok('member', 'set', '--company', id, '--user', 'setme', '--none');
    expect(removed).toEqual({ companyId, userId: added.userId, username: 'setme', role: 'member', companyUsername: null });
    expect(fails('member', 'set', '--company', id, '--user', 'hank', '--company-username', 'EMP-101')).toMatch(/held/);
    // The v2 check answers held, for a platform token.
    const token = ok('token', 'create', '--platform').token;
    const v2 = api('GET', `/api/v2/usernames/check/company/${companyId}/EMP-101`, null, { authorization: `Bearer ${token}` });
    expect(v2).toMatchObject({ status: 200, body: { company_id: String(companyId), company_username: 'EMP-101', is_available: false, reason: 'held' } });
    expect(ok('member', 'set', '--company', id, '--user', 'setme', '--company-username', 'EMP-100')).toMatchObject({ companyUsername: 'EMP-100' });
    expect(fails('member', 'set', '--company', id, '--user', 'setme')).toBe('error: give exactly one of --company-username NAME or --none');
    expect(fails('member', 'set', '--company', id, '--user', 'setme', '--company-username', 'X', '--none')).toBe('error: give exactly one of --company-username NAME or --none');
    expect(fails('member', 'set', '--company', id, '--user', 'setme', '--company-username', 'FB12345')).toMatch(/taken/);
    expect(fails('member', 'set', '--company', id, '--user', 'forgetful-nobody', '--none')).toBe('error: there is no user "forgetful-nobody"');
    expect(fails('member', 'set', '--company', '9999', '--user', 'setme', '--none')).toMatch(/no company/);
    fails('member', 'set', '--company', id, '--user', 'squatter', '--none');
  });

  it('removes a member, holding their company username for the company', () => {
    const id = String(companyId);
    ok('user', 'create', '--username', 'goner', '--password', 'goner-password-1');
    const added = ok('member', 'add', '--company', id, '--user', 'goner', '--company-username', 'EMP-200');
    expect(ok('member', 'remove', '--company', id, '--user', 'goner')).toEqual({ companyId, userId: added.userId, username: 'goner', removed: true });
    expect(fails('member', 'set', '--company', id, '--user', 'hank', '--company-username', 'EMP-200')).toMatch(/held/);
    expect(fails('member', 'remove', '--company', id, '--user', 'goner')).toMatch(/not a member/);
    expect(fails('member', 'remove', '--company', id, '--user', 'marge')).toMatch(/only admin/);
    fails('member', 'remove', '--company', id);
    // The account itself stays: it has a global username.
    expect(ok('user', 'reset-link', '--username', 'goner')).toMatchObject({ url: expect.any(String) });
  });

  it('adds, lists and removes reserved-name rules, which count at once for new names', () => {
    expect(ok('reserved', 'list')).toEqual([]);
    expect(v1Check('staffer').reason).toBe('available');
    const prefix = ok('reserved', 'add', '--name', 'staff', '--match', 'prefix');
    expect(prefix).toEqual({ id: expect.any(Number), name: 'staff', match: 'prefix' });
    const exact = ok('reserved', 'add', '--name', 'Bossman');
    expect(exact).toEqual({ id: expect.any(Number), name: 'Bossman', match: 'exact' });
    expect(ok('reserved', 'list')).toEqual([prefix, exact]);
    expect(v1Check('staff-x')).toMatchObject({ available: false, reason: 'reserved' });
    expect(v1Check('staffer').reason).toBe('reserved');
    expect(v1Check('BOSSMAN').reason).toBe('reserved');
    expect(v1Check('bossman2').reason).toBe('available');
    expect(fails('user', 'rename', '--username', 'hank', '--to', 'staff-hank')).toMatch(/reserved/);
    expect(fails('reserved', 'add', '--name', 'STAFF', '--match', 'prefix')).toBe('error: "STAFF" is already reserved (prefix).');
    expect(fails('reserved', 'add', '--name', 'st', '--match', 'prefix')).toBe('error: "st" cannot be reserved: Use at least 3 characters.');
    expect(fails('reserved', 'add', '--name', 'staff', '--match', 'suffix')).toBe('error: --match must be exact or prefix, got "suffix"');
    expect(fails('reserved', 'add')).toBe('error: missing --name');
    expect(fails('reserved', 'remove', '--id', 'abc')).toBe('error: --id must be a positive integer, got "abc"');
    expect(fails('reserved', 'remove', '--id', '99999')).toBe('error: There is no reserved-name rule with id 99999.');
    fails('reserved', 'list', '--bogus');
    expect(ok('reserved', 'remove', '--id', String(prefix.id))).toEqual(prefix);
    expect(v1Check('staff-x').reason).toBe('available');
    expect(ok('reserved', 'list')).toEqual([exact]);
    ok('reserved', 'remove', '--id', String(exact.id));
    const db = new Database(dbFile, { readonly: true });
    const audit = db.prepare("SELECT actor, action, target FROM audit_log WHERE action LIKE 'reserved.%' ORDER BY id").all();
    db.close();
    expect(audit).toEqual([
      { actor: 'cli', action: 'reserved.add', target: 'staff' },
      { actor: 'cli', action: 'reserved.add', target: 'Bossman' },
      { actor: 'cli', action: 'reserved.remove', target: 'staff' },
      { actor: 'cli', action: 'reserved.remove', target: 'Bossman' },
    ]);
  });

  it('refuses unknown commands and flags, and a duplicate slug', () => {
    fails('frobnicate');
    fails('company', 'create', '--name', 'Dup', '--slug', 'globex');
    fails('company', 'create', '--name', 'Bad', '--slug', 'Not A Slug');
    fails('company', 'create', '--name', 'X', '--slug', 'x', '--bogus');
  });

  it('seeds the demo data idempotently, printing each new password once', () => {
    const first = ok('seed', '--demo');
    expect(first.companies).toEqual([{ id: expect.any(Number), name: 'Acme', slug: 'acme' }]);
    const byName = Object.fromEntries(first.users.map((u: { username: string; password: string | null }) => [u.username, u.password]));
    expect(Object.keys(byName).sort()).toEqual(['acme-admin', 'admin', 'johndoe123']);
    // `admin` already existed in this database, so its password is not reset.
    expect(byName.admin).toBeNull();
    expect(byName.johndoe123).toEqual(expect.any(String));
    const second = ok('seed', '--demo');
    expect(second.users.every((u: { password: string | null }) => u.password === null)).toBe(true);
    expect(second.companies).toEqual(first.companies);
  });

  it('prints a one-time reset link on APP_URL, storing only its hash; a newer link cancels the older', () => {
    ok('user', 'create', '--username', 'forgetful', '--password', 'forgetful-password-1');
    extraEnv = { APP_URL: 'https://names.example.com/ignored/path' };
    try {
      const first = ok('user', 'reset-link', '--username', 'FORGETFUL');
      expect(first).toEqual({ url: expect.stringMatching(/^https:\/\/names\.example\.com\/reset\/[A-Za-z0-9_-]{43}$/), expiresAt: expect.any(String) });
      const lifetime = Date.parse(first.expiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(59 * 60_000);
      expect(lifetime).toBeLessThanOrEqual(60 * 60_000);
      const second = ok('user', 'reset-link', '--username', 'forgetful');
      expect(second.url).not.toBe(first.url);
      const db = new Database(dbFile, { readonly: true });
      const rows = db
        .prepare("SELECT t.token_hash FROM account_tokens t JOIN users u ON u.id = t.user_id WHERE u.username = 'forgetful' AND t.purpose = 'reset'")
        .all() as { token_hash: string }[];
      db.close();
      // One live link, stored as the SHA-256 of the newer token only.
      const token = second.url.split('/reset/')[1];
      expect(rows).toEqual([{ token_hash: createHash('sha256').update(token).digest('hex') }]);
      expect(JSON.stringify(rows)).not.toContain(token);
    } finally {
      extraEnv = {};
    }
    expect(fails('user', 'reset-link', '--username', 'nobody-like-this')).toContain('no user');
    fails('user', 'reset-link');
  });

  it('seeds bulk users as members of company 1 with the same company username', () => {
    expect(ok('seed', '--users', '250')).toEqual({ users: 250 });
    const db = new Database(dbFile, { readonly: true });
    const row = db.prepare("SELECT u.username, m.company_username FROM users u JOIN memberships m ON m.user_id = u.id WHERE u.username = 'user0000250'").get();
    db.close();
    expect(row).toEqual({ username: 'user0000250', company_username: 'user0000250' });
    fails('seed', '--users', '-5');
    fails('seed');
  });
});

describe('backup', { timeout: 60_000 }, () => {
  it('writes a consistent copy that passes integrity_check and holds the data', () => {
    const to = join(mkdtempSync(join(tmpdir(), 'namecheck-backup-')), 'copy.db');
    const result = ok('backup', '--to', to);
    expect(result).toEqual({ backup: to, bytes: expect.any(Number), integrity: 'ok', method: 'vacuum-into' });
    const copy = new Database(to, { readonly: true });
    const users = copy.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
    copy.close();
    expect(users.n).toBeGreaterThan(0);
    // never over an existing file
    fails('backup', '--to', to);
  });
});
