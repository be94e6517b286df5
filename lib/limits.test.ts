import { availableParallelism } from 'node:os';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { checkUserExistence } from '@/lib/api/check-user-existence';
import { register } from '@/lib/api/register';
import { signInWithCompanyUsername, signInWithGlobalUsername } from '@/lib/auth/login';
import { hashPassword, hashSlots, MAX_WAITING_HASHES } from '@/lib/auth/password';
import { waitingFor } from '@/lib/auth/hash-slots';
import { HttpError } from '@/lib/http/problem';
import type { PlainRequest } from '@/lib/http/request';
import { clientIpKey, consumeLimit, SIGN_IN_FAILURES_BEFORE_WAIT } from '@/lib/rate-limit';
import { addToCompany, makeCompany, makeUser, sessionCookieFor, settle, useFreshDatabase } from '@/lib/testing/fixtures';

// The limits that could be sidestepped (issue 15, hole 5): signing in bought a fresh check budget,
// IPv6 clients rotated addresses inside their /64, renames and per-account sign-ins had no limit,
// and the password-hash queue had no bound.

// Registrations: a burst of 60 from one address is allowed here, so the queue bound alone decides.
process.env.RATE_LIMIT_REGISTRATIONS_PER_MINUTE = '60';
process.env.AUTH_SECRET = 'a test secret that is long enough for Auth.js';
const PASSWORD = 'a long passphrase';

beforeAll(async () => {
  await useFreshDatabase('namecheck-limits-');
});
afterEach(() => {
  vi.useRealTimers();
});


function post(path: string, body: unknown, clientIp: string, headers: Record<string, string> = {}): PlainRequest {
  return { method: 'POST', path, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.from(JSON.stringify(body)), clientIp };
}

function sessionCookie(userId: number): Promise<string> {
  return sessionCookieFor(userId, process.env.AUTH_SECRET!);
}

describe('limits keyed by client IP', () => {
  it.each([
    ['2001:db8:aa:bb:1:2:3:4', 'ip:2001:db8:aa:bb::/64'],
    ['2001:DB8:AA:BB::1', 'ip:2001:db8:aa:bb::/64'],
    ['2001:db8:aa:bb:ffff:ffff:ffff:ffff', 'ip:2001:db8:aa:bb::/64'],
    ['2001:db8::1', 'ip:2001:db8:0:0::/64'],
    ['2001:0db8:0000:0001::', 'ip:2001:db8:0:1::/64'],
    ['::1', 'ip:0:0:0:0::/64'],
    ['fe80::1%eth0', 'ip:fe80:0:0:0::/64'],
    ['64:ff9b:1:2::192.0.2.1', 'ip:64:ff9b:1:2::/64'],
    ['::ffff:192.0.2.7', 'ip:192.0.2.7'],
    ['192.0.2.7', 'ip:192.0.2.7'],
    ['unknown', 'ip:unknown'],
  ])('%s counts as %s', (address, key) => {
    expect(clientIpKey(address)).toBe(key);
  });

  it('an IPv6 client rotating addresses inside its /64 shares one budget; the next /64 has its own', async () => {
    const inside = (i: number) => `2001:db8:5:6:${i.toString(16)}::${(i * 7).toString(16)}`;
    for (let i = 1; i <= 60; i++) await consumeLimit('registrations', clientIpKey(inside(i)));
    await expect(consumeLimit('registrations', clientIpKey(inside(61)))).rejects.toThrow(HttpError);
    await expect(consumeLimit('registrations', clientIpKey('2001:db8:5:7::1'))).resolves.toBeDefined();
  });

  it('a signed-in caller’s v1 checks count per client IP too: more accounts buy no more checks', async () => {
    const ip = '198.51.100.20';
    const a = await makeUser('checker-a', { password: PASSWORD });
    const b = await makeUser('checker-b', { password: PASSWORD });
    const cookies = [await sessionCookie(a.userId), await sessionCookie(b.userId)];
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await settle(() => checkUserExistence(post('/api/v1/iam/check-user-existence/', { username: `free-${i}` }, ip, { cookie: cookies[i % 2]! })));
      statuses.push(res.status);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    // The 61st check from that address is refused, signed in as either account or as nobody.
    for (const headers of [{ cookie: cookies[0]! }, { cookie: cookies[1]! }, {}] as Record<string, string>[]) {
      const refused = await settle(() => checkUserExistence(post('/api/v1/iam/check-user-existence/', { username: 'one-more' }, ip, headers)));
      expect(refused.status).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Another address is not affected.
    expect((await settle(() => checkUserExistence(post('/api/v1/iam/check-user-existence/', { username: 'x1' }, '198.51.100.21', { cookie: cookies[0]! })))).status).toBe(200);
  });
});

describe('renames on /account', () => {
  it('at most 5 an hour per account', async () => {
    const key = 'user:4242';
    for (let i = 0; i < 5; i++) expect((await consumeLimit('renames', key)).headers['ratelimit-policy']).toBe('"renames";q=5;w=3600');
    const refused = await (async () => {
      try {
        await consumeLimit('renames', key);
      } catch (error) {
        return error as HttpError;
      }
      throw new Error('the sixth rename was allowed');
    })();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
    await expect(consumeLimit('renames', 'user:4243')).resolves.toBeDefined();
  });
});

describe('sign-in throttle per account', () => {
  it(`after ${SIGN_IN_FAILURES_BEFORE_WAIT} failures in a row even the right password waits; the wait passes; a success resets the count`, async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2030-05-01T12:00:00Z'));
    await makeUser('sprayed', { password: PASSWORD });
    for (let i = 0; i < SIGN_IN_FAILURES_BEFORE_WAIT; i++) {
      expect(await signInWithGlobalUsername('sprayed', `guess ${i} passphrase`)).toEqual({ ok: false, waitSeconds: null });
    }
    const waiting = await signInWithGlobalUsername('SPRAYED', PASSWORD);
    expect(waiting).toEqual({ ok: false, waitSeconds: 60 });
    vi.setSystemTime(Date.now() + 61_000);
    expect(await signInWithGlobalUsername('sprayed', PASSWORD)).toMatchObject({ ok: true, user: { username: 'sprayed' } });
    // The success forgot the failures: four more do not make it wait.
    for (let i = 0; i < SIGN_IN_FAILURES_BEFORE_WAIT - 1; i++) await signInWithGlobalUsername('sprayed', 'wrong passphrase');
    expect(await signInWithGlobalUsername('sprayed', PASSWORD)).toMatchObject({ ok: true });
  });

  it('counts per account whatever the name used: the global username and a company username are one account', async () => {
    const company = await makeCompany('Throttle Co', 'throttle-co');
    await makeUser('two-names', { password: PASSWORD });
    await addToCompany(company, 'two-names', 'member', 'TN-1');
    for (let i = 0; i < 3; i++) await signInWithGlobalUsername('two-names', 'wrong passphrase');
    for (let i = 0; i < 2; i++) await signInWithCompanyUsername('throttle-co', 'tn-1', 'wrong passphrase');
    expect(await signInWithCompanyUsername('throttle-co', 'TN-1', PASSWORD)).toEqual({ ok: false, waitSeconds: expect.any(Number) });
    expect(await signInWithGlobalUsername('two-names', PASSWORD)).toEqual({ ok: false, waitSeconds: expect.any(Number) });
  });

  it('an unknown name is throttled exactly like an account: the wait says nothing about which exist', async () => {
    const outcomes = async (name: string) => {
      const seen = [];
      for (let i = 0; i <= SIGN_IN_FAILURES_BEFORE_WAIT; i++) seen.push(await signInWithGlobalUsername(name, 'wrong passphrase'));
      return seen;
    };
    await makeUser('exists-here', { password: PASSWORD });
    expect(await outcomes('exists-here')).toEqual(await outcomes('does-not-exist-here'));
  });
});

