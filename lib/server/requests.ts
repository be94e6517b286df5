// Every request the process takes: its X-Request-Id, the client IP it is answered for, the count of
// requests in flight (what a graceful shutdown waits for), and its log line when the response closes.
// The documented endpoints are answered here (lib/http/node-adapter.ts); everything else goes to Next.
// This is the hot path: one close handler serves every response, so a request costs no closure.
import { ServerResponse, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { normalizeIp, clientIpFrom } from '@/lib/http/client-ip';
import { bodyRule } from '@/lib/http/body-limits';
import { refuseBody, serveApi } from '@/lib/http/node-adapter';
import { logRequest } from '@/lib/server/request-log';
import type { ToNext } from '@/lib/server/next-host';
import { contentSecurityPolicy, newNonce, securityHeaders } from '@/lib/server/security-headers';

/** A response that knows when its request started and its X-Request-Id, for the log line. */
export class TrackedResponse extends ServerResponse<IncomingMessage> {
  startedAt = 0;
  requestId = '';
}

export interface Requests {
  /** The server's request listener; create the server with `ServerResponse: TrackedResponse`. */
  onRequest(req: IncomingMessage, res: TrackedResponse): void;
  /** How many requests have not had their response closed yet. */
  inFlight(): number;
  /**
   * From now on every answer says `Connection: close`, and `idle` runs when the last request in
   * flight closes its response (the caller checks `inFlight()` for the case of none at all).
   */
  drain(idle: () => void): void;
}

export function trackRequests(options: { trustProxy: boolean; dev?: boolean; toNext: ToNext }): Requests {
  const { trustProxy, dev = false, toNext } = options;
  let inFlight = 0;
  let draining = false;
  let idle: () => void = () => {};

  /** Runs once per response, with `this` the response: no closure per request. */
  function onResponseClose(this: TrackedResponse): void {
    inFlight--;
    logRequest(this.req, this, performance.now() - this.startedAt, this.requestId);
    if (draining && inFlight === 0) idle();
  }

  function onRequest(req: IncomingMessage, res: TrackedResponse): void {
    res.startedAt = performance.now();
    const requestId = randomUUID();
    res.requestId = requestId;
    inFlight++;
    res.on('close', onResponseClose);

    // The client IP is the socket's unless a trusted proxy says otherwise; nobody else may set it.
    const socketIp = normalizeIp(req.socket.remoteAddress ?? '');
    const clientIp = trustProxy ? clientIpFrom(req.headers['x-forwarded-for'], socketIp) : socketIp;

    // The server's own answer headers. Every /api path but Auth.js's answers here, in one writeHead.
    const extra = draining ? ['x-request-id', requestId, 'connection', 'close'] : ['x-request-id', requestId];
    if (serveApi(req, res, clientIp, extra)) return;

    // Everything else goes to Next: with the security headers of a page, and within its path's body
    // limit. A body declared too large is refused here; one that grows too large, on the way
    // (lib/server/next-proxy.ts). Not the checks' path: this allocates freely.
    const policy = contentSecurityPolicy(newNonce(), dev);
    const pageExtra = [...extra, ...securityHeaders(policy)];
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const rule = bodyRule(q === -1 ? url : url.slice(0, q));
    if (Number(req.headers['content-length']) > rule.limit) return refuseBody(req, res, rule, pageExtra);
    toNext(req, res, { clientIp, socketIp, extra: pageExtra, rule, policy });
  }

  return {
    onRequest,
    inFlight: () => inFlight,
    drain(whenIdle) {
      draining = true;
      idle = whenIdle;
    },
  };
}
