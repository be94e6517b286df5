import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import type { Session } from 'next-auth';
import { auth } from '@/app/(auth)/auth';
import type { Acting } from '@/lib/companies/access';

// The pages' and actions' one way to learn who is signed in: the Auth.js session's user id, nothing
// from the request. Whether that person may do anything is decided in lib/ (lib/companies/access.ts
// for the admin screen), every time. The check endpoints read the same claim from the cookie
// themselves (lib/auth/session-cookie.ts).

export interface CurrentSession extends Acting {
  /** How they signed in: with their global username, or on a company's own login page. */
  via: 'credentials' | 'company';
  companyId: number | null;
  name: string | null;
}

/**
 * Auth.js's session for this request, read from the cookies as they stand now. After a server
 * action re-issues the session (a password change moves it to the new session version), Next
 * renders the page again in the same response: `cookies()` holds the new token there, but
 * `headers()`, which `auth()` reads by default, still holds the request's old one, which no longer
 * counts. So the Cookie header handed to Auth.js is rebuilt from `cookies()`.
 */
async function sessionNow() {
  const [requestHeaders, jar] = await Promise.all([headers(), cookies()]);
  const current = new Headers(requestHeaders);
  current.set('cookie', jar.toString());
  // auth()'s route-handler form: the request's headers in, any Set-Cookie into a response we drop
  // (pages cannot set cookies, and a session read changes nothing that matters).
  const routeAuth = auth as unknown as (req: { headers: Headers }, res: { headers: Headers }) => Promise<Session | null>;
  return routeAuth({ headers: current }, { headers: new Headers() });
}

/** The signed-in person, or null. */
export async function currentSession(): Promise<CurrentSession | null> {
  const session = await sessionNow();
  const userId = Number(session?.user?.id);
  if (!session?.user || !Number.isSafeInteger(userId) || userId < 1) return null;
  return { userId, via: session.user.via, companyId: session.user.companyId ?? null, name: session.user.name ?? null };
}

export async function sessionActing(): Promise<Acting | null> {
  const session = await currentSession();
  return session ? { userId: session.userId } : null;
}

/** The signed-in person, or a redirect to the sign-in page that comes back to `path`. */
export async function requireSessionActing(path: string): Promise<Acting> {
  const acting = await sessionActing();
  if (!acting) redirect(`/login?callbackUrl=${encodeURI(path)}`);
  return acting;
}

/** This site's origin as the browser reached it, for links an admin copies (the company login page). */
export async function siteOrigin(): Promise<string> {
  const h = await headers();
  const host = h.get('x-forwarded-host') ?? h.get('host') ?? 'localhost';
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  return `${proto}://${host}`;
}
