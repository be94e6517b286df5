import { isIP } from 'node:net';
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { sharedLimiter } from '@/db/rate-limits';
import { readConfig } from '@/lib/config';
import { normalizeIp } from '@/lib/http/client-ip';
import { HttpError } from '@/lib/http/problem';

export type LimitName = 'checks' | 'registrations' | 'tokenChecks' | 'signIns' | 'renames';

/** Each limit: its name in the RateLimit headers, its budget and its window. */
const LIMITS: Record<LimitName, { policy: string; points: () => number; windowSeconds: number }> = {
  checks: { policy: 'checks', points: () => readConfig().rateLimits.checks, windowSeconds: 60 },
  registrations: { policy: 'registrations', points: () => readConfig().rateLimits.registrations, windowSeconds: 60 },
  tokenChecks: { policy: 'token-checks', points: () => readConfig().rateLimits.tokenChecks, windowSeconds: 60 },
  signIns: { policy: 'sign-ins', points: () => readConfig().rateLimits.signIns, windowSeconds: 60 },
  // Username changes on /account, per account (the contract's "at most 5 an hour"; the CLI is not
  // limited). Renaming in a loop would otherwise churn names as fast as requests go.
  renames: { policy: 'renames', points: () => 5, windowSeconds: 60 * 60 },
};

/**
 * The key under which a client IP counts, for every limit that counts per IP: an IPv4 address as it
 * is, an IPv6 address by its /64 network. One IPv6 subscriber or host gets a /64 (or more) to itself
 * and can pick any address inside it, so a per-address key would give them 2^64 budgets.
 */
export function clientIpKey(ip: string): string {
  const address = normalizeIp(ip.split('%')[0] ?? ip);
  const network = isIP(address) === 6 ? ipv6Network64(address) : null;
  return `ip:${network ?? address}`;
}

