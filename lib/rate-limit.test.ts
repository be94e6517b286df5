import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { HttpError } from '@/lib/http/problem';
import { SyncRateLimiter, consumeLimit } from './rate-limit';

describe('SyncRateLimiter', () => {
  it('counts exactly as the library’s own consume() does', async () => {
    const sync = new SyncRateLimiter(3, 60);
    const library = new RateLimiterMemory({ points: 3, duration: 60 });
    for (let i = 1; i <= 5; i++) {
      const ours = sync.consumeNow('k');
      const theirs = await library.consume('k').catch((rejection: unknown) => rejection as RateLimiterRes);
      expect(theirs).toBeInstanceOf(RateLimiterRes);
      expect(ours.consumed).toBe(theirs.consumedPoints);
      expect(ours.consumed).toBe(i);
      expect(ours.msBeforeNext).toBeGreaterThan(59_000);
      expect(ours.msBeforeNext).toBeLessThanOrEqual(60_000);
    }
  });

  it('keeps keys apart', () => {
    const sync = new SyncRateLimiter(1, 60);
    expect(sync.consumeNow('a').consumed).toBe(1);
    expect(sync.consumeNow('b').consumed).toBe(1);
    expect(sync.consumeNow('a').consumed).toBe(2);
  });
});

describe('consumeLimit', () => {
  it('answers the IETF headers while allowed and a 429 with Retry-After after the budget', () => {
    const key = `ip:test-${Math.random()}`;
    const first = consumeLimit('registrations', key);
    expect(first.headers['ratelimit-policy']).toBe('"registrations";q=20;w=60');
    expect(first.headers.ratelimit).toMatch(/^"registrations";r=19;t=(59|60)$/);
    for (let i = 2; i <= 20; i++) consumeLimit('registrations', key);
    let refused: unknown;
    try {
      consumeLimit('registrations', key);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(HttpError);
    const error = refused as HttpError;
    expect(error.status).toBe(429);
    expect(Number(error.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(error.headers.ratelimit).toMatch(/^"registrations";r=0;t=\d+$/);
  });
});
