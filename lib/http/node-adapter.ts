import type { IncomingMessage, ServerResponse } from 'node:http';
import { routeApi, type EndpointCore } from '@/lib/api/endpoints';
import type { PlainRequest } from '@/lib/http/request';
import { HttpError, noApiEndpoint, payloadTooLarge, problemResponse, type PlainResponse } from '@/lib/http/problem';

/**
 * Writes a plain answer in one writeHead: a flat [name, value, …] list and no earlier setHeader,
 * which is node:http's fast path (any setHeader first makes writeHead re-set every header one by one).
 * `extra` holds the server's own headers (X-Request-Id, Connection: close while draining).
 */
export function writePlain(res: ServerResponse, plain: PlainResponse, extra: readonly string[], head = false): void {
  const headers: string[] = [];
  for (const name in plain.headers) headers.push(name, plain.headers[name]!);
  headers.push('content-length', String(Buffer.byteLength(plain.body)));
  for (let i = 0; i < extra.length; i++) headers.push(extra[i]!);
  res.writeHead(plain.status, headers);
  res.end(head ? undefined : plain.body);
}

function hasBadPercentEncoding(path: string): boolean {
  if (!path.includes('%')) return false;
  try {
    decodeURIComponent(path);
    return false;
  } catch {
    return true;
  }
}

const MAY_NORMALISE = /\/\.|%2e/i;

/** True for a request target outside /api that names an /api path once its dot segments are resolved. */
export function reachesApiWhenNormalised(url: string): boolean {
  if (url.startsWith('/') && !MAY_NORMALISE.test(url)) return false;
  try {
    const path = new URL(url, 'http://namecheck.invalid').pathname;
    return path === '/api' || path.startsWith('/api/');
  } catch {
    return false;
  }
}

/** `extra` with Connection: close, unless it already has a Connection header (names are at even indexes). */
function closing(extra: readonly string[]): readonly string[] {
  for (let i = 0; i < extra.length; i += 2) if (extra[i] === 'connection') return extra;
  return [...extra, 'connection', 'close'];
}

/**
 * How much of a refused body is still read (and dropped) before the 413 is sent. Answering while the
 * client is still sending and then closing, as node:http does after an answer to a request that
 * said Connection: close, resets the connection (a socket closed with unread bytes sends RST), and
 * a client that writes its whole body before it reads (node:http, fetch) loses the 413 with it.
 * A body declared larger than this, or growing past it, is answered at once with Connection: close.
 */
export const MAX_DRAINED_BYTES = 4 * 1024 * 1024;

function tooLarge(res: ServerResponse, limit: number, extra: readonly string[]): void {
  writePlain(res, problemResponse(payloadTooLarge(limit)), extra);
}

/** Runs a core and writes its answer: at once when it answers synchronously, else when it settles. */
function respond(core: EndpointCore, plain: PlainRequest, res: ServerResponse, extra: readonly string[]): void {
  let answer: PlainResponse | Promise<PlainResponse>;
  try {
    answer = core(plain);
  } catch (error) {
    writePlain(res, problemResponse(error), extra);
    return;
  }
  if (!(answer instanceof Promise)) {
    writePlain(res, answer, extra, plain.method === 'HEAD');
    return;
  }
  answer.then(
    (plainAnswer) => writePlain(res, plainAnswer, extra, plain.method === 'HEAD'),
    (error: unknown) => writePlain(res, problemResponse(error), extra),
  );
}

/** `/api`, `/api/…` or `/api?…`: an /api path as sent. */
function isApiTarget(url: string): boolean {
  if (!url.startsWith('/api')) return false;
  const next = url.charCodeAt(4);
  return Number.isNaN(next) || next === 0x2f /* / */ || next === 0x3f /* ? */;
}

/**
 * Every /api path, answered here before Next's router by lib/api/endpoints.ts (routeApi), straight
 * from node:http to the cores with no Web Request/Response objects; only Auth.js's /api/auth/* goes
 * on to Next. Also any target that would reach /api once normalised, and any /api path with an
 * invalid percent-encoding (Next would answer that with its own 500 before any handler runs).
 * Returns true when it answered.
 */
export function serveApi(req: IncomingMessage, res: ServerResponse, clientIp: string, extra: readonly string[]): boolean {
  const url = req.url ?? '/';
  if (!isApiTarget(url)) {
    if (!reachesApiWhenNormalised(url)) return false;
    // `/x/../api/…`, `/%2e%2e/api/…` or an absolute-form target would reach /api once Next's router
    // normalises it, past the router and the rate limits counted here: answer here instead.
    writePlain(res, problemResponse(noApiEndpoint()), extra);
    return true;
  }
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (hasBadPercentEncoding(path)) {
    writePlain(res, problemResponse(new HttpError('bad_request', 'The URL has an invalid percent-encoding.')), extra);
    return true;
  }
  if (/\/\.{1,2}(\/|$)/.test(path)) {
    // Dot segments would be normalised out of /api by the router: answer here, as an /api path.
    writePlain(res, problemResponse(noApiEndpoint()), extra);
    return true;
  }
  const route = routeApi(path);
  if (!route) return false;
  const core = route.core;

  const plain: PlainRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: null, clientIp };
  const limit = route.bodyLimit;
  if (limit === null || plain.method === 'GET' || plain.method === 'HEAD' || plain.method === 'OPTIONS') {
    respond(core, plain, res, extra);
    req.resume();
    return true;
  }
  if (Number(req.headers['content-length']) > MAX_DRAINED_BYTES) {
    tooLarge(res, limit, closing(extra));
    req.resume();
    return true;
  }
  // The body is kept up to the route's limit; beyond that it is only counted, and the 413 is sent
  // once the client has sent it all (or at MAX_DRAINED_BYTES), so the client reads it and, unless it
  // said otherwise, can reuse the connection.
  let chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
    else if (chunks.length > 0) chunks = [];
    if (size > MAX_DRAINED_BYTES && !res.headersSent) tooLarge(res, limit, closing(extra));
  });
  req.on('end', () => {
    if (res.headersSent) return;
    if (size > limit) return tooLarge(res, limit, extra);
    plain.body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    respond(core, plain, res, extra);
  });
  req.on('error', () => {
    if (!res.headersSent) res.destroy();
  });
  return true;
}
