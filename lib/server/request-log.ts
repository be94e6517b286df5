import type { IncomingMessage, ServerResponse } from 'node:http';

const enabled = process.env.LOG_REQUESTS !== '0';

// Lines are gathered and written together (every 100 ms or 64 KiB), not one write per request:
// at tens of thousands of requests a second, a write per line costs more than the check itself.
// They are gathered as bytes, in a buffer, not as strings: a line kept as a string for up to 100 ms
// outlives a young-generation collection or two and is copied by each (at 25k requests a second,
// about a microsecond a request; docs/decisions/004-performance.md).
const FLUSH_BYTES = 65_536;
// Room for a full batch and one more line (a longer one is written by itself).
const BUFFER_BYTES = FLUSH_BYTES + 16_384;
let pending = Buffer.allocUnsafe(BUFFER_BYTES);
let pendingBytes = 0;
// A log reader that falls behind (a stalled pipe) must not grow the server's memory without bound:
// past 1 MiB waiting in the output stream, lines are dropped and counted, and the count is logged
// once the reader catches up.
const MAX_WAITING_BYTES = 1 << 20;
let dropped = 0;
let pendingLines = 0;
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
  if (pendingBytes === 0 && dropped === 0) return;
  // The stream keeps the chunk until it is written: hand it this buffer and gather into a new one.
  const chunk = pending.subarray(0, pendingBytes);
  const lines = pendingLines;
  if (pendingBytes > 0) pending = Buffer.allocUnsafe(BUFFER_BYTES);
  pendingBytes = 0;
  pendingLines = 0;
  if ((output.writableLength ?? 0) > MAX_WAITING_BYTES) {
    dropped += lines;
    return;
  }
  if (dropped > 0) {
    output.write(`{"t":"${isoNow()}","droppedLogLines":${dropped},"why":"the log reader fell behind"}\n`);
    dropped = 0;
  }
  if (chunk.length > 0) output.write(chunk);
}

/**
 * The first segment of every page whose path holds a secret: `/setup/<token>` (a setup link), and
 * the password-reset and email-verification links. A new page of that kind adds its segment here,
 * and the request log keeps it out of the log.
 */
export const SECRET_PATH_SEGMENTS = ['setup', 'reset', 'verify'] as const;

// A cheap first test, so that paths that cannot hold one (the checks') cost one regex match; `%`
// because a segment's letters may come percent-encoded (`/%73etup/…` reaches the setup page).
const MAY_HOLD_SECRET = new RegExp(`${SECRET_PATH_SEGMENTS.join('|')}|%`, 'i');
const SECRET_SEGMENT = new RegExp(`^(${SECRET_PATH_SEGMENTS.join('|')})(?:[/\\\\]|$)`);

function decodedSegment(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    return segment.toLowerCase();
  }
}

/**
 * The path as the log may show it: whatever follows a secret-holding segment (SECRET_PATH_SEGMENTS),
 * wherever it is in the path, becomes `[redacted]`. Segments are compared decoded and without case,
 * and a backslash separates them as a slash does, as the router reads them.
 */
export function redactSecrets(path: string): string {
  if (!MAY_HOLD_SECRET.test(path)) return path;
  const segments = path.split(/[/\\]/);
  for (let i = 0; i < segments.length; i++) {
    const decoded = decodedSegment(segments[i]!);
    const name = SECRET_SEGMENT.exec(decoded)?.[1];
    if (name === undefined) continue;
    // `/setup%2F<token>`: the separator itself came encoded, so the rest of this segment is secret too.
    const kept = decoded === name ? segments.slice(0, i + 1) : [...segments.slice(0, i), name];
    return i + 1 < segments.length || decoded !== name ? `${kept.join('/')}/[redacted]` : path;
  }
  return path;
}

/**
 * One JSON line per request: method, path, status, duration. Only the path is logged, never the
 * query string, headers, cookies or body, and secrets in the path are redacted (redactSecrets), so
 * passwords, tokens and sessions cannot leak into logs.
 */
export function logRequest(req: IncomingMessage, res: ServerResponse, ms: number, requestId: string): void {
  if (!enabled) return;
  const url = req.url ?? '';
  const q = url.indexOf('?');
  // Built as text rather than JSON.stringify({...}): one fewer object per request. Only the path can
  // hold characters that need escaping; the method is an HTTP token and the id a UUID.
  const line =
    `{"t":"${isoNow()}","requestId":"${requestId}","method":"${req.method}",` +
    `"path":${JSON.stringify(redactSecrets(q === -1 ? url : url.slice(0, q)))},"status":${res.statusCode},"ms":${Math.round(ms * 100) / 100}}\n`;
  // A UTF-16 unit is at most 3 bytes of UTF-8: a line that might not fit goes after a flush.
  if (line.length * 3 > BUFFER_BYTES - pendingBytes) {
    flushRequestLog();
    if (line.length * 3 > BUFFER_BYTES) {
      // Written by itself, and held to the same bound as a batch.
      if ((output.writableLength ?? 0) > MAX_WAITING_BYTES) dropped++;
      else output.write(line);
      return;
    }
  }
  pendingBytes += pending.write(line, pendingBytes);
  pendingLines++;
  if (pendingBytes >= FLUSH_BYTES) flushRequestLog();
  else timer ??= setTimeout(flushRequestLog, 100).unref();
}
