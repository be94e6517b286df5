import { jsonResponse, problemResponse, type PlainResponse } from '@/lib/http/problem';

// Answers of the Next route handlers outside /api (the admin screen's CSV and slug routes): the same
// plain answers as the API's, as Web Responses. The /api paths never come here: server.ts writes
// their plain answers itself (lib/http/node-adapter.ts).

export function toWebResponse(plain: PlainResponse): Response {
  return new Response(plain.body, { status: plain.status, headers: plain.headers });
}

/** Any error as a problem+json answer (unknown errors are logged and answered as a bare 500). */
export function errorResponse(error: unknown): Response {
  return toWebResponse(problemResponse(error));
}

export function jsonAnswer(payload: unknown, status = 200): Response {
  return toWebResponse(jsonResponse(status, payload));
}
