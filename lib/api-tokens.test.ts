import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testRow, testRun, testRunElsewhere, testValue } from '@/db/testing/sql';
import { closeConnection } from '@/db/client';
import { whileUnchanged } from '@/db/change-cache';
import { CLI_ACTOR } from '@/lib/audit';
import { addToCompany, makeCompany, makeUser, TEST_ENGINE, useFreshDatabase } from '@/lib/testing/fixtures';
import { HttpError } from '@/lib/http/problem';
import { authenticateToken, createApiToken, createCompanyToken, listPlatformTokens, revokeApiToken, revokePlatformToken } from './api-tokens';

// On SQLite tokens are remembered between checks only while nothing is written to the database; on
// PostgreSQL they are read with every request. Either way these tests revoke through this process's
// connection and through another one (what the CLI, another instance or Next's worker thread is),
// and expect the very next authentication to see it.
beforeAll(async () => {
  await useFreshDatabase('namecheck-tokens-');
});
afterAll(() => closeConnection());

// The change cache is SQLite's alone (db/change-cache.ts): PostgreSQL has no stamp that another
// instance's commit moves synchronously, so nothing there is cached (docs/decisions/010).
describe.runIf(TEST_ENGINE === 'sqlite')('whileUnchanged (SQLite)', () => {
  it('reads once while nothing is written, again after a write by this connection or another', async () => {
    let reads = 0;
    const read = () => ++reads;
    const cached = () => whileUnchanged('test', 'k', read);
    expect(cached()).toBe(1);
    expect(cached()).toBe(1);
    expect(whileUnchanged('other-bucket', 'k', read)).toBe(2);

    await testRun("INSERT INTO reserved_rules (kind, value, key) VALUES ('exact', 'cachetest1', 'cachetest1')");
    expect(cached()).toBe(3);
    expect(cached()).toBe(3);

    await testRunElsewhere("INSERT INTO reserved_rules (kind, value, key) VALUES ('exact', 'cachetest2', 'cachetest2')");
    expect(cached()).toBe(4);
  });
});

describe('authenticateToken', () => {
  it('knows a live token, and not a revoked one, whoever revoked it', async () => {
    const companyId = await makeCompany('Token Test', 'token-test');
    const first = await createApiToken({ scope: 'company', companyId }, 'first', CLI_ACTOR);
    const second = await createApiToken({ scope: 'platform' }, 'second', CLI_ACTOR);

    expect(await authenticateToken(first.token)).toEqual({ id: first.id, scope: 'company', companyId, expiresAt: null });
    expect(await authenticateToken(first.token)).toEqual({ id: first.id, scope: 'company', companyId, expiresAt: null });
    expect(await authenticateToken(second.token)).toEqual({ id: second.id, scope: 'platform', companyId: null, expiresAt: null });

    // Revoked through this process's own connection (the admin screen in development).
    await revokeApiToken(first.id, CLI_ACTOR);
    expect(await authenticateToken(first.token)).toBeNull();

    // Revoked by another connection (the CLI, or Next's worker thread in production).
    expect(await authenticateToken(second.token)).not.toBeNull();
    await testRunElsewhere('UPDATE api_tokens SET revoked_at = ? WHERE id = ?', [new Date(), second.id]);
    expect(await authenticateToken(second.token)).toBeNull();
  });

  it('refuses malformed and unknown tokens', async () => {
    expect(await authenticateToken('nc_short')).toBeNull();
    expect(await authenticateToken(`nc_${'A'.repeat(43)}`)).toBeNull();
    expect(await authenticateToken(`nc_${'A'.repeat(43)}`)).toBeNull();
  });
});

