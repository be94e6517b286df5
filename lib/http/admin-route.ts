import { readBodyUpTo } from '@/lib/http/body';
import { HttpError, problemResponse, toWebResponse } from '@/lib/http/problem';

// What the admin route handlers share: Web Request/Response only, no framework.

/** A company id from a path segment, or null (the caller answers 404). */
export function parseCompanyId(raw: string): number | null {
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}

/**
 * State-changing admin requests must come from this site's own pages. The session cookie is
 * SameSite=Lax already; this is the same Origin-against-Host check Next makes for server actions.
 */
export function assertSameOrigin(request: Request): void {
  const origin = request.headers.get('origin');
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host');
  let originHost: string | null = null;
  try {
    originHost = origin ? new URL(origin).host : null;
  } catch {
    originHost = null;
  }
  if (!originHost || !host || originHost !== host) {
    throw new HttpError('forbidden', 'This request must come from the admin page itself.');
  }
}

/** The body as text, refusing more than `limit` bytes without reading all of it. */
export async function readTextBody(request: Request, limit: number): Promise<string> {
  const bytes = await readBodyUpTo(request, limit, tooLarge);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}

function tooLarge(limit: number): HttpError {
  return new HttpError('payload_too_large', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB. Split it.`);
}

/** Any error as a problem+json answer (unknown errors are logged and answered as a bare 500). */
export function errorResponse(error: unknown): Response {
  return toWebResponse(problemResponse(error));
}

export function jsonAnswer(payload: unknown, status = 200): Response {
  return new Response(JSON.stringify(payload), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}
