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
    const tables = ['users', 'companies', 'memberships', 'api_tokens', 'audit_log', 'account_tokens'];
    return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()]));
  } finally {
    db.close();
  }
}

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
