import { describe, expect, it } from 'vitest';
import { TEST_ENGINE, useFreshDatabase } from '@/lib/testing/fixtures';
import { getConnection, sessionOptions } from './client';

// The settings namecheck's PostgreSQL sessions start with (db/client.ts, sessionOptions).
describe('PostgreSQL session options', () => {
  it('adds generic plans to the options a URL gives', () => {
    expect(sessionOptions('postgres://u@db/namecheck')).toBe('-c plan_cache_mode=force_generic_plan');
    expect(sessionOptions('postgres://u@db/namecheck?options=-c%20search_path%3Dapp')).toBe('-c search_path=app -c plan_cache_mode=force_generic_plan');
  });

  it.runIf(TEST_ENGINE === 'postgres')("are the sessions' settings", async () => {
    await useFreshDatabase('namecheck-client-');
    const connection = getConnection();
    if (connection.engine !== 'postgres') throw new Error('expected PostgreSQL');
    const { rows } = await connection.pool.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode');
    expect(rows[0]!.plan_cache_mode).toBe('force_generic_plan');
  });
});
