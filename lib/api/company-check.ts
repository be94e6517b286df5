import { acceptToken, authenticateToken, TOKEN_PATTERN } from '@/lib/api-tokens';
import { hashSecretToken } from '@/lib/auth/token-hash';
import { now } from '@/lib/clock';
import { hasSessionCookie, sessionUserFromCookie } from '@/lib/auth/session-cookie';
import { authorizeCompanyCheck, type CheckCaller } from '@/lib/companies/access';
import { corsHeaders, preflight, withCorsOnError } from '@/lib/http/cors';
import { companyIdFromPath } from '@/lib/http/params';
import { header, type PlainRequest } from '@/lib/http/request';
import { apiLocale, varyOnLanguage } from '@/lib/http/language';
import { translate } from '@/lib/i18n/translate';
import type { Locale } from '@/lib/i18n/locales';
import { HttpError, jsonResponse, methodNotAllowed, type PlainResponse } from '@/lib/http/problem';
import { consumeLimit } from '@/lib/rate-limit';
import { companyNameStore } from '@/db/queries/names';
import { readCompanyCheck, readsCompanyCheckAhead } from '@/db/queries/company-check';
import { companyUsernameRules, toRules } from '@/lib/companies/username-rules';
import {
  checkAvailability,
  companyAvailabilityMessage,
  firstCandidateForms,
  validateUsername,
  type CompanyUsernameRules,
  type ManyAvailability,
  type NameStore,
} from '@/lib/usernames';

export const COMPANY_CHECK_PREFIX = '/api/v2/usernames/check/company/';
const MAX_AUTHORIZATION = 512;

/** `{companyId}/{companyUsername}` from the raw path; null when the path has another shape. */
export function companyCheckSegments(path: string): { id: string; name: string } | null {
  if (!path.startsWith(COMPANY_CHECK_PREFIX)) return null;
  const rest = path.slice(COMPANY_CHECK_PREFIX.length);
  const parts = rest.split('/');
  if (parts.length === 3 && parts[2] === '') parts.pop(); // trailing slash
  if (parts.length !== 2) return null;
  return { id: parts[0]!, name: parts[1]! };
}

function decodeOnce(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new HttpError('bad_request', 'companyUsername has an invalid percent-encoding.', {
      errors: { companyUsername: ['Encode the username as UTF-8 and percent-encode it once.'] },
    });
  }
}

function unauthorized(detail: string, invalidToken: boolean): HttpError {
  return new HttpError('unauthorized', detail, {
    headers: { 'www-authenticate': invalidToken ? 'Bearer realm="namecheck", error="invalid_token"' : 'Bearer realm="namecheck"' },
  });
}

const BEARER = /^Bearer +(\S+) *$/i;

const BAD_TOKEN = 'The API token is malformed, unknown, revoked or expired.';

function bearerToken(authorization: string): string | null {
  const match = authorization.length <= MAX_AUTHORIZATION ? BEARER.exec(authorization) : null;
  return match ? match[1]! : null;
}

/** The caller behind an Authorization header: a live Bearer token, or a 401. */
async function tokenCaller(authorization: string): Promise<CheckCaller> {
  const presented = bearerToken(authorization);
  const token = presented ? (await authenticateToken(presented)) : null;
  if (!token) throw unauthorized(BAD_TOKEN, true);
  return { kind: 'token', token };
}

/** What a check read ahead of asking: the company's rules, and a store that knows the name. */
interface ReadAhead {
  rules: CompanyUsernameRules;
  store: NameStore;
}

/**
 * On PostgreSQL, a single check with a well-formed Bearer token and a valid name asks everything in
 * one statement (db/queries/company-check.ts): the caller it authenticates, and what it read for
 * `answer`. Null where the questions are asked one by one (SQLite, or a request that fails early).
 */
async function readAhead(authorization: string, companyId: number, name: string): Promise<{ caller: CheckCaller; ahead: ReadAhead } | null> {
  const presented = bearerToken(authorization);
  const validation = validateUsername(name, 'company');
  if (!presented || !TOKEN_PATTERN.test(presented) || !validation.ok) return null;
  const forms = { canonical: validation.canonical, key: null };
  const likelyFree = firstCandidateForms({ input: name, ...forms }, 'company');
  const read = await readCompanyCheck(hashSecretToken(presented), companyId, forms, likelyFree, now());
  if (!read) return null;
  const token = acceptToken(read.token);
  if (!token) throw unauthorized(BAD_TOKEN, true);
  return { caller: { kind: 'token', token }, ahead: { rules: toRules(read.rules), store: read.store } };
}

