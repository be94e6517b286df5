import { RateLimiterMemory, type RateLimiterRes } from 'rate-limiter-flexible';
import { readConfig } from '@/lib/config';
import { HttpError } from '@/lib/http/problem';

export type LimitName = 'checks' | 'registrations' | 'tokenChecks' | 'signIns';

const POLICY_NAMES: Record<LimitName, string> = {
  checks: 'checks',
  registrations: 'registrations',
  tokenChecks: 'token-checks',
  signIns: 'sign-ins',
};

const WINDOW_SECONDS = 60;

export interface LimitOutcome {
  /** IETF RateLimit / RateLimit-Policy headers for the answer, allowed or not */
  headers: Record<string, string>;
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
  policy: string;
}

// One set of limiters per process, shared by server.ts and Next's own copies of this module.
const holder = globalThis as unknown as { __namecheckLimiters?: Map<LimitName, Limiter> };

function limiterFor(name: LimitName): Limiter | null {
  const points = readConfig().rateLimits[name];
  if (points === 0) return null;
  holder.__namecheckLimiters ??= new Map();
  let entry = holder.__namecheckLimiters.get(name);
  if (!entry || entry.points !== points) {
    const policy = `"${POLICY_NAMES[name]}";q=${points};w=${WINDOW_SECONDS}`;
    entry = { points, limiter: new SyncRateLimiter(points, WINDOW_SECONDS), policy };
    holder.__namecheckLimiters.set(name, entry);
  }
  return entry;
}

function headers(entry: Limiter, name: LimitName, remaining: number, resetSeconds: number): Record<string, string> {
  return {
    'ratelimit-policy': entry.policy,
    ratelimit: `"${POLICY_NAMES[name]}";r=${remaining};t=${resetSeconds}`,
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
 * instance could come between once the counters are shared.
 * Synchronous: an in-memory count needs no promise.
 */
export function consumeLimit(name: LimitName, key: string, points = 1): LimitOutcome {
  const entry = limiterFor(name);
  if (!entry) return NO_LIMIT;
  const { consumed, msBeforeNext } = entry.limiter.consumeNow(key, points);
  if (consumed <= entry.points) {
    return { headers: headers(entry, name, entry.points - consumed, Math.ceil(msBeforeNext / 1000)) };
  }
  entry.limiter.refundNow(key, points);
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

/** A limit's outcome as it crosses between threads (structured clone: no HttpError). */
export type LimitAnswer = { refused: false; headers: Record<string, string> } | { refused: true; detail: string; headers: Record<string, string> };
export type LimitBroker = (name: LimitName, key: string) => Promise<LimitAnswer>;

// In production, Next runs in a worker thread (next-worker.ts) and the documented endpoints in the
// main thread. Every limit is counted in the main thread, so the registration API and the signup
// form, say, share one counter per client: the worker installs a broker that asks the main thread.
const brokerHolder = globalThis as unknown as { __namecheckLimitBroker?: LimitBroker };

export function installLimitBroker(broker: LimitBroker | undefined): void {
  brokerHolder.__namecheckLimitBroker = broker;
}

/** For the main thread: counts a request on a worker's behalf. */
export function answerLimit(name: LimitName, key: string): LimitAnswer {
  try {
    return { refused: false, headers: consumeLimit(name, key).headers };
  } catch (error) {
    if (error instanceof HttpError && error.code === 'rate_limited') return { refused: true, detail: error.message, headers: error.headers };
    throw error;
  }
}

/**
 * `consumeLimit` for code that runs in Next (server actions, Auth.js): counted by the main thread's
 * limiters when Next runs in the worker thread, by this thread's own when it does not (`npm run
 * dev`, tests). Throws the same 429 HttpError.
 */
export async function consumeSharedLimit(name: LimitName, key: string): Promise<LimitOutcome> {
  const broker = brokerHolder.__namecheckLimitBroker;
  if (!broker) return consumeLimit(name, key);
  const answer = await broker(name, key);
  if (answer.refused) throw new HttpError('rate_limited', answer.detail, { headers: answer.headers });
  return { headers: answer.headers };
}
