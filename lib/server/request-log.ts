import type { IncomingMessage, ServerResponse } from 'node:http';

const enabled = process.env.LOG_REQUESTS !== '0';

// Lines are gathered and written together (every 100 ms or 64 KiB), not one write per request:
// at tens of thousands of requests a second, a write per line costs more than the check itself.
let pending: string[] = [];
let pendingBytes = 0;
// A log reader that falls behind (a stalled pipe) must not grow the server's memory without bound:
// past 1 MiB waiting in the output stream, lines are dropped and counted, and the count is logged
// once the reader catches up.
const MAX_WAITING_BYTES = 1 << 20;
let dropped = 0;
let output: NodeJS.WritableStream & { writableLength?: number } = process.stdout;

/** Where the lines go (process.stdout unless a test says otherwise). */
export function setRequestLogOutput(stream: NodeJS.WritableStream & { writableLength?: number }): void {
  output = stream;
}
let timer: NodeJS.Timeout | undefined;
let lastMs = 0;
let lastIso = '';

/** ISO time, formatted once per millisecond however many requests share it. */
function isoNow(): string {
  const now = Date.now();
  if (now !== lastMs) {
    lastMs = now;
    lastIso = new Date(now).toISOString();
  }
  return lastIso;
}

export function flushRequestLog(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (pending.length === 0 && dropped === 0) return;
  const lines = pending;
  pending = [];
  pendingBytes = 0;
  if ((output.writableLength ?? 0) > MAX_WAITING_BYTES) {
    dropped += lines.length;
    return;
  }
  let chunk = lines.join('');
  if (dropped > 0) {
    chunk = `{"t":"${isoNow()}","droppedLogLines":${dropped},"why":"the log reader fell behind"}\n${chunk}`;
    dropped = 0;
  }
  output.write(chunk);
}

/**
 * One JSON line per request: method, path, status, duration. Only the path is logged, never the
 * query string, headers, cookies or body, so passwords, tokens and sessions cannot leak into logs.
 */
export function logRequest(req: IncomingMessage, res: ServerResponse, ms: number, requestId: string): void {
  if (!enabled) return;
  const url = req.url ?? '';
  const q = url.indexOf('?');
  // Built as text rather than JSON.stringify({...}): one fewer object per request. Only the path can
  // hold characters that need escaping; the method is an HTTP token and the id a UUID.
  const line =
    `{"t":"${isoNow()}","requestId":"${requestId}","method":"${req.method}",` +
    `"path":${JSON.stringify(q === -1 ? url : url.slice(0, q))},"status":${res.statusCode},"ms":${Math.round(ms * 100) / 100}}\n`;
  pending.push(line);
  pendingBytes += line.length;
  if (pendingBytes >= 65_536) flushRequestLog();
  else timer ??= setTimeout(flushRequestLog, 100).unref();
}
