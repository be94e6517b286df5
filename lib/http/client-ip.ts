import { isIP } from 'node:net';

/**
 * Set by server.ts on every request, after dropping whatever the client sent under that name:
 * the only client IP that handlers may trust.
 */
export const CLIENT_IP_HEADER = 'x-namecheck-client-ip';

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
export function normalizeIp(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

/**
 * Behind a trusted proxy (TRUST_PROXY=1) the client is the address that proxy appended last to
 * X-Forwarded-For; entries before it are the client's own claims.
 */
export function clientIpFrom(forwardedFor: string | string[] | undefined, socketIp: string): string {
  const value = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
  const last = value?.split(',').pop()?.trim();
  return last && isIP(normalizeIp(last)) ? normalizeIp(last) : socketIp;
}

/** The client IP in a Next route handler or server action (as set by server.ts). */
export function clientIpOf(headers: { get(name: string): string | null }): string {
  return headers.get(CLIENT_IP_HEADER) ?? 'unknown';
}
