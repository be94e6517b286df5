import { hasSessionCookie, sessionUserFromCookie } from '@/lib/auth/session-cookie';
import { corsHeaders, preflight, withCorsOnError } from '@/lib/http/cors';
import { header, readJsonObject, type PlainRequest } from '@/lib/http/request';
import { apiLocale, varyOnLanguage } from '@/lib/http/language';
import { translate } from '@/lib/i18n/translate';
import { HttpError, jsonResponse, methodNotAllowed, type PlainResponse } from '@/lib/http/problem';
import { clientIpKey, consumeLimitAll } from '@/lib/rate-limit';
import { globalNameStore } from '@/db/queries/names';
import { checkAvailability } from '@/lib/usernames';
import { viewerOf } from '@/lib/accounts/users';
import { now } from '@/lib/clock';
import type { User } from '@/db/queries/users';
import { CheckUserExistenceRequest, fieldErrors, parseRequest } from './schemas';

function requestedUsername(req: PlainRequest): string {
  const parsed = parseRequest(CheckUserExistenceRequest, readJsonObject(req));
  if (!parsed.success) {
    throw new HttpError('bad_request', 'Send {"username": "<a string>"}.', { errors: fieldErrors(parsed.error) });
  }
  return parsed.data.username;
}

async function verdict(req: PlainRequest, username: string, user: User | null, cors: Record<string, string>): Promise<PlainResponse> {
  // Per client IP (IPv6 by /64) for everyone, and per account too for a signed-in caller: signing in
  // (or registering more accounts) never buys more checks from one address.
  const ip = clientIpKey(req.clientIp);
  const limit = await consumeLimitAll('checks', user ? [ip, `user:${user.id}`] : [ip]);
  const availability = await checkAvailability(globalNameStore(now()), username, 'global', user ? viewerOf(user) : undefined);
  return jsonResponse(
    200,
    {
      username,
      available: availability.available,
      reason: availability.reason,
      message: translate(availability.message, apiLocale(req)),
      message_key: availability.message.key,
      suggestions: availability.suggestions,
    },
    limit.headers,
    varyOnLanguage(cors),
  );
}

/**
 * POST /api/v1/iam/check-user-existence/ — 200 with a verdict for every well-formed request.
 * Every caller is limited per client IP, signed-in ones per account as well.
 */
export function checkUserExistence(req: PlainRequest): PlainResponse | Promise<PlainResponse> {
  if (req.method === 'OPTIONS') return preflight(req, ['POST']);
  if (req.method !== 'POST') throw methodNotAllowed(['POST', 'OPTIONS']);
  const cors = corsHeaders(req);
  return withCorsOnError(cors, () => {
    const username = requestedUsername(req);
    const cookie = header(req, 'cookie');
    if (!hasSessionCookie(cookie)) return verdict(req, username, null, cors);
    return sessionUserFromCookie(cookie).then((user) => verdict(req, username, user, cors));
  });
}
