import type { PlainRequest } from '@/lib/http/request';
import { problemResponse, type PlainResponse } from '@/lib/http/problem';
import { checkUserExistence } from './check-user-existence';
import { COMPANY_CHECK_PREFIX, checkCompanyUsername } from './company-check';
import { register } from './register';

/**
 * An endpoint: plain request in, plain response out. Synchronous on the hot paths (a check with a
 * token or no session answers without a promise); a promise where real waiting happens (decoding a
 * session cookie, hashing a password). Throws HttpError for problems.
 */
export type EndpointCore = (req: PlainRequest) => PlainResponse | Promise<PlainResponse>;

const EXACT: ReadonlyMap<string, EndpointCore> = new Map([
  ['/api/v1/iam/check-user-existence', checkUserExistence],
  ['/api/v1/iam/check-user-existence/', checkUserExistence],
  ['/api/v1/iam/register', register],
  ['/api/v1/iam/register/', register],
]);

/**
 * The documented endpoints, by raw path: server.ts answers these itself, with the same cores that
 * their app/api route handlers wrap. Their rate limits are counted in server.ts's thread, and Next's
 * pages ask that thread for theirs (lib/rate-limit.ts consumeSharedLimit), so the registration API
 * and the signup form share one counter per client.
 */
export function matchEndpoint(path: string): EndpointCore | null {
  return EXACT.get(path) ?? (path.startsWith(COMPANY_CHECK_PREFIX) ? checkCompanyUsername : null);
}

/** Runs a core; whatever it throws becomes a problem response. */
export async function runEndpoint(core: EndpointCore, req: PlainRequest): Promise<PlainResponse> {
  try {
    return await core(req);
  } catch (error) {
    return problemResponse(error);
  }
}
