import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refusal, type BodyRule } from '@/lib/http/body-limits';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { refuseBody, setsHeader, withoutHeadersOf, writePlain } from '@/lib/http/node-adapter';
import { HttpError, problemResponse } from '@/lib/http/problem';
import { NextSlots, type Slot } from '@/lib/server/next-slots';

// Hands a request to Next's worker thread (next-worker.ts) over its Unix socket and streams the
// answer back: server.ts's way to everything but the check endpoints in production. A proxy in
// the same process, so it forwards only what Next needs and drops the hop-by-hop headers of both
// connections (RFC 9110 §7.6.1).

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

const SOCKET_DIR = /^namecheck-next-(\d+)-/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A new directory only this user can open (mode 0700), named after this process, for Next's socket:
 * nobody else can connect and set the client IP header. Directories that servers killed outright
 * (SIGKILL, a crash) left behind are removed first: those of this user whose process is gone.
 */
export function privateSocketDir(base: string = tmpdir()): string {
  const uid = process.getuid?.();
  for (const name of readdirSync(base)) {
    const pid = SOCKET_DIR.exec(name)?.[1];
    if (!pid || isRunning(Number(pid))) continue;
    const dir = join(base, name);
    try {
      if (uid === undefined || statSync(dir).uid === uid) rmSync(dir, { recursive: true, force: true });
    } catch {
      // gone already, or not ours to remove
    }
  }
  return mkdtempSync(join(base, `namecheck-next-${process.pid}-`));
}

export interface NextTarget {
  socketPath: string;
  agent: Agent;
  slots: NextSlots;
}

export function nextTarget(socketPath: string, slots: NextSlots = new NextSlots()): NextTarget {
  // The pool never queues: a request waits for a slot (lib/server/next-slots.ts) before it asks for a socket.
  return { socketPath, agent: new Agent({ keepAlive: true, maxSockets: slots.limits.sockets }), slots };
}

/**
 * Request headers that say where the request came from (RFC 7239 and the X-Forwarded-* family):
 * Auth.js builds its redirects and its cookies' Secure flag from X-Forwarded-Host and -Proto, and
 * the app reads them for its own origin (siteOrigin, assertSameOrigin). From a client they are lies;
 * only a trusted proxy (TRUST_PROXY=1) may set them. Without them, Next fills in X-Forwarded-Host
 * from Host and -Proto from the connection, as the app expects.
 */
