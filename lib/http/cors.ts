import { readConfig } from '@/lib/config';
import { HttpError, type PlainResponse } from '@/lib/http/problem';
import { header, type PlainRequest } from '@/lib/http/request';

const NO_CORS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * CORS for the two public check endpoints: an allow-list from CORS_ORIGINS (none by default), no
 * credentials. Returns the headers to add for this request's Origin, if it is allowed.
 */
export function corsHeaders(req: PlainRequest): Record<string, string> {
  const origin = header(req, 'origin');
  if (!origin) return NO_CORS;
  if (!readConfig().corsOrigins.includes(origin)) return { vary: 'Origin' };
  return { 'access-control-allow-origin': origin, vary: 'Origin', 'access-control-expose-headers': 'RateLimit, RateLimit-Policy, Retry-After, X-Request-Id' };
}

/** Gives a problem on its way out the same CORS headers as a success, so callers can read it. */
function corsOnError(error: unknown, cors: Record<string, string>): unknown {
  if (error instanceof HttpError) Object.assign(error.headers, cors);
  return error;
}

/**
 * Runs an endpoint's work with `corsOnError` on whatever it throws, synchronously or, when it
 * answers with a promise, through the promise's rejection. A synchronous answer stays synchronous.
 */
export function withCorsOnError<T>(cors: Record<string, string>, work: () => T | Promise<T>): T | Promise<T> {
  let answer: T | Promise<T>;
  try {
    answer = work();
  } catch (error) {
    throw corsOnError(error, cors);
  }
  if (!(answer instanceof Promise)) return answer;
  return answer.catch((error: unknown) => {
    throw corsOnError(error, cors);
  });
}

/** The answer to a preflight OPTIONS request. */
export function preflight(req: PlainRequest, methods: readonly string[]): PlainResponse {
  const base = corsHeaders(req);
  const allowed = 'access-control-allow-origin' in base;
  return {
    status: 204,
    headers: {
      allow: [...methods, 'OPTIONS'].join(', '),
      'cache-control': 'no-store',
      ...base,
      ...(allowed
        ? {
            'access-control-allow-methods': [...methods, 'OPTIONS'].join(', '),
            'access-control-allow-headers': 'Content-Type, Authorization, Accept',
            'access-control-max-age': '600',
          }
        : {}),
    },
    body: '',
  };
}
