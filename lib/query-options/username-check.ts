import { queryOptions } from '@tanstack/react-query';
import type { Availability, Reason } from '@/lib/usernames/types';

// The live username checks, as TanStack Query options: the debounced name is in the key, so an
// older answer never lands on a newer name, and a name typed again comes from the cache.

const ALL = ['username-check'] as const;

/**
 * Every key of the live checks, from here only: the options below, and whoever sets or invalidates
 * answers (a prefix key covers every name under it).
 */
export const usernameCheckKeys = {
  all: ALL,
  global: () => [...ALL, 'global'] as const,
  globalName: (username: string) => [...ALL, 'global', username] as const,
  company: (companyId: number) => [...ALL, 'company', companyId] as const,
  companyName: (companyId: number, companyUsername: string) => [...ALL, 'company', companyId, companyUsername] as const,
};

/** What the live check's query holds: the server's verdict (the policy's Availability), or why there is none. */
export type RemoteVerdict =
  | ({ kind: 'verdict' } & Availability)
  | { kind: 'limited'; retryAfter: number }
  | { kind: 'error'; message: string };

async function toVerdict(res: Response, fromBody: (body: Record<string, unknown>) => RemoteVerdict): Promise<RemoteVerdict> {
  if (res.status === 429) return { kind: 'limited', retryAfter: Number(res.headers.get('retry-after') ?? 30) };
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { detail?: string } | null;
    return { kind: 'error', message: body?.detail ?? 'The check did not answer. Try again.' };
  }
  return fromBody((await res.json()) as Record<string, unknown>);
}

export function globalUsernameCheck(username: string) {
  return queryOptions({
    queryKey: usernameCheckKeys.globalName(username),
    queryFn: async ({ signal }): Promise<RemoteVerdict> => {
      const res = await fetch('/api/v1/iam/check-user-existence/', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username }),
        signal,
      });
      return toVerdict(res, (b) => ({
        kind: 'verdict',
        available: b.available === true,
        reason: b.reason as Reason,
        message: String(b.message ?? ''),
        suggestions: Array.isArray(b.suggestions) ? (b.suggestions as string[]) : [],
      }));
    },
    enabled: username.length > 0,
  });
}

export function companyUsernameCheck(companyId: number, companyUsername: string) {
  return queryOptions({
    queryKey: usernameCheckKeys.companyName(companyId, companyUsername),
    queryFn: async ({ signal }): Promise<RemoteVerdict> => {
      const res = await fetch(
        `/api/v2/usernames/check/company/${companyId}/${encodeURIComponent(companyUsername)}`,
        { headers: { accept: 'application/json' }, signal, credentials: 'same-origin' },
      );
      return toVerdict(res, (b) => ({
        kind: 'verdict',
        available: b.is_available === true,
        reason: (b.reason as Reason | undefined) ?? (b.is_available ? 'available' : 'taken'),
        message: String(b.message ?? ''),
        suggestions: Array.isArray(b.suggestions) ? (b.suggestions as string[]) : [],
      }));
    },
    enabled: companyUsername.length > 0,
  });
}
