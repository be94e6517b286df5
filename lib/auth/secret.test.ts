import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureAuthSecret, secretPath } from '@/lib/auth/secret';
import { databasePath } from '@/db/client';
import { testValue } from '@/db/testing/sql';
import { TEST_ENGINE, useFreshDatabase } from '@/lib/testing/fixtures';
import { readFileSync } from 'node:fs';

const fromEnv = process.env.AUTH_SECRET;
beforeAll(async () => {
  await useFreshDatabase('namecheck-secret-');
});
afterEach(() => {
  process.env.AUTH_SECRET = fromEnv;
});

describe('the generated AUTH_SECRET', () => {
  it('is the environment’s when set', async () => {
    process.env.AUTH_SECRET = 'x'.repeat(40);
    expect(await ensureAuthSecret()).toBe('x'.repeat(40));
  });

  it('is generated once and then found again by every process: beside the SQLite file, or in the PostgreSQL database', async () => {
    delete process.env.AUTH_SECRET;
    const first = await ensureAuthSecret();
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(process.env.AUTH_SECRET).toBe(first);
    // Another instance starting later (nothing in its environment) gets the same one.
    delete process.env.AUTH_SECRET;
    expect(await ensureAuthSecret()).toBe(first);
    if (TEST_ENGINE === 'postgres') expect(await testValue("SELECT value FROM namecheck_settings WHERE name = 'auth_secret'")).toBe(first);
    else expect(readFileSync(secretPath(databasePath())!, 'utf8').trim()).toBe(first);
  });
});
