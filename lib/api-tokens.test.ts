import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection, getConnection } from '@/db/client';
import { readSnapshot } from '@/db/transactions';
import { whileUnchanged } from '@/db/change-cache';
import { CLI_ACTOR } from '@/lib/audit';
import { addToCompany, makeCompany, makeUser, useFreshDatabase } from '@/lib/testing/fixtures';
import { HttpError } from '@/lib/http/problem';
import { authenticateToken, createApiToken, createCompanyToken, listPlatformTokens, revokeApiToken, revokePlatformToken } from './api-tokens';

// Tokens are remembered between checks only while nothing is written to the database: these tests
// revoke through this process's connection and through another one (what the CLI or Next's worker
// thread is), and expect the very next authentication to see it.
let file: string;
beforeAll(() => {
  file = useFreshDatabase('namecheck-tokens-');
});
afterAll(() => closeConnection());

describe('whileUnchanged', () => {
  it('reads once while nothing is written, again after a write by this connection or another', () => {
    let reads = 0;
    const read = () => ++reads;
    const cached = () => readSnapshot(() => whileUnchanged('test', 'k', read));
    expect(cached()).toBe(1);
    expect(cached()).toBe(1);
    expect(readSnapshot(() => whileUnchanged('other-bucket', 'k', read))).toBe(2);

    getConnection().sqlite.prepare("INSERT INTO reserved_rules (kind, value, key) VALUES ('equals', 'cachetest1', 'cachetest1')").run();
    expect(cached()).toBe(3);
    expect(cached()).toBe(3);

    const other = new Database(file);
    try {
      other.prepare("INSERT INTO reserved_rules (kind, value, key) VALUES ('equals', 'cachetest2', 'cachetest2')").run();
    } finally {
      other.close();
    }
    expect(cached()).toBe(4);
  });
});

describe('authenticateToken', () => {
  it('knows a live token, and not a revoked one, whoever revoked it', () => {
    const companyId = makeCompany('Token Test', 'token-test');
    const first = createApiToken({ scope: 'company', companyId }, 'first', CLI_ACTOR);
    const second = createApiToken({ scope: 'platform' }, 'second', CLI_ACTOR);

    expect(authenticateToken(first.token)).toEqual({ id: first.id, scope: 'company', companyId, expiresAt: null });
    expect(authenticateToken(first.token)).toEqual({ id: first.id, scope: 'company', companyId, expiresAt: null });
    expect(authenticateToken(second.token)).toEqual({ id: second.id, scope: 'platform', companyId: null, expiresAt: null });

    // Revoked through this process's own connection (the admin screen in development).
    revokeApiToken(first.id, CLI_ACTOR);
    expect(authenticateToken(first.token)).toBeNull();

    // Revoked by another connection (the CLI, or Next's worker thread in production).
    expect(authenticateToken(second.token)).not.toBeNull();
    const other = new Database(file);
    try {
      other.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ?').run(Date.now(), second.id);
    } finally {
      other.close();
    }
    expect(authenticateToken(second.token)).toBeNull();
  });

  it('refuses malformed and unknown tokens', () => {
    expect(authenticateToken('nc_short')).toBeNull();
    expect(authenticateToken(`nc_${'A'.repeat(43)}`)).toBeNull();
    expect(authenticateToken(`nc_${'A'.repeat(43)}`)).toBeNull();
  });
});

