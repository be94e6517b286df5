import type { IncomingMessage, ServerResponse } from 'node:http';
import { matchEndpoint, type EndpointCore } from '@/lib/api/endpoints';
import { MAX_BODY_BYTES, type PlainRequest } from '@/lib/http/plain';
import { HttpError, problemResponse, type PlainResponse } from '@/lib/http/problem';

export function writePlain(res: ServerResponse, plain: PlainResponse, head = false): void {
  res.writeHead(plain.status, { ...plain.headers, 'content-length': Buffer.byteLength(plain.body) });
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

function tooLarge(res: ServerResponse): void {
  res.setHeader('connection', 'close');
  writePlain(res, problemResponse(new HttpError('payload_too_large', `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`)));
}

function respond(core: EndpointCore, plain: PlainRequest, res: ServerResponse): void {
  let answer: Promise<PlainResponse>;
  try {
    answer = core(plain);
  } catch (error) {
    writePlain(res, problemResponse(error));
    return;
  }
  answer.then(
    (plainAnswer) => writePlain(res, plainAnswer, plain.method === 'HEAD'),
    (error: unknown) => writePlain(res, problemResponse(error)),
  );
}

/**
 * The /api paths that server.ts answers itself, before Next's router: the documented endpoints,
 * straight from node:http to their cores with no Web Request/Response objects, and any /api path with
 * an invalid percent-encoding (Next would answer that with its own 500 before any handler runs).
 * Returns true when it answered.
 */
export function serveApi(req: IncomingMessage, res: ServerResponse, clientIp: string): boolean {
  const url = req.url ?? '/';
  if (!url.startsWith('/api/')) return false;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (hasBadPercentEncoding(path)) {
    writePlain(res, problemResponse(new HttpError('bad_request', 'The URL has an invalid percent-encoding.')));
    return true;
  }
  if (/\/\.{1,2}(\/|$)/.test(path)) {
    // Dot segments would be normalised out of /api by the router: answer here, as an /api path.
    writePlain(res, problemResponse(new HttpError('not_found', 'There is no API endpoint at this path.')));
    return true;
  }
  const core = matchEndpoint(path);
  if (!core) return false;

  const plain: PlainRequest = { method: req.method ?? 'GET', path, headers: req.headers, body: null, clientIp };
  if (plain.method === 'GET' || plain.method === 'HEAD' || plain.method === 'OPTIONS') {
    respond(core, plain, res);
    req.resume();
    return true;
  }
  const declared = Number(req.headers['content-length']);
  if (declared > MAX_BODY_BYTES) {
    tooLarge(res);
    req.resume();
    return true;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let refused = false;
  req.on('data', (chunk: Buffer) => {
    if (refused) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      refused = true;
      tooLarge(res);
      return;
    }
    chunks.push(chunk);
  });
  req.on('end', () => {
    if (refused) return;
    plain.body = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
    respond(core, plain, res);
  });
  req.on('error', () => {
    if (!res.headersSent) res.destroy();
  });
  return true;
}
