import type { PlainRequest } from '@/lib/http/plain';
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

/** The documented endpoints, by raw path: one definition each, served by server.ts and by app/api. */
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