/** The first four groups of an IPv6 address, fully expanded from `::` and an IPv4 tail. */
function ipv6Network64(address: string): string {
  let text = address.toLowerCase();
  const lastColon = text.lastIndexOf(':');
  const tail = text.slice(lastColon + 1);
  if (tail.includes('.')) {
    const [a = 0, b = 0, c = 0, d = 0] = tail.split('.').map(Number);
    text = `${text.slice(0, lastColon + 1)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', rest] = text.split('::');
  const before = head === '' ? [] : head.split(':');
  const after = rest === undefined || rest === '' ? [] : rest.split(':');
  const groups = rest === undefined ? before : [...before, ...Array<string>(8 - before.length - after.length).fill('0'), ...after];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

export interface LimitOutcome {
  /** IETF RateLimit / RateLimit-Policy headers for the answer, allowed or not */
  headers: Record<string, string>;
  /** requests left in this window, when counted in this thread */
  remaining?: number;
}

/**
 * rate-limiter-flexible's in-memory limiter, counted synchronously. Its `consume()` wraps the same
 * `MemoryStorage.incrby` in a Promise; the check endpoints answer without any promise, so they call
 * the storage directly, as `consume()` does for a limiter without blockDuration or execEvenly.
 * `lib/rate-limit.test.ts` holds this to the library's own `consume()`.
 */
export class SyncRateLimiter extends RateLimiterMemory {
  private readonly storage: { incrby(key: string, value: number, durationSec: number): RateLimiterRes };

  constructor(points: number, durationSeconds: number) {
    super({ points, duration: durationSeconds });
    const storage = (this as unknown as { _memoryStorage?: SyncRateLimiter['storage'] })._memoryStorage;
    if (typeof storage?.incrby !== 'function') {
      throw new Error('rate-limiter-flexible changed: RateLimiterMemory has no _memoryStorage.incrby');
    }
    this.storage = storage;
  }

  /**
   * Counts `points` for `key` at once, as the library's `consume(key, points)` does: points consumed
   * so far in this window and ms until it resets.
   */
  consumeNow(key: string, points = 1): { consumed: number; msBeforeNext: number } {
    const res = this.storage.incrby(this.getKey(key), points, this.duration);
    return { consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext };
  }

  /** Gives back `points` consumed for `key`, as the library's `reward(key, points)` does. */
  refundNow(key: string, points: number): void {
    this.storage.incrby(this.getKey(key), -points, this.duration);
  }
}

interface Limiter {
  points: number;
  limiter: SyncRateLimiter;
  /** PostgreSQL: the counts every instance shares (db/rate-limits.ts); else null, and `limiter` counts. */
  shared: RateLimiterAbstract | null;
  policy: string;
}

// One set of limiters per process, shared by server.ts and Next's own copies of this module.
const holder = globalThis as unknown as { __namecheckLimiters?: Map<LimitName, Limiter> };

function limiterFor(name: LimitName): Limiter | null {
  const { points: budget, windowSeconds } = LIMITS[name];
  const points = budget();
  if (points === 0) return null;
  holder.__namecheckLimiters ??= new Map();
  let entry = holder.__namecheckLimiters.get(name);
  if (!entry || entry.points !== points) {
    const policy = `"${LIMITS[name].policy}";q=${points};w=${windowSeconds}`;
    entry = { points, limiter: new SyncRateLimiter(points, windowSeconds), shared: sharedLimiter({ keyPrefix: `limit-${name}`, points, durationSeconds: windowSeconds }), policy };
    holder.__namecheckLimiters.set(name, entry);
  }
  return entry;
}

function headers(entry: Limiter, name: LimitName, remaining: number, resetSeconds: number): Record<string, string> {
  return {
    'ratelimit-policy': entry.policy,
    ratelimit: `"${LIMITS[name].policy}";r=${remaining};t=${resetSeconds}`,
  };
}

const NO_LIMIT: LimitOutcome = Object.freeze({ headers: Object.freeze({}) as Record<string, string> });

/**
 * Counts a request against `name` for `key` (a client IP, a token id): `points` of the budget, one
 * unless the request does that many things at once (the bulk check: one per name). Over the limit
 * it throws a 429 problem with Retry-After, and the refused request consumes nothing; otherwise it
 * returns the headers that tell the caller where they stand.
 *
 * All or nothing, atomically: the points are added in one increment, which alone decides (as the
 * library's `consume(key, points)` does, and as a shared store's single atomic upsert would), and a
 * refusal gives them back in the same synchronous turn, before any other request of this process
 * can be counted. Checking what remains first and consuming after would be two steps that another
 * instance could come between. On PostgreSQL the increment is one atomic upsert that every instance
 * shares (db/rate-limits.ts), and a refusal's points are given back with a second statement.
 */
export async function consumeLimit(name: LimitName, key: string, points = 1): Promise<LimitOutcome> {
  const entry = limiterFor(name);
  if (!entry) return NO_LIMIT;
  const { consumed, msBeforeNext } = entry.shared ? await consumeShared(entry.shared, key, points) : entry.limiter.consumeNow(key, points);
  if (consumed <= entry.points) {
    const remaining = entry.points - consumed;
    return { headers: headers(entry, name, remaining, Math.ceil(msBeforeNext / 1000)), remaining };
  }
  if (entry.shared) await entry.shared.reward(key, points).catch(() => undefined);
  else entry.limiter.refundNow(key, points);
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const remaining = Math.max(0, entry.points - (consumed - points));
  const detail =
    points > entry.points
      ? `This request counts ${points} checks; the limit is ${entry.points} a minute. Send fewer names per request.`
      : points > 1
        ? `This request counts ${points} checks and ${remaining} are left this minute. Try again in ${retryAfter} seconds.`
        : `Too many requests. Try again in ${retryAfter} seconds.`;
  throw new HttpError('rate_limited', detail, {
    headers: { 'retry-after': String(retryAfter), ...headers(entry, name, remaining, retryAfter) },
  });
}

/** The library's consume, with an over-the-limit answer as data rather than a rejection. */
async function consumeShared(limiter: RateLimiterAbstract, key: string, points: number): Promise<{ consumed: number; msBeforeNext: number }> {
  try {
    const res = await limiter.consume(key, points);
    return { consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext };
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return { consumed: rejection.consumedPoints, msBeforeNext: rejection.msBeforeNext };
    throw rejection;
  }
}

/**
 * Counts one request against `name` under every key (a signed-in caller's account and client IP):
 * refused when any key is over its budget; the headers tell the tightest budget.
 */
export async function consumeLimitAll(name: LimitName, keys: readonly string[]): Promise<LimitOutcome> {
  let tightest: LimitOutcome = NO_LIMIT;
  for (const key of keys) {
    const outcome = await consumeLimit(name, key);
    if ((outcome.remaining ?? Infinity) < (tightest.remaining ?? Infinity)) tightest = outcome;
  }
  return tightest;
}

// Sign-in failures per account, beside the per-IP limit: password spraying from many addresses
// still meets a wait. After SIGN_IN_FAILURES_BEFORE_WAIT failures in a row for one account (from
// any IP), each further attempt waits: a minute after the fifth failure, doubling with each failure
// after a wait, up to 15 minutes. A success forgets the failures; so does a day without one.
// Attempts refused for waiting are not checked at all, so they neither fail nor reset. Keys name an
// account or, for a name that has none, the name: an unknown name is throttled exactly as a known
// one, so the wait says nothing about which accounts exist.
export const SIGN_IN_FAILURES_BEFORE_WAIT = 5;
const FIRST_WAIT_MS = 60_000;
const LONGEST_WAIT_MS = 15 * 60_000;
const FORGET_AFTER_MS = 24 * 60 * 60_000;
// Bounded like everything that a stranger can grow: past this many accounts the oldest records go.
const MAX_FAILURE_RECORDS = 100_000;

interface FailureRecord {
  failures: number;
  waitUntil: number;
  lastFailureAt: number;
}

const failuresHolder = globalThis as unknown as { __namecheckSignInFailures?: Map<string, FailureRecord> };
const failureRecords = () => (failuresHolder.__namecheckSignInFailures ??= new Map());

/** Milliseconds that an attempt for this account must still wait (0: go ahead). */
export function signInWaitMs(key: string, now: number = Date.now()): number {
  const record = failureRecords().get(key);
  if (!record) return 0;
  if (now - record.lastFailureAt > FORGET_AFTER_MS) {
    failureRecords().delete(key);
    return 0;
  }
  return Math.max(0, record.waitUntil - now);
}

/** Counts a failed attempt for this account; from the fifth in a row on, the next ones wait. */
export function recordSignInFailure(key: string, now: number = Date.now()): void {
  const records = failureRecords();
  const previous = records.get(key);
  const failures = previous && now - previous.lastFailureAt <= FORGET_AFTER_MS ? previous.failures + 1 : 1;
  const wait = waitAfter(failures);
  records.delete(key); // re-inserted last: the Map's order is the order of last failure
  records.set(key, { failures, waitUntil: now + wait, lastFailureAt: now });
  if (records.size > MAX_FAILURE_RECORDS) {
    const oldest = records.keys().next().value;
    if (oldest !== undefined) records.delete(oldest);
  }
}

/** A successful sign-in: the account's failures are forgotten. */
export function recordSignInSuccess(key: string): void {
  failureRecords().delete(key);
}

/** What a thread asks the limits: count a request, or ask about and report a sign-in for an account. */
export type LimitQuestion =
  | { kind: 'consume'; name: LimitName; key: string }
  | { kind: 'sign-in'; key: string; report: 'ask' | 'failed' | 'succeeded' };

/** A limit's outcome as it crosses between threads (structured clone: no HttpError). */
export type LimitAnswer = { refused: false; headers: Record<string, string> } | { refused: true; detail: string; headers: Record<string, string> };
export type LimitBroker = (question: LimitQuestion) => Promise<LimitAnswer>;

// In production, Next runs in a worker thread (next-worker.ts) and the documented endpoints in the
// main thread. Every limit is counted in the main thread, so the registration API and the signup
// form, say, share one counter per client: the worker installs a broker that asks the main thread.
const brokerHolder = globalThis as unknown as { __namecheckLimitBroker?: LimitBroker };

export function installLimitBroker(broker: LimitBroker | undefined): void {
  brokerHolder.__namecheckLimitBroker = broker;
}

const ALLOWED: LimitAnswer = { refused: false, headers: {} };

// On PostgreSQL the failures and the waits are every instance's: two shared limiters, one that counts
// an account's failures (forgotten a day after the first of them; a success deletes them), one that
// holds the wait (blocked for the wait's length). The in-memory records above serve SQLite.
interface SharedSignIns {
  failures: RateLimiterAbstract;
  waits: RateLimiterAbstract;
}
const signInHolder = globalThis as unknown as { __namecheckSharedSignIns?: SharedSignIns | null };

function sharedSignIns(): SharedSignIns | null {
  if (signInHolder.__namecheckSharedSignIns === undefined) {
    const failures = sharedLimiter({ keyPrefix: 'sign-in-failures', points: 1_000_000, durationSeconds: FORGET_AFTER_MS / 1000 });
    const waits = sharedLimiter({ keyPrefix: 'sign-in-waits', points: 1, durationSeconds: LONGEST_WAIT_MS / 1000 });
    signInHolder.__namecheckSharedSignIns = failures && waits ? { failures, waits } : null;
  }
  return signInHolder.__namecheckSharedSignIns;
}

/** The wait after `failures` in a row: none before the fifth, then a minute, doubling, at most 15. */
function waitAfter(failures: number): number {
  const over = failures - SIGN_IN_FAILURES_BEFORE_WAIT;
  return over < 0 ? 0 : Math.min(LONGEST_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.min(over, 10));
}

async function signInWaitMsShared(shared: SharedSignIns, key: string): Promise<number> {
  const res = await shared.waits.get(key);
  return res && res.consumedPoints > shared.waits.points ? Math.max(0, res.msBeforeNext) : 0;
}

async function recordSignInShared(shared: SharedSignIns, key: string, succeeded: boolean): Promise<void> {
  if (succeeded) {
    await Promise.all([shared.failures.delete(key), shared.waits.delete(key)]);
    return;
  }
  const res = await shared.failures.consume(key);
  const wait = waitAfter(res.consumedPoints);
  if (wait > 0) await shared.waits.block(key, wait / 1000);
}

/** The answer to a question, in the thread that counts (the main thread, or this one without a broker). */
export async function answerLimit(question: LimitQuestion): Promise<LimitAnswer> {
  if (question.kind === 'sign-in') {
    const shared = sharedSignIns();
    if (question.report !== 'ask') {
      if (shared) await recordSignInShared(shared, question.key, question.report === 'succeeded');
      else if (question.report === 'failed') recordSignInFailure(question.key);
      else recordSignInSuccess(question.key);
      return ALLOWED;
    }
    const waitMs = shared ? await signInWaitMsShared(shared, question.key) : signInWaitMs(question.key);
    if (waitMs === 0) return ALLOWED;
    const seconds = Math.ceil(waitMs / 1000);
    return { refused: true, detail: `Wait ${seconds} seconds before the next attempt.`, headers: { 'retry-after': String(seconds) } };
  }
  try {
    return { refused: false, headers: (await consumeLimit(question.name, question.key)).headers };
  } catch (error) {
    if (error instanceof HttpError && error.code === 'rate_limited') return { refused: true, detail: error.message, headers: error.headers };
    throw error;
  }
}

async function ask(question: LimitQuestion): Promise<LimitAnswer> {
  const broker = brokerHolder.__namecheckLimitBroker;
  return broker ? broker(question) : (await answerLimit(question));
}

/**
 * `consumeLimit` for code that runs in Next (server actions, Auth.js): counted by the main thread's
 * limiters when Next runs in the worker thread, by this thread's own when it does not (`npm run
 * dev`, tests). Throws the same 429 HttpError.
 */
export async function consumeSharedLimit(name: LimitName, key: string): Promise<LimitOutcome> {
  const answer = await ask({ kind: 'consume', name, key });
  if (answer.refused) throw new HttpError('rate_limited', answer.detail, { headers: answer.headers });
  return { headers: answer.headers };
}

/**
 * Before checking a sign-in's password: null to go ahead, or how many seconds this account must
 * still wait after failures in a row (counted by the main thread, as every limit is).
 */
export async function signInWaitSeconds(accountKey: string): Promise<number | null> {
  const answer = await ask({ kind: 'sign-in', key: accountKey, report: 'ask' });
  return answer.refused ? Number(answer.headers['retry-after'] ?? 60) : null;
}

/** After checking a sign-in's password: a failure counts toward the wait, a success clears it. */
export async function reportSignIn(accountKey: string, succeeded: boolean): Promise<void> {
  await ask({ kind: 'sign-in', key: accountKey, report: succeeded ? 'succeeded' : 'failed' });
}
