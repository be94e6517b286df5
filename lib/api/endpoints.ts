import type { PlainRequest } from '@/lib/http/request';
import { noApiEndpoint, type PlainResponse } from '@/lib/http/problem';
import { checkUserExistence } from './check-user-existence';
import { checkCompanyUsernames, companyBulkCheckSegment } from './company-bulk-check';
import { COMPANY_CHECK_PREFIX, checkCompanyUsername } from './company-check';
import { health } from './health';
import { openApiJson } from './openapi';
import { register } from './register';

/**
 * An endpoint: plain request in, plain response out. Synchronous on the hot paths (a check with a
 * token or no session answers without a promise); a promise where real waiting happens (decoding a
 * session cookie, hashing a password). Throws HttpError for problems.
 */
export type EndpointCore = (req: PlainRequest) => PlainResponse | Promise<PlainResponse>;

/**
 * Where an /api path is answered, and whether its body is read. How much body it may have is the one
 * table of limits by path, lib/http/body-limits.ts (the adapter refuses more with 413 before reading
 * the rest).
 */
export interface ApiRoute {
  core: EndpointCore;
  readsBody: boolean;
}

const V1_CHECK: ApiRoute = { core: checkUserExistence, readsBody: true };
const V1_REGISTER: ApiRoute = { core: register, readsBody: true };
const V2_CHECK: ApiRoute = { core: checkCompanyUsername, readsBody: true };
const V2_BULK_CHECK: ApiRoute = { core: checkCompanyUsernames, readsBody: true };
const NO_ENDPOINT: ApiRoute = {
  core: () => {
    throw noApiEndpoint();
  },
  readsBody: false,
};

const EXACT: ReadonlyMap<string, ApiRoute> = new Map([
  ['/api/v1/iam/check-user-existence', V1_CHECK],
  ['/api/v1/iam/check-user-existence/', V1_CHECK],
  ['/api/v1/iam/register', V1_REGISTER],
  ['/api/v1/iam/register/', V1_REGISTER],
  ['/api/health', { core: health, readsBody: false }],
  ['/api/openapi.json', { core: openApiJson, readsBody: false }],
]);

/**
 * Auth.js's own paths (app/api/auth/[...nextauth]), which Next serves: `/api/auth/session`,
 * `/api/auth/callback/credentials`, … Plain segments only, so that nothing Next's router would
 * normalise (dot segments, `%2e`, `\`, `//`) can lead it from here to another /api path.
 */
const AUTH_JS = /^\/api\/auth(?:\/[A-Za-z0-9_-]+)+\/?$/;

/**
 * The one router of /api, by raw path (still percent-encoded, no query string): every /api path is
 * answered here, from server.ts's thread (lib/http/node-adapter.ts), except Auth.js's, for which it
 * returns null. Unknown paths get a 404 problem; each core answers a wrong method with 405 and
 * `Allow`. Rate limits are therefore counted in one place, server.ts's thread, and Next's pages ask
 * that thread for theirs (lib/rate-limit.ts consumeSharedLimit), so the registration API and the
 * signup form share one counter per client.
 */
export function routeApi(path: string): ApiRoute | null {
  const exact = EXACT.get(path);
  if (exact) return exact;
  if (path.startsWith(COMPANY_CHECK_PREFIX)) return companyBulkCheckSegment(path) === null ? V2_CHECK : V2_BULK_CHECK;
  if (AUTH_JS.test(path)) return null;
  return NO_ENDPOINT;
}
