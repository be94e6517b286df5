import { queryOptions } from '@tanstack/react-query';
import type { Locale } from '@/lib/i18n/locales';
import type { Availability, Reason } from '@/lib/usernames/types';

// The live username checks, as TanStack Query options: the debounced name is in the key, so an
// older answer never lands on a newer name, and a name typed again comes from the cache. The page's
// language is in the key too (last, so the prefixes below still cover every language): the answer's
// message is in the language the request asked for (Accept-Language), and a person who switches
// language gets fresh words, not the cached ones.

const ALL = ['username-check'] as const;

/**
 * Every key of the live checks, from here only: the options below, and whoever sets or invalidates
 * answers (a prefix key covers every name under it).
 */
export const usernameCheckKeys = {
  all: ALL,
  global: () => [...ALL, 'global'] as const,
  globalName: (username: string, locale: Locale) => [...ALL, 'global', username, locale] as const,
  company: (companyId: number) => [...ALL, 'company', companyId] as const,
  companyName: (companyId: number, companyUsername: string, locale: Locale) => [...ALL, 'company', companyId, companyUsername, locale] as const,
};

/**
 * What the live check's query holds: the server's verdict (the policy's Availability, its message
 * in words of the page's language, and the message's key), or why there is none.
 */
export type RemoteVerdict =
  | ({ kind: 'verdict' } & Omit<Availability, 'message'> & { message: string; messageKey: string })
  | { kind: 'limited'; retryAfter: number }
  | { kind: 'error' };

async function toVerdict(res: Response, fromBody: (body: Record<string, unknown>) => RemoteVerdict): Promise<RemoteVerdict> {
  if (res.status === 429) return { kind: 'limited', retryAfter: Number(res.headers.get('retry-after') ?? 30) };
  // The problem's detail is English (the API's problem bodies are): the field says, in the page's
  // language, that the check did not answer.
  if (!res.ok) return { kind: 'error' };
  return fromBody((await res.json()) as Record<string, unknown>);
}

export function globalUsernameCheck(username: string, locale: Locale) {
  return queryOptions({
    queryKey: usernameCheckKeys.globalName(username, locale),
    queryFn: async ({ signal }): Promise<RemoteVerdict> => {
      const res = await fetch('/api/v1/iam/check-user-existence/', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': locale },
        body: JSON.stringify({ username }),
        signal,
      });
      return toVerdict(res, (b) => ({
        kind: 'verdict',
        available: b.available === true,
        reason: b.reason as Reason,
        message: String(b.message ?? ''),
        messageKey: String(b.message_key ?? ''),
        suggestions: Array.isArray(b.suggestions) ? (b.suggestions as string[]) : [],
      }));
    },
    enabled: username.length > 0,
  });
}

export function companyUsernameCheck(companyId: number, companyUsername: string, locale: Locale) {
  return queryOptions({
    queryKey: usernameCheckKeys.companyName(companyId, companyUsername, locale),
    queryFn: async ({ signal }): Promise<RemoteVerdict> => {
      const res = await fetch(
        `/api/v2/usernames/check/company/${companyId}/${encodeURIComponent(companyUsername)}`,
        { headers: { accept: 'application/json', 'accept-language': locale }, signal, credentials: 'same-origin' },
      );
      return toVerdict(res, (b) => ({
        kind: 'verdict',
        available: b.is_available === true,
        reason: (b.reason as Reason | undefined) ?? (b.is_available ? 'available' : 'taken'),
        message: String(b.message ?? ''),
        messageKey: String(b.message_key ?? ''),
        suggestions: Array.isArray(b.suggestions) ? (b.suggestions as string[]) : [],
      }));
    },
    enabled: companyUsername.length > 0,
  });
}