export const UNTRUSTED_FORWARDING_HEADERS: ReadonlySet<string> = new Set(['x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'forwarded']);

// Headers that frame or route a message: a Connection header may not make the proxy drop them.
const FRAMING = new Set(['content-length', 'host']);

/** Header names that a Connection header lists, besides the fixed hop-by-hop set (never framing ones). */
function connectionTokens(value: string | undefined): Set<string> | null {
  if (!value) return null;
  const tokens = new Set(value.split(',').map((token) => token.trim().toLowerCase()));
  for (const name of FRAMING) tokens.delete(name);
  return tokens;
}

/**
 * The request's headers for Next, in rawHeaders form (repeated headers kept): hop-by-hop ones
 * dropped, the client IP header replaced by the server's own, and unless a trusted proxy's are to be
 * kept (`forwardedFor` null), the forwarding headers dropped and X-Forwarded-For set to the socket
 * address. `policy`, when given, is the answer's Content-Security-Policy, which Next reads its nonce
 * from (a client's own header of that name is dropped).
 *
 * The body keeps its framing on the pooled connection to Next: node:http has already de-chunked a
 * chunked body, so it is sent chunked again (`Transfer-Encoding: chunked`, which node then applies);
 * without it, node would write a GET's or DELETE's body raw and Next would read it as a second
 * request with headers of the client's choosing. A missing Host gets one, as Next's server needs it.
 */
export function forwardedHeaders(req: IncomingMessage, clientIp: string, forwardedFor: string | null, policy?: string): string[] {
  const out = endToEndHeaders(
    req,
    (name) =>
      name === CLIENT_IP_HEADER ||
      (policy !== undefined && name === 'content-security-policy') ||
      (forwardedFor !== null && UNTRUSTED_FORWARDING_HEADERS.has(name)),
  );
  if (req.headers['transfer-encoding'] !== undefined) out.push('transfer-encoding', 'chunked');
  if (req.headers.host === undefined) out.push('host', 'localhost');
  if (forwardedFor !== null) out.push('x-forwarded-for', forwardedFor);
  out.push(CLIENT_IP_HEADER, clientIp);
  if (policy !== undefined) out.push('content-security-policy', policy);
  return out;
}

/**
 * Next's answer headers for the client: hop-by-hop ones dropped, then the server's own `extra`
 * (lower-case names), which replace any of Next's of the same name.
 */
export function returnedHeaders(upstream: IncomingMessage, extra: readonly string[]): string[] {
  const out = endToEndHeaders(upstream, (name) => setsHeader(extra, name));
  for (let i = 0; i < extra.length; i++) out.push(extra[i]!);
  return out;
}

/**
 * A message's headers in rawHeaders form (repeated ones kept), without the hop-by-hop ones, those
 * its Connection header lists, and those `drop` names (lower case).
 */
function endToEndHeaders(message: IncomingMessage, drop?: (name: string) => boolean): string[] {
  const listed = connectionTokens(message.headers.connection);
  const raw = message.rawHeaders;
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!.toLowerCase();
    if (HOP_BY_HOP.has(name) || listed?.has(name) || drop?.(name)) continue;
    out.push(raw[i]!, raw[i + 1]!);
  }
  return out;
}

/** What server.ts says about a request it hands to Next. */
export interface Forwarding {
  clientIp: string;
  /** the X-Forwarded-For Next is to see, or null to keep a trusted proxy's (and its X-Forwarded-*) */
  forwardedFor: string | null;
  /** the server's own answer headers */
  extra: readonly string[];
  /** the path's body limit (lib/http/body-limits.ts) */
  rule: BodyRule;
  /** the answer's Content-Security-Policy, for Next to take its nonce from */
  policy?: string;
}

/** Whether a request has a body to send on (a GET may have one too: it is streamed as a body). */
function hasBody(req: IncomingMessage): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length']) > 0;
}

/**
 * Streams `req` to Next once it has a slot (lib/server/next-slots.ts), and Next's answer to `res`.
 * The body is counted on the way: past the rule's limit, Next's request is aborted (Next never acts
 * on part of a body) and the client gets a 413 (refuseBody). A body declared too large never
 * reaches here (lib/server/requests.ts). If Next cannot be reached, or no slot comes free in time,
 * the client gets a 503; if the client goes away, the request to Next is aborted.
 */
export function proxyToNext(target: NextTarget, req: IncomingMessage, res: ServerResponse, forwarding: Forwarding): void {
  const upload = hasBody(req);
  const leave = target.slots.acquire(
    upload,
    (slot) => {
      if (res.destroyed) return slot.release(); // the client left just as the slot came
      forward(target, req, res, forwarding, upload, slot);
    },
    () => {
      const busy = refusal(
        forwarding.rule,
        new HttpError('unavailable', 'The server is busy. Try again in a few seconds.', { headers: { 'retry-after': '5' } }),
      );
      if (upload) refuseBody(req, res, forwarding.rule, forwarding.extra, 0, busy);
      else writePlain(res, withoutHeadersOf(busy, forwarding.extra), forwarding.extra);
    },
  );
  res.once('close', leave);
}

/**
 * How much of an answer Next gives before the request's body has all arrived is kept while the rest
 * of the body is counted (see `forward`). Pages are far smaller; a larger answer goes out as it
 * comes, and a body that then grows past its limit closes the connection instead of a 413.
 */
const EARLY_ANSWER_KEPT_BYTES = 256 * 1024;

