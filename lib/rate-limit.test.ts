import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { HttpError } from '@/lib/http/problem';
import { SyncRateLimiter, answerLimit, consumeLimit, consumeSharedLimit, installLimitBroker, type LimitAnswer } from './rate-limit';

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

  it('counts several points at once as the library’s consume(key, points) does, and gives them back as reward() does', async () => {
    const sync = new SyncRateLimiter(10, 60);
    const library = new RateLimiterMemory({ points: 10, duration: 60 });
    for (const points of [4, 4, 4]) {
      const theirs = await library.consume('k', points).catch((rejection: unknown) => rejection as RateLimiterRes);
      expect(sync.consumeNow('k', points).consumed).toBe(theirs.consumedPoints);
    }
    await library.reward('k', 4);
    sync.refundNow('k', 4);
    expect(sync.consumeNow('k', 0).consumed).toBe((await library.get('k'))!.consumedPoints);
  });

  it('keeps keys apart', () => {
    const sync = new SyncRateLimiter(1, 60);
    expect(sync.consumeNow('a').consumed).toBe(1);
    expect(sync.consumeNow('b').consumed).toBe(1);
    expect(sync.consumeNow('a').consumed).toBe(2);
  });
});

describe('consumeLimit', () => {
  it('answers the IETF headers while allowed and a 429 with Retry-After after the budget', async () => {
    const key = `ip:test-${Math.random()}`;
    const first = await consumeLimit('registrations', key);
    expect(first.headers['ratelimit-policy']).toBe('"registrations";q=20;w=60');
    expect(first.headers.ratelimit).toMatch(/^"registrations";r=19;t=(59|60)$/);
    for (let i = 2; i <= 20; i++) await consumeLimit('registrations', key);
    let refused: unknown;
    try {
      await consumeLimit('registrations', key);
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

describe('consumeLimit with several points (the bulk check: one per name)', () => {
  it('takes all of them or, over the limit, none', async () => {
    // Token checks allow 1200 a minute by default.
    const key = `token:test-${Math.random()}`;
    expect((await consumeLimit('tokenChecks', key, 1000)).headers.ratelimit).toMatch(/r=200;/);
    const refusal = await (async () => {
      try {
        await consumeLimit('tokenChecks', key, 201);
      } catch (error) {
        return error as HttpError;
      }
    })();
    expect(refusal).toMatchObject({ status: 429, headers: { ratelimit: expect.stringMatching(/r=200;/) } });
    expect(refusal!.message).toMatch(/^This request counts 201 checks and 200 are left this minute\. Try again in \d+ seconds\.$/);
    expect((await consumeLimit('tokenChecks', key, 200)).headers.ratelimit).toMatch(/r=0;/);
    await expect(consumeLimit('tokenChecks', key)).rejects.toThrow(/Too many requests/);
    await expect(consumeLimit('tokenChecks', `token:other-${Math.random()}`, 1201)).rejects.toThrow(/the limit is 1200 a minute\. Send fewer names per request\./);
  });
});

describe('limits counted by another thread', () => {
  it('answerLimit reports what consumeLimit decided, as data that can cross threads', async () => {
    // Sign-ins allow 20 a minute by default: the 21st is refused.
    const key = `ip:broker-${Math.random()}`;
    for (let i = 1; i <= 20; i++) {
      const allowed = await answerLimit({ kind: 'consume', name: 'signIns', key });
      expect(allowed).toEqual({ refused: false, headers: expect.objectContaining({ 'ratelimit-policy': '"sign-ins";q=20;w=60' }) });
    }
    const refused = await answerLimit({ kind: 'consume', name: 'signIns', key });
    expect(refused).toMatchObject({
      refused: true,
      detail: expect.stringMatching(/Too many requests/),
      headers: expect.objectContaining({ 'retry-after': expect.any(String) }),
    });
    expect(structuredClone(refused)).toEqual(refused);
  });

  it('consumeSharedLimit asks the installed broker, and throws its refusal as a 429', async () => {
    const asked: string[] = [];
    installLimitBroker(async (question): Promise<LimitAnswer> => {
      if (question.kind === 'consume') asked.push(`${question.name} ${question.key}`);
      return asked.length === 1
        ? { refused: false, headers: { ratelimit: '"registrations";r=0;t=60' } }
        : { refused: true, detail: 'Too many requests. Try again in 60 seconds.', headers: { 'retry-after': '60' } };
    });
    try {
      await expect(consumeSharedLimit('registrations', 'ip:1.2.3.4')).resolves.toEqual({ headers: { ratelimit: '"registrations";r=0;t=60' } });
      const refusal = await consumeSharedLimit('registrations', 'ip:1.2.3.4').catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(HttpError);
      expect(refusal).toMatchObject({ code: 'rate_limited', status: 429, headers: { 'retry-after': '60' } });
      expect(asked).toEqual(['registrations ip:1.2.3.4', 'registrations ip:1.2.3.4']);
    } finally {
      installLimitBroker(undefined);
    }
  });

  it('without a broker (npm run dev, tests) it counts on this thread', async () => {
    installLimitBroker(undefined);
    await expect(consumeSharedLimit('registrations', `ip:local-${Date.now()}`)).resolves.toHaveProperty('headers');
  });
});
