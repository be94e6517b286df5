import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { routeApi, type EndpointCore } from '@/lib/api/endpoints';
import { MAX_BODY_BYTES, type PlainRequest } from '@/lib/http/request';
import { bodyRule, drainedUpTo, tooLargeAnswer, type BodyRule } from '@/lib/http/body-limits';
import { HttpError, noApiEndpoint, problemResponse, type PlainResponse } from '@/lib/http/problem';

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

/** Whether a flat [name, value, …] list (lower-case names) sets `name`. */
export function setsHeader(list: readonly string[], name: string): boolean {
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return true;
  return false;
}

/** `extra` with Connection: close, unless it already has a Connection header (names are at even indexes). */
export function closing(extra: readonly string[]): readonly string[] {
  return setsHeader(extra, 'connection') ? extra : [...extra, 'connection', 'close'];
}

/** The most of a refused 16 KiB body that is read and dropped before the 413 (drainedUpTo): 4 MiB. */
export const MAX_DRAINED_BYTES = drainedUpTo(MAX_BODY_BYTES);

/** How long a connection closed under a client still sending waits before it goes. */
const LINGER_MS = 1_000;

/**
 * A lingering close (Apache has one): the answer out and the connection half-closed, the socket
 * waits LINGER_MS, reading nothing more (the client can send only what the socket buffers hold),
 * before it goes. Closing at once, with the client's bytes unread, sends a reset, and a reset makes
 * the client's system drop what it has received but not yet read: a client still sending lost the
 * 413 it was answered (a 600 MiB chunked upload, most times). node:http ends a connection whose
 * answer said Connection: close with `socket.destroySoon()`.
 */
function closeLingering(res: ServerResponse): void {
  const socket = res.socket;
  if (!socket) return;
  socket.destroySoon = function lingeringClose(this: Socket) {
    this.end();
    // node:http's parser reads the socket's handle itself, so pause() would not stop it.
    (this as Socket & { _handle?: { readStop?: () => number } | null })._handle?.readStop?.();
    setTimeout(() => this.destroy(), LINGER_MS).unref();
  };
}

/** `answer` without the headers that `extra` (lower-case names at even indexes) sets itself. */
export function withoutHeadersOf(answer: PlainResponse, extra: readonly string[]): PlainResponse {
  const headers: Record<string, string> = {};
  for (const name in answer.headers) if (!setsHeader(extra, name)) headers[name] = answer.headers[name]!;
  return { ...answer, headers };
}

/**
 * Refuses a request's body (413 by default) without keeping any of it. Answering while the client is
 * still sending and then closing, as node:http does after an answer that says Connection: close,
 * resets the connection (a socket closed with unread bytes sends RST), and a client that writes its
 * whole body before it reads (node:http, fetch) loses the answer with it. So the rest of the body is
 * read and dropped and the answer sent once it has all arrived, unless the body is declared or grows
 * past drainedUpTo(limit): then the answer goes at once, with Connection: close, and the connection
 * closes lingering (closeLingering). `received`: how much of the body was read already.
 */
export function refuseBody(
  req: IncomingMessage,
  res: ServerResponse,
  rule: BodyRule,
  extra: readonly string[],
  received = 0,
  answer: PlainResponse = tooLargeAnswer(rule),
): void {
  const most = drainedUpTo(rule.limit);
  answer = withoutHeadersOf(answer, extra);
  if (req.readableEnded) return writePlain(res, answer, extra);
  if (Number(req.headers['content-length']) > most || received > most) {
    closeLingering(res);
    writePlain(res, answer, closing(extra));
    req.resume();
    return;
  }
  let size = received;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= most || res.headersSent) return;
    req.off('data', onData);
    closeLingering(res);
    writePlain(res, answer, closing(extra));
  };
  req.on('data', onData);
  req.once('end', () => {
    if (!res.headersSent) writePlain(res, answer, extra);
  });
  req.once('error', () => res.destroy());
}

interface Answer {
  res: ServerResponse;
  plain: PlainResponse;
  extra: readonly string[];
  head: boolean;
}

// The cores' answers of one event-loop turn, written together at its end (setImmediate). Each write
// to a socket whose reader sleeps wakes it (in a VM, an interrupt to another core, the costliest part
// of a write); answers written in a burst wake a client or proxy once for all of them. It delays an
// answer by the rest of the turn: the other requests already read (docs/decisions/004-performance.md).
let turnAnswers: Answer[] = [];
const afterThisTurn = globalThis.setImmediate;

function writeTurnAnswers(): void {
  const answers = turnAnswers;
  turnAnswers = [];
  for (const { res, plain, extra, head } of answers) writePlain(res, plain, extra, head);
}

function answerAtTurnEnd(res: ServerResponse, plain: PlainResponse, extra: readonly string[], head = false): void {
  if (turnAnswers.length === 0) afterThisTurn(writeTurnAnswers);
  turnAnswers.push({ res, plain, extra, head });
}

/** Runs a core and writes its answer at the end of the turn in which it answers (answerAtTurnEnd). */
function respond(core: EndpointCore, plain: PlainRequest, res: ServerResponse, extra: readonly string[]): void {
  let answer: PlainResponse | Promise<PlainResponse>;
  try {
    answer = core(plain);
  } catch (error) {
    answerAtTurnEnd(res, problemResponse(error), extra);
    return;
  }
  if (!(answer instanceof Promise)) {
    answerAtTurnEnd(res, answer, extra, plain.method === 'HEAD');
    return;
  }
  answer.then(
    (plainAnswer) => answerAtTurnEnd(res, plainAnswer, extra, plain.method === 'HEAD'),
    (error: unknown) => answerAtTurnEnd(res, problemResponse(error), extra),
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
  if (!route.readsBody || plain.method === 'GET' || plain.method === 'HEAD' || plain.method === 'OPTIONS') {
    respond(core, plain, res, extra);
    req.resume();
    return true;
  }
  const rule = bodyRule(path);
  if (Number(req.headers['content-length']) > rule.limit) {
    refuseBody(req, res, rule, extra);
    return true;
  }
  // The body is kept up to its limit; once it grows past it, it is refused as refuseBody says (the
  // client reads the 413 and, unless it said otherwise, can reuse the connection).
  const chunks: Buffer[] = [];
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size <= rule.limit) return void chunks.push(chunk);
    req.off('data', onData).off('end', onEnd);
    chunks.length = 0;
    refuseBody(req, res, rule, extra, size);
  };
  const onEnd = () => {
    plain.body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    respond(core, plain, res, extra);
  };
  req.on('data', onData).on('end', onEnd);
  req.on('error', () => {
    if (!res.headersSent) res.destroy();
  });
  return true;
}
