import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
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

/** The signed-in person, or null. */
export async function currentSession(): Promise<CurrentSession | null> {
  const session = await auth();
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
