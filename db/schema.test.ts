import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectSqlite, type SqliteConnection } from './client';
import { migrateDatabase } from './migrate';

let c: SqliteConnection;

beforeAll(async () => {
  c = connectSqlite(join(mkdtempSync(join(tmpdir(), 'namecheck-schema-')), 'test.db'));
  await migrateDatabase(c);
  await migrateDatabase(c); // idempotent
});

const insertUser = (canonical: string, key: string) =>
  c.writer.prepare('INSERT INTO users (username, username_canonical, similarity_key) VALUES (?, ?, ?)').run(canonical, canonical, key);

describe('the SQLite schema', () => {
  it('opens SQLite with WAL, foreign keys and a busy timeout', () => {
    expect(c.writer.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(c.writer.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(Number(c.writer.pragma('busy_timeout', { simple: true }))).toBeGreaterThanOrEqual(5000);
  });

  it('refuses two users with one canonical username', () => {
    insertUser('alice', 'alice');
    expect(() => insertUser('alice', 'alice-other-key')).toThrow(/UNIQUE constraint failed: users.username_canonical/);
  });

  it('refuses two users with one similarity key', () => {
    insertUser('paypal', 'paypal');
    expect(() => insertUser('pаypal', 'paypal')).toThrow(/UNIQUE constraint failed: users.similarity_key/);
  });

  it('allows many company-only accounts without a global username', () => {
    const add = c.writer.prepare('INSERT INTO users (username) VALUES (NULL)');
    expect(() => {
      add.run();
      add.run();
    }).not.toThrow();
  });

  it('refuses two companies with one slug', () => {
    c.writer.prepare("INSERT INTO companies (name, slug) VALUES ('One', 'one')").run();
    expect(() => c.writer.prepare("INSERT INTO companies (name, slug) VALUES ('Two', 'one')").run()).toThrow(/UNIQUE constraint failed: companies.slug/);
  });

  it('keeps company usernames unique per company, not across companies', () => {
    const company = (slug: string) => Number(c.writer.prepare("INSERT INTO companies (name, slug) VALUES ('X', ?)").run(slug).lastInsertRowid);
    const user = (name: string) => Number(insertUser(name, name).lastInsertRowid);
    const a = company('co-a');
    const b = company('co-b');
    const member = c.writer.prepare(
      "INSERT INTO memberships (company_id, user_id, role, company_username, company_username_canonical) VALUES (?, ?, 'member', ?, ?)",
    );
    member.run(a, user('u1'), 'FB1234', 'fb1234');
    expect(() => member.run(a, user('u2'), 'fb1234', 'fb1234')).toThrow(/UNIQUE constraint failed: memberships.company_id, memberships.company_username_canonical/);
    expect(() => member.run(b, user('u3'), 'FB1234', 'fb1234')).not.toThrow();
    expect(() => member.run(a, user('u4'), 'FBl234', 'fbl234')).not.toThrow();
  });

  it('allows many members without a company username in one company', () => {
    const co = Number(c.writer.prepare("INSERT INTO companies (name, slug) VALUES ('N', 'nulls')").run().lastInsertRowid);
    const member = c.writer.prepare("INSERT INTO memberships (company_id, user_id, role) VALUES (?, ?, 'member')");
    expect(() => {
      member.run(co, Number(insertUser('n1', 'n1').lastInsertRowid));
      member.run(co, Number(insertUser('n2', 'n2').lastInsertRowid));
    }).not.toThrow();
  });

  it('refuses a role other than admin or member, and a membership of a missing company', () => {
    const u = Number(insertUser('roleuser', 'roleuser').lastInsertRowid);
    const co = Number(c.writer.prepare("INSERT INTO companies (name, slug) VALUES ('R', 'roles')").run().lastInsertRowid);
    expect(() => c.writer.prepare("INSERT INTO memberships (company_id, user_id, role) VALUES (?, ?, 'owner')").run(co, u)).toThrow(/CHECK constraint failed/);
    expect(() => c.writer.prepare("INSERT INTO memberships (company_id, user_id, role) VALUES (999999, ?, 'member')").run(u)).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('stores API tokens by unique hash, with a scope that matches the company', () => {
    const add = c.writer.prepare("INSERT INTO api_tokens (token_hash, prefix, scope, company_id) VALUES (?, 'nc_', ?, ?)");
    add.run('h1', 'platform', null);
    expect(() => add.run('h1', 'platform', null)).toThrow(/UNIQUE constraint failed: api_tokens.token_hash/);
    expect(() => add.run('h2', 'company', null)).toThrow(/CHECK constraint failed/);
    expect(() => add.run('h3', 'platform', 1)).toThrow(/CHECK constraint failed/);
  });

  it('keeps one pending invitation per company and person, with a valid role, gone with the person or the company', () => {
    const co = Number(c.writer.prepare("INSERT INTO companies (name, slug) VALUES ('I', 'invites')").run().lastInsertRowid);
    const other = Number(c.writer.prepare("INSERT INTO companies (name, slug) VALUES ('J', 'invites-2')").run().lastInsertRowid);
    const person = Number(insertUser('invitee', 'invitee').lastInsertRowid);
    const invite = c.writer.prepare('INSERT INTO invitations (company_id, user_id, role, company_username) VALUES (?, ?, ?, ?)');
    invite.run(co, person, 'member', 'INV-1');
    expect(() => invite.run(co, person, 'admin', null)).toThrow(/UNIQUE constraint failed: invitations.company_id, invitations.user_id/);
    expect(() => invite.run(other, person, 'member', 'INV-1')).not.toThrow();
    expect(() => invite.run(co, Number(insertUser('invitee2', 'invitee2').lastInsertRowid), 'owner', null)).toThrow(/CHECK constraint failed/);
    c.writer.prepare('DELETE FROM companies WHERE id = ?').run(other);
    expect(c.writer.prepare('SELECT count(*) AS n FROM invitations WHERE user_id = ?').get(person)).toEqual({ n: 1 });
    c.writer.prepare('DELETE FROM users WHERE id = ?').run(person);
    expect(c.writer.prepare('SELECT count(*) AS n FROM invitations WHERE user_id = ?').get(person)).toEqual({ n: 0 });
  });
});