describe('the password-hash queue', () => {
  it('60 simultaneous registrations from one address each get their real answer', { timeout: 60_000 }, async () => {
    const answers = await Promise.all(
      Array.from({ length: 60 }, (_, i) => settle(() => register(post('/api/v1/iam/register/', { username: `burst-${i}`, password: PASSWORD }, '203.0.113.9')))),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(60).fill(201));
    // The 61st in that minute meets the registration limit: a 429, not the queue.
    expect((await settle(() => register(post('/api/v1/iam/register/', { username: 'burst-60', password: PASSWORD }, '203.0.113.9')))).status).toBe(429);
  });

  it(`past ${MAX_WAITING_HASHES} waiting, a registration answers 503 with Retry-After at once; the waiting ones finish`, { timeout: 120_000 }, async () => {
    const slots = hashSlots();
    const cores = Math.max(1, availableParallelism());
    // Every slot taken (as by long hashes elsewhere in the process): whatever comes now waits.
    Atomics.add(slots, 0, cores);
    const waiting = Array.from({ length: MAX_WAITING_HASHES }, () => hashPassword('a waiting passphrase'));
    try {
      expect(waitingFor(slots)).toBe(MAX_WAITING_HASHES);
      const started = performance.now();
      const refused = await settle(() => register(post('/api/v1/iam/register/', { username: 'one-too-many', password: PASSWORD }, '203.0.113.10')));
      expect(performance.now() - started).toBeLessThan(1000);
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe('5');
      expect(refused.body).toMatch(/Try again in a few seconds/);
    } finally {
      Atomics.sub(slots, 0, cores);
      Atomics.notify(slots, 0);
    }
    const hashes = await Promise.all(waiting);
    expect(hashes.every((h) => h.startsWith('$argon2id$'))).toBe(true);
    expect(waitingFor(slots)).toBe(0);
    // And the queue takes registrations again.
    expect((await settle(() => register(post('/api/v1/iam/register/', { username: 'after-the-flood', password: PASSWORD }, '203.0.113.10')))).status).toBe(201);
  });
});
