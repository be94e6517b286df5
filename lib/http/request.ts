import { HttpError, payloadTooLarge } from '@/lib/http/problem';

/** What an endpoint core needs of a request: no Web Request, no node:http objects. */
export interface PlainRequest {
  method: string;
  /** the path as sent: still percent-encoded, without the query string */
  path: string;
  /** lower-case header names */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** the body bytes; the adapter refuses (413) a body over its route's limit (lib/api/endpoints.ts) */
  body: Buffer | null;
  clientIp: string;
}

export const MAX_BODY_BYTES = 16 * 1024;

export function header(req: PlainRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `application/json` or any `application/*+json`, with any parameters. */
export function isJsonContentType(value: string | undefined): boolean {
  if (!value) return false;
  const type = value.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || (type.startsWith('application/') && type.endsWith('+json'));
}

/**
 * The request body as a JSON object: 415 for another content type, 413 over `limit` (16 KiB unless
 * the route has its own), 400 for malformed JSON or a body that is not an object.
 */
export function readJsonObject(req: PlainRequest, limit = MAX_BODY_BYTES): Record<string, unknown> {
  if (!isJsonContentType(header(req, 'content-type'))) {
    throw new HttpError('unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.');
  }
  const body = req.body;
  if (body && body.length > limit) {
    throw payloadTooLarge(limit);
  }
  let value: unknown;
  try {
    value = JSON.parse(body ? body.toString('utf8') : '');
  } catch {
    throw new HttpError('bad_request', 'The body is not valid JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HttpError('bad_request', 'The body must be a JSON object.');
  }
  return value as Record<string, unknown>;
}
