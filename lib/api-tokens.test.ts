import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection, getConnection } from '@/db/client';
import { readSnapshot } from '@/db/transactions';
import { whileUnchanged } from '@/db/change-cache';
import { CLI_ACTOR } from '@/lib/audit';
import { useFreshDatabase, makeCompany } from '@/lib/testing/fixtures';
import { authenticateToken, createApiToken, revokeApiToken } from './api-tokens';

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

    expect(authenticateToken(first.token)).toEqual({ id: first.id, scope: 'company', companyId });
    expect(authenticateToken(first.token)).toEqual({ id: first.id, scope: 'company', companyId });
    expect(authenticateToken(second.token)).toEqual({ id: second.id, scope: 'platform', companyId: null });

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
