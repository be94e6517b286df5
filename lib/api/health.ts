import { databaseAnswers } from '@/db/client';
import { jsonResponse, methodNotAllowed, type PlainResponse } from '@/lib/http/problem';
import type { PlainRequest } from '@/lib/http/request';

/**
 * GET /api/health: 200 {"status":"ok"} once the database answers, else 503 {"status":"unavailable"}
 * with Retry-After (the contract's shape for a load balancer's probe, not a problem document).
 */
export async function health(req: PlainRequest): Promise<PlainResponse> {
  if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(['GET']);
  if (!(await databaseAnswers())) return jsonResponse(503, { status: 'unavailable' }, { 'retry-after': '5' });
  return jsonResponse(200, { status: 'ok' });
}