describe('token expiry', () => {
  const HOUR = 3_600_000;

  it('a token works until its expiry and is refused from that moment on, with the lookup cached and nothing written', async () => {
    const now = Date.now();
    const expiresAt = new Date(now + HOUR);
    const created = await createApiToken({ scope: 'platform' }, 'expiring', CLI_ACTOR, expiresAt, now);
    expect(created.expiresAt).toEqual(expiresAt);
    // SQLite: the cache is warmed, and the same frozen identity is handed out while the database is
    // unchanged. PostgreSQL: read each time, an equal identity.
    const warm = await authenticateToken(created.token, now);
    expect(warm).toEqual({ id: created.id, scope: 'platform', companyId: null, expiresAt: expiresAt.getTime() });
    const same = (value: unknown) => (TEST_ENGINE === 'sqlite' ? expect(value).toBe(warm) : expect(value).toEqual(warm));
    const changes = async () => (TEST_ENGINE === 'sqlite' ? (await testValue('SELECT total_changes()')) : (await testValue('SELECT count(*) FROM api_tokens')));
    const stamp = await changes();
    // authenticateToken touches last_used_at on a later tick, so nothing is written between these calls.
    same(await authenticateToken(created.token, expiresAt.getTime() - 1));
    expect(await authenticateToken(created.token, expiresAt.getTime())).toBeNull();
    expect(await authenticateToken(created.token, expiresAt.getTime() + 1)).toBeNull();
    expect(await authenticateToken(created.token, expiresAt.getTime() + 365 * 24 * HOUR)).toBeNull();
    // the clock is the only thing that decides: an earlier moment still passes
    same(await authenticateToken(created.token, expiresAt.getTime() - 1));
    expect(await changes()).toBe(stamp);
  });

  it('a token is never made already expired, nor for longer than ten years', async () => {
    const now = Date.now();
    const refused = async (expiresAt: Date) => {
      const before = await testValue('SELECT count(*) FROM api_tokens');
      await expect(createApiToken({ scope: 'platform' }, 'bad', CLI_ACTOR, expiresAt, now)).rejects.toThrow(HttpError);
      expect(await testValue('SELECT count(*) FROM api_tokens')).toBe(before);
    };
    await refused(new Date(now));
    await refused(new Date(now - 1));
    await refused(new Date(Number.NaN));
    await refused(new Date(now + 3651 * 24 * HOUR));
    expect((await createApiToken({ scope: 'platform' }, 'ok', CLI_ACTOR, new Date(now + 1), now)).expiresAt).toEqual(new Date(now + 1));
  });

  it('/admin offers only its own choices of expiry', async () => {
    const companyId = await makeCompany('Expiry Co', 'expiry-co');
    const boss = await makeUser('expiry-boss', { platformAdmin: true });
    const before = Date.now();
    const made = await createCompanyToken(boss, companyId, 'quarterly', 90);
    expect(made.expiresAt!.getTime() - before).toBeGreaterThanOrEqual(90 * 24 * HOUR);
    expect(made.expiresAt!.getTime() - before).toBeLessThan(90 * 24 * HOUR + 60_000);
    expect((await createCompanyToken(boss, companyId, 'forever', null)).expiresAt).toBeNull();
    await expect(createCompanyToken(boss, companyId, 'odd', 7 as never)).rejects.toThrow(HttpError);
  });
});

describe('platform tokens on /admin', () => {
  it('a platform admin lists and revokes them; for anyone else they do not exist', async () => {
    const boss = await makeUser('platform-tokens-boss', { platformAdmin: true });
    const plain = await makeUser('platform-tokens-nobody');
    const companyId = await makeCompany('Platform Tok Co', 'platform-tok-co');
    const companyAdmin = await makeUser('platform-tokens-company-admin');
    await addToCompany(companyId, companyAdmin.username, 'admin');
    const platform = await createApiToken({ scope: 'platform' }, 'every company', CLI_ACTOR, new Date(Date.now() + 3_600_000));
    const company = await createApiToken({ scope: 'company', companyId }, 'one company', CLI_ACTOR);

    const listed = await listPlatformTokens(boss);
    expect(listed.find((t) => t.id === platform.id)).toMatchObject({ name: 'every company', prefix: platform.prefix, revokedAt: null, expiresAt: platform.expiresAt });
    expect(listed.some((t) => t.id === company.id)).toBe(false);

    const notFound = async (call: () => unknown) => {
      let thrown: unknown;
      try {
        await call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HttpError);
      expect((thrown as HttpError).status).toBe(404);
    };
    for (const who of [plain, companyAdmin, null, { userId: 987_654 }]) {
      await notFound(() => listPlatformTokens(who));
      await notFound(() => revokePlatformToken(who, platform.id));
    }
    // a company token is not revoked through the platform list
    await notFound(() => revokePlatformToken(boss, company.id));
    expect(await authenticateToken(company.token)).not.toBeNull();
    expect(await authenticateToken(platform.token)).not.toBeNull();

    const revoked = await revokePlatformToken(boss, platform.id);
    expect(revoked.id).toBe(platform.id);
    expect(await authenticateToken(platform.token)).toBeNull();
    expect((await listPlatformTokens(boss)).find((t) => t.id === platform.id)!.revokedAt).toEqual(revoked.revokedAt);
    const audit = (await testRow("SELECT actor, target FROM audit_log WHERE action = 'token.revoke' ORDER BY id DESC LIMIT 1"));
    expect(audit).toEqual({ actor: 'platform-tokens-boss', target: platform.prefix });
  });
});
