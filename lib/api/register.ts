import { readJsonObject, type PlainRequest } from '@/lib/http/request';
import { HttpError, jsonResponse, methodNotAllowed, type PlainResponse } from '@/lib/http/problem';
import { clientIpKey, consumeLimit } from '@/lib/rate-limit';
import { registerUser } from '@/lib/accounts/registration';
import { RegisterRequest, fieldErrors, parseRequest } from './schemas';

/** POST /api/v1/iam/register/ — 201 {id, username}; 400 invalid or reserved; 409 taken or similar. */
export async function register(req: PlainRequest): Promise<PlainResponse> {
  if (req.method !== 'POST') throw methodNotAllowed(['POST']);
  const body = readJsonObject(req);
  const limit = await consumeLimit('registrations', clientIpKey(req.clientIp));
  const parsed = parseRequest(RegisterRequest, body);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    throw new HttpError('validation_error', 'Some fields are missing or invalid.', { errors, headers: limit.headers });
  }
  const user = await registerUser(parsed.data);
  return jsonResponse(201, { id: user.id, username: user.username }, limit.headers);
}
