import { decode } from 'next-auth/jwt';
import { liveSessionUser } from '@/lib/auth/sessions';
import type { User } from '@/db/queries/users';

// Auth.js's session cookie names: plain over http, __Secure- over https.
const COOKIE_NAMES = ['authjs.session-token', '__Secure-authjs.session-token'] as const;

function parseCookies(header: string): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (!name.includes('authjs.session-token')) continue;
    cookies.set(name, part.slice(eq + 1).trim());
  }
  return cookies;
}

/** The session token under `name`, joining Auth.js's chunked cookies (`name.0`, `name.1`, …). */
function tokenFrom(cookies: Map<string, string>, name: string): string | undefined {
  const whole = cookies.get(name);
  if (whole) return whole;
  let joined = '';
  for (let i = 0; cookies.has(`${name}.${i}`); i++) joined += cookies.get(`${name}.${i}`);
  return joined || undefined;
}

/** Cheap test, so the hot paths only pay for decoding (and a promise) when a session cookie is there. */
export function hasSessionCookie(cookieHeader: string | undefined): cookieHeader is string {
  return cookieHeader !== undefined && cookieHeader.includes('authjs.session-token');
}

/**
 * The signed-in user behind an Auth.js session cookie, for the hot API paths that run without
 * Auth.js's request machinery. Decoded only when such a cookie is present; the user is re-read from
 * the database, so a deleted account, or a token from before the account's sessions were ended
 * (an old session version), is no session: the same answer as Auth.js's own reader gives.
 */
export async function sessionUserFromCookie(cookieHeader: string | undefined): Promise<User | null> {
  if (!hasSessionCookie(cookieHeader)) return null;
  const secret = process.env.AUTH_SECRET;
  if (!secret) return null;
  const cookies = parseCookies(cookieHeader);
  for (const name of COOKIE_NAMES) {
    const token = tokenFrom(cookies, name);
    if (!token) continue;
    try {
      const payload = await decode({ token, secret, salt: name });
      return await liveSessionUser(payload);
    } catch {
      return null;
    }
  }
  return null;
}
