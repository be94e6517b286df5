import { companyNameSetStore } from '@/db/queries/names';
import { now } from '@/lib/clock';
import { authorizeCompanyCheck, type CheckCaller } from '@/lib/companies/access';
import { companyUsernameRules } from '@/lib/companies/username-rules';
import { corsHeaders, preflight, withCorsOnError } from '@/lib/http/cors';
import { companyIdFromPath } from '@/lib/http/params';
import { HttpError, jsonResponse, methodNotAllowed, type PlainResponse } from '@/lib/http/problem';
import { readJsonObject, type PlainRequest } from '@/lib/http/request';
import { apiLocale, varyOnLanguage } from '@/lib/http/language';
import type { Locale } from '@/lib/i18n/locales';
import { consumeLimit } from '@/lib/rate-limit';
import { checkAvailabilityOfMany } from '@/lib/usernames';
import { COMPANY_CHECK_PREFIX, checkLimitKey, companyCheckItem, withCheckCaller } from './company-check';
import { BULK_CHECK_MAX_BODY_BYTES, CompanyBulkCheckRequest, fieldErrors, invalidBulkCheckRequest, parseRequest } from './schemas';

/** `{companyId}` of `/api/v2/usernames/check/company/{companyId}` (with or without a trailing slash); null for another shape. */
export function companyBulkCheckSegment(path: string): string | null {
  if (!path.startsWith(COMPANY_CHECK_PREFIX)) return null;
  const rest = path.slice(COMPANY_CHECK_PREFIX.length);
  const end = rest.endsWith('/') ? rest.length - 1 : rest.length;
  const id = rest.slice(0, end);
  return id !== '' && !id.includes('/') ? id : null;
}

/**
 * The names to check. Unknown fields are refused, as the v1 register endpoint refuses them: a
 * misspelt `usernames` or a field a caller believes does something (a company id in the body) gets
 * a 400 that names it, instead of being silently ignored.
 */
function requestedUsernames(req: PlainRequest): string[] {
  const parsed = parseRequest(CompanyBulkCheckRequest, readJsonObject(req, BULK_CHECK_MAX_BODY_BYTES));
  if (!parsed.success) {
    throw invalidBulkCheckRequest(fieldErrors(parsed.error));
  }
  return parsed.data.usernames;
}

async function answer(caller: CheckCaller, companyId: number, names: string[], locale: Locale, cors: Record<string, string>): Promise<PlainResponse> {
  await authorizeCompanyCheck(caller, companyId);
  // Each name is one check of the per-token budget; a request that would go over it is refused whole.
  const limit = await consumeLimit('tokenChecks', checkLimitKey(caller), names.length);
  // The company's own rules, read once for all the names: the query count stays fixed.
  const verdicts = await checkAvailabilityOfMany(companyNameSetStore(companyId, now()), names, 'company', { companyRules: await companyUsernameRules(companyId) });
  return jsonResponse(
    200,
    names.map((name, index) => companyCheckItem(companyId, name, verdicts[index]!, locale)),
    limit.headers,
    varyOnLanguage(cors),
  );
}

/**
 * POST /api/v2/usernames/check/company/{companyId}: the bulk check, `{"usernames": [...]}` → one
 * item per name, in input order, each what the single check answers for it. The same
 * authentication, companyId rules, authorization and per-token limit as the single check, and a
 * fixed number of queries whatever the number of names. Synchronous for a Bearer token.
 */
export function checkCompanyUsernames(req: PlainRequest): PlainResponse | Promise<PlainResponse> {
  if (req.method === 'OPTIONS') return preflight(req, ['POST']);
  if (req.method !== 'POST') throw methodNotAllowed(['POST', 'OPTIONS']);
  const cors = corsHeaders(req);
  return withCorsOnError(cors, () => {
    const segment = companyBulkCheckSegment(req.path);
    if (segment === null) throw new HttpError('not_found', 'Use /api/v2/usernames/check/company/{companyId}.');
    const companyId = companyIdFromPath(segment);
    const names = requestedUsernames(req);
    const locale = apiLocale(req);
    return withCheckCaller(req, (caller) => answer(caller, companyId, names, locale, cors));
  });
}
