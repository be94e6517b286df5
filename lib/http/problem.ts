// One error type for every /api answer that is not a success: RFC 9457 problem+json.
// Causes (database errors, stack traces, paths) are logged by the caller, never put in a body.
import { isDatabaseUnavailable } from '@/db/errors';
import type { MessageRef } from '@/lib/usernames/types';

// Which engine errors mean "cannot write now" is db/'s to know; pages' actions ask through here.
export { isDatabaseUnavailable };

export const PROBLEMS = {
  bad_request: { status: 400, title: 'Bad Request' },
  validation_error: { status: 400, title: 'Invalid request' },
  unauthorized: { status: 401, title: 'Unauthorized' },
  forbidden: { status: 403, title: 'Forbidden' },
  not_found: { status: 404, title: 'Not Found' },
  method_not_allowed: { status: 405, title: 'Method Not Allowed' },
  conflict: { status: 409, title: 'Conflict' },
  payload_too_large: { status: 413, title: 'Payload Too Large' },
  unsupported_media_type: { status: 415, title: 'Unsupported Media Type' },
  rate_limited: { status: 429, title: 'Too Many Requests' },
  internal: { status: 500, title: 'Internal Server Error' },
  unavailable: { status: 503, title: 'Service Unavailable' },
} as const;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CODES = Object.keys(PROBLEMS) as ProblemCode[];

/** The fragment of /docs that explains a problem: `problem-rate-limited` for `rate_limited`. */
export function problemAnchor(code: ProblemCode): string {
  return `problem-${code.replaceAll('_', '-')}`;
}

/**
 * The problem `type` URI of a code: the one place it is built, for the answers, /api/openapi.json
 * and the anchors of /docs. Callers match on it, so it never changes for an existing code.
 */
export function problemType(code: ProblemCode): string {
  return `/docs#${problemAnchor(code)}`;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}

/** A plain HTTP answer: what server.ts (lib/http/node-adapter.ts) and the route handlers (lib/http/response.ts) turn into bytes. */
export interface PlainResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HttpErrorOptions {
  errors?: Record<string, string[]>;
  headers?: Record<string, string>;
  extensions?: Record<string, unknown>;
  /**
   * The catalogue key (and arguments) of the detail, when it has one: the problem body stays
   * English, and a page's action shows the same message in the page's language.
   */
  messageRef?: MessageRef;
}

export class HttpError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly errors?: Record<string, string[]>;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;
  readonly messageRef?: MessageRef;

  constructor(code: ProblemCode, detail: string, options: HttpErrorOptions = {}) {
    super(detail);
    this.name = 'HttpError';
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
    this.messageRef = options.messageRef;
  }

  toBody(): ProblemBody {
    const body: ProblemBody = {
      type: problemType(this.code),
      title: PROBLEMS[this.code].title,
      status: this.status,
      detail: this.message,
      ...this.extensions,
    };
    if (this.errors) body.errors = this.errors;
    return body;
  }
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Headers every /api answer carries. */
export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
});

/** A JSON answer with the API headers, then `headers` and `more` (rate limit, CORS) on top. */
export function jsonResponse(
  status: number,
  payload: unknown,
  headers?: Readonly<Record<string, string>>,
  more?: Readonly<Record<string, string>>,
): PlainResponse {
  const all: Record<string, string> = { ...API_HEADERS, 'content-type': JSON_CONTENT_TYPE };
  for (const name in headers) all[name] = headers[name]!;
  for (const name in more) all[name] = more[name]!;
  return { status, headers: all, body: JSON.stringify(payload) };
}

export type ErrorLogger = (error: unknown) => void;

const defaultLogger: ErrorLogger = (error) => {
  console.error('[namecheck] unhandled error', error);
};

/** Turns anything thrown into a problem response; unknown errors become a bare 500 and are logged. */
export function problemResponse(error: unknown, log: ErrorLogger = defaultLogger): PlainResponse {
  const httpError = error instanceof HttpError ? error : internalError(error, log);
  return {
    status: httpError.status,
    headers: { ...API_HEADERS, 'content-type': PROBLEM_CONTENT_TYPE, ...httpError.headers },
    body: JSON.stringify(httpError.toBody()),
  };
}

function internalError(error: unknown, log: ErrorLogger): HttpError {
  if (isDatabaseUnavailable(error)) {
    log(error);
    return new HttpError('unavailable', 'The database cannot answer right now (unreachable, read-only or busy). Try again shortly.', {
      headers: { 'retry-after': '5' },
    });
  }
  log(error);
  return new HttpError('internal', 'Something went wrong on our side. Try again later.');
}


export function methodNotAllowed(allow: readonly string[]): HttpError {
  return new HttpError('method_not_allowed', `This endpoint accepts ${allow.join(', ')}.`, {
    headers: { allow: allow.join(', ') },
  });
}

/** A path under /api (or one that leads there) where no endpoint is: 404. */
export function noApiEndpoint(): HttpError {
  return new HttpError('not_found', 'There is no API endpoint at this path.');
}

/** `16 KiB`, `32 MiB`: a body limit as the 413's detail names it. */
function formatByteSize(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

/** A body over its route's limit (the API's 16 KiB, CSV import's 32 MiB, …): 413, naming the limit. */
export function payloadTooLarge(limit: number): HttpError {
  return new HttpError('payload_too_large', `The body is larger than ${formatByteSize(limit)}.`);
}
