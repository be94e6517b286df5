import { beforeAll, describe, expect, it } from 'vitest';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { sharedLimiter } from '@/db/rate-limits';
import { TEST_ENGINE, useFreshDatabase } from '@/lib/testing/fixtures';

beforeAll(async () => {
  await useFreshDatabase('namecheck-limits-');
});

describe('shared rate-limit counters', () => {
  it('SQLite keeps them in memory (none shared); PostgreSQL shares one count between limiters, as between instances', async () => {
    const make = () => sharedLimiter({ keyPrefix: 'test-shared', points: 3, durationSeconds: 60 });
    if (TEST_ENGINE === 'sqlite') {
      expect(make()).toBeNull();
      return;
    }
    // Two limiters over one database stand for two instances: their counts add up.
    const one = make()!;
    const two = make()!;
    expect((await one.consume('ip:192.0.2.1')).remainingPoints).toBe(2);
    expect((await two.consume('ip:192.0.2.1')).remainingPoints).toBe(1);
    expect((await one.consume('ip:192.0.2.1')).remainingPoints).toBe(0);
    const refused = await two.consume('ip:192.0.2.1').catch((res: unknown) => res);
    expect(refused).toBeInstanceOf(RateLimiterRes);
    expect((refused as RateLimiterRes).consumedPoints).toBe(4);
    // Another key has its own budget.
    expect((await two.consume('ip:192.0.2.2')).remainingPoints).toBe(2);
  });
});
