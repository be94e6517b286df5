import { COMPANY_CHECK_PREFIX } from '@/lib/api/company-check';
import { IMPORT_MAX_BYTES } from '@/lib/companies/import/format';
import { BULK_CHECK_MAX_BODY_BYTES } from '@/lib/api/schemas';
import { payloadTooLarge, PROBLEMS, problemResponse, type HttpError, type PlainResponse } from '@/lib/http/problem';
import { MAX_BODY_BYTES } from '@/lib/http/request';

// How large a request body may be, by path: the one table. server.ts applies it to every request in
// its own thread before a byte reaches Next (lib/server/requests.ts, lib/server/next-proxy.ts) and
// while it reads the check endpoints' bodies (lib/http/node-adapter.ts). Paths are raw (as sent,
// without the query string); a path that matches no narrower row gets the 1 MiB of the last rows,
// so a spelling the table does not know can only lower a limit, never raise it.

/** Forms, sign-in (`/api/auth/*`), server actions, pages, and any other path. */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface BodyRule {
  /** what the row covers, for people */
  readonly route: string;
  readonly limit: number;
  /**
   * How a refusal (413, or the proxy's 503) is answered: problem+json where the route's own answers
   * are JSON (the API, the CSV import's XHR, which shows the problem's `detail`), or a short HTML
   * page where a browser shows the answer itself (a form sent without JavaScript, a page).
   */
  readonly answer: 'problem' | 'page';
  readonly matches: (path: string) => boolean;
}

const BULK_CHECK = /^\/api\/v2\/usernames\/check\/company\/[^/]+\/?$/;
const CSV_IMPORT = /^\/admin\/companies\/[^/]+\/import\/(?:preview|apply)\/?$/;

export const BODY_LIMITS: readonly BodyRule[] = [
  {
    route: 'the check and registration endpoints (/api/v1/iam/*, /api/v2/usernames/check/company/{id}/{name})',
    limit: MAX_BODY_BYTES,
    answer: 'problem',
    matches: (path) => path.startsWith('/api/v1/iam/') || (path.startsWith(COMPANY_CHECK_PREFIX) && !BULK_CHECK.test(path)),
  },
  { route: 'the bulk check (/api/v2/usernames/check/company/{id})', limit: BULK_CHECK_MAX_BODY_BYTES, answer: 'problem', matches: (path) => BULK_CHECK.test(path) },
  { route: 'the CSV import (/admin/companies/{id}/import/preview|apply)', limit: IMPORT_MAX_BYTES, answer: 'problem', matches: (path) => CSV_IMPORT.test(path) },
  { route: 'every other /api path (Auth.js sign-in included)', limit: DEFAULT_MAX_BODY_BYTES, answer: 'problem', matches: (path) => path.startsWith('/api/') },
  { route: 'pages, forms and server actions', limit: DEFAULT_MAX_BODY_BYTES, answer: 'page', matches: () => true },
];

/** The row of BODY_LIMITS for a raw path (no query string). */
export function bodyRule(path: string): BodyRule {
  for (const rule of BODY_LIMITS) if (rule.matches(path)) return rule;
  return BODY_LIMITS[BODY_LIMITS.length - 1]!;
}

/**
 * How much of a refused body is still read (and dropped) before the refusal is sent, so that a
 * client that writes its whole body before it reads gets the answer (decision 003): 4 MiB, or 1 MiB
 * past the limit where the limit is larger (the CSV import's 32 MiB). A body declared or growing
 * past this is answered at once, and its connection closed.
 */
export function drainedUpTo(limit: number): number {
  return Math.max(4 * 1024 * 1024, limit + 1024 * 1024);
}

/** A refusal (413, 503, …) as the rule says: problem+json, or a short HTML page saying the same. */
export function refusal(rule: BodyRule, error: HttpError): PlainResponse {
  if (rule.answer === 'problem') return problemResponse(error);
  const title = escapeHtml(`${error.status} ${PROBLEMS[error.code].title}`);
  return {
    status: error.status,
    headers: { 'cache-control': 'no-store', ...error.headers, 'content-type': 'text/html; charset=utf-8' },
    body: `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${escapeHtml(error.message)}</p><p><a href="/">namecheck</a></p></html>\n`,
  };
}

/** A body over its route's limit: the 413 as the rule answers it. */
export function tooLargeAnswer(rule: BodyRule): PlainResponse {
  return refusal(rule, payloadTooLarge(rule.limit));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
