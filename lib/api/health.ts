import { databaseAnswers } from '@/db/client';
import { HttpError, jsonResponse, methodNotAllowed, type PlainResponse } from '@/lib/http/problem';
import type { PlainRequest } from '@/lib/http/request';

/** GET /api/health: 200 {"status":"ok"} once the database answers, else a 503 problem. */
export async function health(req: PlainRequest): Promise<PlainResponse> {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(['GET']);
  if (!(await databaseAnswers())) throw new HttpError('unavailable', 'The database does not answer.');
  return jsonResponse(200, { status: 'ok' });
}
