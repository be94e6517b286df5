import { HttpError } from '@/lib/http/problem';

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
