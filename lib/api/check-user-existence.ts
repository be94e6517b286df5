import { hasSessionCookie, sessionUserFromCookie } from '@/lib/auth/session-cookie';
import { corsHeaders, preflight } from '@/lib/http/cors';
import { header, readJsonObject, type PlainRequest } from '@/lib/http/plain';
import { HttpError, jsonResponse, methodNotAllowed, type PlainResponse } from '@/lib/http/problem';
import { consumeLimit } from '@/lib/rate-limit';
import { globalNameStore } from '@/lib/username-store';
import { checkAvailability, type Viewer } from '@/lib/usernames';
import { CheckUserExistenceRequest, fieldErrors } from './schemas';

/**
 * POST /api/v1/iam/check-user-existence/ — 200 with a verdict for every well-formed request.
 * Anonymous callers are limited per client IP, signed-in ones per account.
 */
export async function checkUserExistence(req: PlainRequest): Promise<PlainResponse> {
  if (req.method === 'OPTIONS') return preflight(req, ['POST']);
  if (req.method !== 'POST') throw methodNotAllowed(['POST', 'OPTIONS']);
  const cors = corsHeaders(req);
  try {
    const body = readJsonObject(req);
    const parsed = CheckUserExistenceRequest.safeParse(body);
    if (!parsed.success) {
      throw new HttpError('bad_request', 'Send {"username": "<a string>"}.', { errors: fieldErrors(parsed.error) });
    }
    const cookie = header(req, 'cookie');
    const user = hasSessionCookie(cookie) ? await sessionUserFromCookie(cookie) : null;
    const limit = await consumeLimit('checks', user ? `user:${user.id}` : `ip:${req.clientIp}`);
    const viewer: Viewer | undefined =
      user?.usernameCanonical ? { canonical: user.usernameCanonical, key: user.similarityKey } : undefined;
    const verdict = checkAvailability(globalNameStore(), parsed.data.username, 'global', viewer);
    return jsonResponse(200, { username: parsed.data.username, ...verdict }, { ...limit.headers, ...cors });
  } catch (error) {
    if (error instanceof HttpError) Object.assign(error.headers, cors);
    throw error;
  }
}
