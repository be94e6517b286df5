import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
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
 * The limiter behind each rate limit. In-process today (rate-limiter-flexible's memory store);
 * a shared store (Redis, a database) is a different RateLimiterAbstract behind this same function.
 */
function createLimiter(points: number): RateLimiterAbstract {
  return new RateLimiterMemory({ points, duration: WINDOW_SECONDS });
}

// One set of limiters per process, shared by server.ts and Next's own copies of this module.
const holder = globalThis as unknown as {
  __namecheckLimiters?: Map<LimitName, { points: number; limiter: RateLimiterAbstract }>;
};

function limiterFor(name: LimitName): { points: number; limiter: RateLimiterAbstract } | null {
  const points = readConfig().rateLimits[name];
  if (points === 0) return null;
  holder.__namecheckLimiters ??= new Map();
  let entry = holder.__namecheckLimiters.get(name);
  if (!entry || entry.points !== points) {
    entry = { points, limiter: createLimiter(points) };
    holder.__namecheckLimiters.set(name, entry);
  }
  return entry;
}

function headers(name: LimitName, points: number, remaining: number, resetSeconds: number): Record<string, string> {
  const policy = POLICY_NAMES[name];
  return {
    'ratelimit-policy': `"${policy}";q=${points};w=${WINDOW_SECONDS}`,
    ratelimit: `"${policy}";r=${Math.max(0, remaining)};t=${resetSeconds}`,
  };
}

/**
 * Counts one request against `name` for `key` (a client IP, a token id). Over the limit it throws a
 * 429 problem with Retry-After; otherwise it returns the headers that tell the caller where they stand.
 */
export async function consumeLimit(name: LimitName, key: string): Promise<LimitOutcome> {
  const entry = limiterFor(name);
  if (!entry) return { headers: {} };
  try {
    const res = await entry.limiter.consume(key);
    return { headers: headers(name, entry.points, res.remainingPoints, Math.ceil(res.msBeforeNext / 1000)) };
  } catch (rejection) {
    if (!(rejection instanceof RateLimiterRes)) throw rejection;
    const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
    throw new HttpError('rate_limited', `Too many requests. Try again in ${retryAfter} seconds.`, {
      headers: { 'retry-after': String(retryAfter), ...headers(name, entry.points, 0, retryAfter) },
    });
  }
}