/** Next's answer to a request whose body was still arriving, kept until the body is in. */
interface EarlyAnswer {
  answer: IncomingMessage;
  chunks: Buffer[];
  size: number;
  ended: boolean;
  delivered: boolean;
}

function forward(
  target: NextTarget,
  req: IncomingMessage,
  res: ServerResponse,
  { clientIp, forwardedFor, extra, rule, policy }: Forwarding,
  upload: boolean,
  slot: Slot,
): void {
  let bodyArriving = upload;
  let early: EarlyAnswer | undefined;
  // Set when this side ends the request to Next on purpose: nobody to answer, or answered already.
  let abandoned = false;
  const upstream = request(
    {
      socketPath: target.socketPath,
      agent: target.agent,
      method: req.method,
      path: req.url,
      headers: forwardedHeaders(req, clientIp, forwardedFor, policy),
    },
    (answer) => {
      answer.on('error', () => {
        if (!abandoned) res.destroy();
      });
      if (bodyArriving) early = keepEarly(answer);
      else deliver(answer);
    },
  );
  upstream.once('close', slot.release);
  upstream.on('error', (error) => {
    if (abandoned) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    console.error('[namecheck] Next did not answer', error);
    writePlain(res, problemResponse(new HttpError('unavailable', 'The server could not answer this request; try again.')), extra);
  });
  res.on('close', () => {
    if (res.writableFinished) return;
    abandoned = true;
    upstream.destroy();
  });

  function deliver(answer: IncomingMessage): void {
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, returnedHeaders(answer, extra));
    answer.pipe(res);
  }

  /**
   * Next answered before the body had all arrived (a page ignores a form POST's body). Node's client
   * sends no more of a body once the answer has come, so the rest is only counted here; the answer
   * is kept meanwhile and goes out once the body is in, unless the body grows past its limit: then
   * the 413 replaces it. Next's request, whose body will never be complete, is ended once its
   * answer is read, which frees its socket.
   */
  function keepEarly(answer: IncomingMessage): EarlyAnswer {
    const kept: EarlyAnswer = { answer, chunks: [], size: 0, ended: false, delivered: false };
    const onAnswerData = (chunk: Buffer) => {
      kept.size += chunk.length;
      kept.chunks.push(chunk);
      if (kept.size > EARLY_ANSWER_KEPT_BYTES) sendEarly(kept);
    };
    answer.on('data', onAnswerData);
    answer.once('end', () => {
      kept.ended = true;
      abandoned = true;
      upstream.destroy();
      if (!bodyArriving && !kept.delivered) sendEarly(kept);
    });
    req.resume(); // it may wait for a drain that will not come
    return kept;
  }

  function sendEarly(kept: EarlyAnswer): void {
    if (kept.delivered || res.headersSent) return;
    kept.delivered = true;
    const { answer } = kept;
    answer.removeAllListeners('data');
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, returnedHeaders(answer, extra));
    for (const chunk of kept.chunks) res.write(chunk);
    kept.chunks = [];
    if (kept.ended) res.end();
    else answer.pipe(res);
  }

  if (!upload) {
    slot.bodySent();
    upstream.end();
    req.resume();
    return;
  }
  let size = 0;
  const onData = (chunk: Buffer) => {
    size += chunk.length;
    if (size > rule.limit) {
      req.off('data', onData).off('end', onEnd);
      abandoned = true;
      upstream.destroy();
      if (res.headersSent) res.destroy();
      else refuseBody(req, res, rule, extra, size);
      return;
    }
    if (early) return; // Next has answered: the rest of the body is only counted
    if (!upstream.write(chunk)) req.pause();
  };
  const onEnd = () => {
    bodyArriving = false;
    slot.bodySent();
    if (!early) upstream.end();
    else if (early.ended) sendEarly(early);
  };
  upstream.on('drain', () => req.resume());
  req.on('data', onData).on('end', onEnd);
  req.on('error', () => {
    abandoned = true;
    upstream.destroy();
  });
}