describe('token expiry', () => {
  const HOUR = 3_600_000;

  it('a token works until its expiry and is refused from that moment on, with the lookup cached and nothing written', () => {
    const now = Date.now();
    const expiresAt = new Date(now + HOUR);
    const created = createApiToken({ scope: 'platform' }, 'expiring', CLI_ACTOR, expiresAt, now);
    expect(created.expiresAt).toEqual(expiresAt);
    // Warm the cache: the same frozen identity is handed out while the database is unchanged.
    const warm = readSnapshot(() => authenticateToken(created.token, now));
    expect(warm).toEqual({ id: created.id, scope: 'platform', companyId: null, expiresAt: expiresAt.getTime() });
    const changes = () => getConnection().sqlite.prepare('SELECT total_changes()').pluck().get();
    const stamp = changes();
    // authenticateToken touches last_used_at on a later tick, so nothing is written between these calls.
    readSnapshot(() => {
      expect(authenticateToken(created.token, expiresAt.getTime() - 1)).toBe(warm);
      expect(authenticateToken(created.token, expiresAt.getTime())).toBeNull();
      expect(authenticateToken(created.token, expiresAt.getTime() + 1)).toBeNull();
      expect(authenticateToken(created.token, expiresAt.getTime() + 365 * 24 * HOUR)).toBeNull();
      // the clock is the only thing that decides: an earlier moment still passes
      expect(authenticateToken(created.token, expiresAt.getTime() - 1)).toBe(warm);
    });
    expect(changes()).toBe(stamp);
  });

  it('a token is never made already expired, nor for longer than ten years', () => {
    const now = Date.now();
    const refused = (expiresAt: Date) => {
      const before = getConnection().sqlite.prepare('SELECT count(*) FROM api_tokens').pluck().get();
      expect(() => createApiToken({ scope: 'platform' }, 'bad', CLI_ACTOR, expiresAt, now)).toThrow(HttpError);
      expect(getConnection().sqlite.prepare('SELECT count(*) FROM api_tokens').pluck().get()).toBe(before);
    };
    refused(new Date(now));
    refused(new Date(now - 1));
    refused(new Date(Number.NaN));
    refused(new Date(now + 3651 * 24 * HOUR));
    expect(createApiToken({ scope: 'platform' }, 'ok', CLI_ACTOR, new Date(now + 1), now).expiresAt).toEqual(new Date(now + 1));
  });

  it('/admin offers only its own choices of expiry', async () => {
    const companyId = makeCompany('Expiry Co', 'expiry-co');
    const boss = await makeUser('expiry-boss', { platformAdmin: true });
    const before = Date.now();
    const made = createCompanyToken(boss, companyId, 'quarterly', 90);
    expect(made.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(90 * 24 * HOUR);
    expect(made.expiresAt!.getTime() - before).toBeLessThan(90 * 24 * HOUR + 60_000);
    expect(createCompanyToken(boss, companyId, 'forever', null).expiresAt).toBeNull();
    expect(() => createCompanyToken(boss, companyId, 'odd', 7 as never)).toThrow(HttpError);
  });
});

describe('platform tokens on /admin', () => {
  it('a platform admin lists and revokes them; for anyone else they do not exist', async () => {
    const boss = await makeUser('platform-tokens-boss', { platformAdmin: true });
    const plain = await makeUser('platform-tokens-nobody');
    const companyId = makeCompany('Platform Tok Co', 'platform-tok-co');
    const companyAdmin = await makeUser('platform-tokens-company-admin');
    addToCompany(companyId, companyAdmin.username, 'admin');
    const platform = createApiToken({ scope: 'platform' }, 'every company', CLI_ACTOR, new Date(Date.now() + 3_600_000));
    const company = createApiToken({ scope: 'company', companyId }, 'one company', CLI_ACTOR);

    const listed = listPlatformTokens(boss);
    expect(listed.find((t) => t.id === platform.id)).toMatchObject({ name: 'every company', prefix: platform.prefix, revokedAt: null, expiresAt: platform.expiresAt });
    expect(listed.some((t) => t.id === company.id)).toBe(false);

    const notFound = (call: () => unknown) => {
      let thrown: unknown;
      try {
        call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpError);
      expect((thrown as HttpError).status).toBe(404);
    };
    for (const who of [plain, companyAdmin, null, { userId: 987_654 }]) {
      notFound(() => listPlatformTokens(who));
      notFound(() => revokePlatformToken(who, platform.id));
    }
    // a company token is not revoked through the platform list
    notFound(() => revokePlatformToken(boss, company.id));
    expect(authenticateToken(company.token)).not.toBeNull();
    expect(authenticateToken(platform.token)).not.toBeNull();

    const revoked = revokePlatformToken(boss, platform.id);
    expect(revoked.id).toBe(platform.id);
    expect(authenticateToken(platform.token)).toBeNull();
    expect(listPlatformTokens(boss).find((t) => t.id === platform.id)!.revokedAt).toEqual(revoked.revokedAt);
    const audit = getConnection().sqlite.prepare("SELECT actor, target FROM audit_log WHERE action = 'token.revoke' ORDER BY id DESC LIMIT 1").get();
    expect(audit).toEqual({ actor: 'platform-tokens-boss', target: platform.prefix });
  });
});