/** Without an Authorization header: the signed-in admin behind a session cookie, or a 401. */
async function sessionCaller(req: PlainRequest): Promise<CheckCaller> {
  const noCredentials = () => unauthorized('Send an API token as Authorization: Bearer <token>.', false);
  const cookie = header(req, 'cookie');
  if (!hasSessionCookie(cookie)) throw noCredentials();
  const user = await sessionUserFromCookie(cookie);
  if (!user) throw noCredentials();
  return { kind: 'person', viewer: { userId: user.id, username: user.username, isPlatformAdmin: user.isPlatformAdmin } };
}

/**
 * Runs `work` for the caller behind the request's credentials: a Bearer token when one is sent, else
 * an admin's session cookie. The single and the bulk check's one way to authenticate.
 */
export async function withCheckCaller(req: PlainRequest, work: (caller: CheckCaller) => Promise<PlainResponse>): Promise<PlainResponse> {
  const authorization = header(req, 'authorization');
  return work(authorization !== undefined ? await tokenCaller(authorization) : await sessionCaller(req));
}

/** Whose budget of RATE_LIMIT_TOKEN_CHECKS_PER_MINUTE a check counts against. */
export function checkLimitKey(caller: CheckCaller): string {
  return caller.kind === 'token' ? `token:${caller.token.id}` : `user:${caller.viewer.userId}`;
}

/**
 * The answer for one name, as the single check sends it and as each item of the bulk check: one
 * function, so that a field added to one is in the other.
 */
export function companyCheckItem(companyId: number, name: string, verdict: ManyAvailability, locale: Locale) {
  const message = companyAvailabilityMessage(name, verdict);
  return {
    company_id: String(companyId),
    company_username: name,
    is_available: verdict.available,
    message: translate(message, locale),
    reason: verdict.reason,
    message_key: message.key,
    suggestions: verdict.suggestions,
  };
}

async function answer(caller: CheckCaller, companyId: number, name: string, locale: Locale, cors: Record<string, string>, ahead?: ReadAhead): Promise<PlainResponse> {
  await authorizeCompanyCheck(caller, companyId);
  const limit = await consumeLimit('tokenChecks', checkLimitKey(caller));
  const store = ahead?.store ?? companyNameStore(companyId, now());
  const companyRules = ahead?.rules ?? (await companyUsernameRules(companyId));
  const verdict = await checkAvailability(store, name, 'company', undefined, { companyRules });
  return jsonResponse(200, companyCheckItem(companyId, name, verdict, locale), limit.headers, varyOnLanguage(cors));
}

/**
 * GET /api/v2/usernames/check/company/{companyId}/{companyUsername}. Synchronous for a Bearer token;
 * a promise only when an admin's session cookie has to be decoded.
 */
export function checkCompanyUsername(req: PlainRequest): PlainResponse | Promise<PlainResponse> {
  if (req.method === 'OPTIONS') return preflight(req, ['GET']);
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(['GET', 'OPTIONS']);
  const cors = corsHeaders(req);
  return withCorsOnError(cors, () => {
    const segments = companyCheckSegments(req.path);
    if (!segments) throw new HttpError('not_found', 'Use /api/v2/usernames/check/company/{companyId}/{companyUsername}.');
    const companyId = companyIdFromPath(segments.id);
    const name = decodeOnce(segments.name);
    if (name === '') {
      throw new HttpError('validation_error', 'Give a company username to check.', {
        errors: { companyUsername: ['Give a company username to check.'] },
      });
    }
    const locale = apiLocale(req);
    const authorization = header(req, 'authorization');
    const askOneByOne = () => withCheckCaller(req, (caller) => answer(caller, companyId, name, locale, cors));
    if (authorization === undefined || !readsCompanyCheckAhead()) return askOneByOne();
    return readAhead(authorization, companyId, name).then((read) => (read ? answer(read.caller, companyId, name, locale, cors, read.ahead) : askOneByOne()));
  });
}
