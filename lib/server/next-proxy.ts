import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { Agent, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { writePlain } from '@/lib/http/node-adapter';
import { HttpError, problemResponse } from '@/lib/http/problem';

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
}

export function nextTarget(socketPath: string): NextTarget {
  return { socketPath, agent: new Agent({ keepAlive: true, maxSockets: 256 }) };
}

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
 * dropped, the client IP header replaced by the server's own, and X-Forwarded-For set to the socket
 * address unless a trusted proxy's is to be kept.
 *
 * The body keeps its framing on the pooled connection to Next: node:http has already de-chunked a
 * chunked body, so it is sent chunked again (`Transfer-Encoding: chunked`, which node then applies);
 * without it, node would write a GET's or DELETE's body raw and Next would read it as a second
 * request with headers of the client's choosing. A missing Host gets one, as Next's server needs it.
 */
export function forwardedHeaders(req: IncomingMessage, clientIp: string, forwardedFor: string | null): string[] {
  const out = endToEndHeaders(req, (name) => name === CLIENT_IP_HEADER || (forwardedFor !== null && name === 'x-forwarded-for'));
  if (req.headers['transfer-encoding'] !== undefined) out.push('transfer-encoding', 'chunked');
  if (req.headers.host === undefined) out.push('host', 'localhost');
  if (forwardedFor !== null) out.push('x-forwarded-for', forwardedFor);
  out.push(CLIENT_IP_HEADER, clientIp);
  return out;
}

/** Next's answer headers for the client: hop-by-hop ones dropped, then the server's own `extra`. */
export function returnedHeaders(upstream: IncomingMessage, extra: readonly string[]): string[] {
  const out = endToEndHeaders(upstream);
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

/**
 * Streams `req` to Next and Next's answer to `res`. If Next cannot be reached the client gets a 503
 * (problem+json); if the client goes away, the request to Next is aborted.
 */
export function proxyToNext(
  target: NextTarget,
  req: IncomingMessage,
  res: ServerResponse,
  clientIp: string,
  forwardedFor: string | null,
  extra: readonly string[],
): void {
  const upstream = request(
    {
      socketPath: target.socketPath,
      agent: target.agent,
      method: req.method,
      path: req.url,
      headers: forwardedHeaders(req, clientIp, forwardedFor),
    },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, returnedHeaders(answer, extra));
      answer.pipe(res);
      answer.on('error', () => res.destroy());
    },
  );
  let clientGone = false;
  upstream.on('error', (error) => {
    if (clientGone) return; // our own destroy() below: the client left, nobody to answer
    if (res.headersSent) {
      res.destroy();
      return;
    }
    console.error('[namecheck] Next did not answer', error);
    writePlain(res, problemResponse(new HttpError('unavailable', 'The server could not answer this request; try again.')), extra);
  });
  res.on('close', () => {
    if (res.writableFinished) return;
    clientGone = true;
    upstream.destroy();
  });
  req.pipe(upstream);
}
