import type { IncomingMessage, ServerResponse } from 'node:http';

const enabled = process.env.LOG_REQUESTS !== '0';

/**
 * One JSON line per request: method, path, status, duration. Only the path is logged, never the
 * query string, headers, cookies or body, so passwords, tokens and sessions cannot leak into logs.
 */
export function logRequest(req: IncomingMessage, res: ServerResponse, ms: number, requestId: string): void {
  if (!enabled) return;
  const url = req.url ?? '';
  const q = url.indexOf('?');
  const line = {
    t: new Date().toISOString(),
    requestId,
    method: req.method,
    path: q === -1 ? url : url.slice(0, q),
    status: res.statusCode,
    ms: Math.round(ms * 100) / 100,
  };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}
