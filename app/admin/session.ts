import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { auth } from '@/app/(auth)/auth';
import type { Acting } from '@/lib/companies/access';

// The admin screen's one way to learn who is acting: the Auth.js session's user id, nothing from the
// request. Whether that person may do anything is decided by lib/admin/authorize.ts, every time.

export async function sessionActing(): Promise<Acting | null> {
  const session = await auth();
  const id = Number(session?.user?.id);
  return Number.isSafeInteger(id) && id > 0 ? { userId: id } : null;
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
