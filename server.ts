// namecheck's process: a thin node:http server in front of Next's request handler (Next's documented
// "custom server"). It owns what only the socket knows and what the contract asks of the process:
// the client IP, an X-Request-Id on every answer, migrations before listening, the /api paths
// served without Web Request/Response objects (lib/api/endpoints.ts routes them), request logs, and
// a graceful SIGTERM. Routing of everything else (pages, Auth.js's /api/auth/*) stays in app/. In production Next runs in a worker thread
// (next-worker.ts) behind a private Unix socket, so that what Next installs in its process (async
// hooks, patched timers) does not slow the checks; `--dev` keeps it in this thread for hot reload.
import { createServer, ServerResponse, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { closeConnection, databasePath } from '@/db/client';
import { isReadOnly, setReadOnly } from '@/db/read-only';
import { migrateDatabase } from '@/db/migrate';
import { hashSlots } from '@/lib/auth/password';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { readConfig } from '@/lib/config';
import { CLIENT_IP_HEADER, normalizeIp, clientIpFrom } from '@/lib/http/client-ip';
import { runNextHandler } from '@/lib/server/next-handler';
import { nextTarget, privateSocketDir, proxyToNext } from '@/lib/server/next-proxy';
import { serveApi } from '@/lib/http/node-adapter';
import { flushRequestLog, logRequest } from '@/lib/server/request-log';
import { NEXT_WORKER_YOUNG_GENERATION_MB, workerHeapLimits } from '@/lib/server/worker-heap';
import { answerLimit } from '@/lib/rate-limit';
import { isDatabaseEmpty, seedDemo } from '@/lib/seed';
import type { FromNextWorker, NextWorkerData, ToNextWorker } from './next-worker';

process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const dev = process.argv.includes('--dev');
const config = readConfig();

migrateDatabase();
ensureAuthSecret();
if (dev && isDatabaseEmpty()) {
  const demo = await seedDemo();
  process.stderr.write(`[namecheck] seeded the demo data into an empty database:\n${JSON.stringify(demo, null, 2)}\n`);
}

let shutdownTimer: NodeJS.Timeout | undefined;
let finished = false;

/** Hands a request to Next, with the client IP it may trust and the server's own answer headers. */
type ToNext = (req: IncomingMessage, res: ServerResponse, clientIp: string, socketIp: string, extra: readonly string[]) => void;

/** Development: Next in this thread, so that hot reload and its WebSocket work as `next dev` does. */
async function nextInThisThread(): Promise<ToNext> {
  const { default: next } = await import('next');
  const app = next({ dev: true, hostname: config.hostname ?? 'localhost', port: config.port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  return (req, res, clientIp, socketIp, extra) => {
    for (let i = 0; i < extra.length; i += 2) res.setHeader(extra[i]!, extra[i + 1]!);
    if (!config.trustProxy) req.headers['x-forwarded-for'] = socketIp;
    req.headers[CLIENT_IP_HEADER] = clientIp;
    runNextHandler(handle, req, res);
  };
}

/**
 * Built: dist/next-worker.mjs beside dist/server.mjs. From source (`node --import tsx server.ts`):
 * next-worker.ts, behind a first module that registers tsx's loader in the worker's own thread.
 */
function nextWorkerEntry(): URL {
  if (import.meta.url.endsWith('.mjs')) return new URL('./next-worker.mjs', import.meta.url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./next-worker.ts', import.meta.url).href;
  const source = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

let worker: Worker | undefined;
let socketDir: string | undefined;

/** Production: Next in a worker thread, reached over a Unix socket in a directory only we can open. */
async function nextInWorker(): Promise<ToNext> {
  socketDir = privateSocketDir();
  const data: NextWorkerData = {
    socketPath: join(socketDir, 'next.sock'),
    hostname: config.hostname,
    port: config.port,
    dir: process.cwd(),
    readOnly: isReadOnly(),
    hashSlots: hashSlots(),
  };
  const started = new Worker(nextWorkerEntry(), { workerData: data, resourceLimits: workerHeapLimits(NEXT_WORKER_YOUNG_GENERATION_MB) });
  worker = started;
  // Until it is ready, any other message, error or exit means Next could not start.
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: FromNextWorker) => (message.type === 'ready' ? settle() : settle(new Error(JSON.stringify(message))));
    const onExit = (code: number) => settle(new Error(`Next's worker exited (code ${code}) before it was ready`));
    function settle(error?: Error) {
      started.off('message', onMessage).off('error', settle).off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    started.on('message', onMessage).on('error', settle).on('exit', onExit);
  });
  started.on('message', (message: FromNextWorker) => {
    if (message.type === 'read-only') reportReadOnly(message.value);
    if (message.type === 'limit') {
      tellWorker({ type: 'limit-answer', id: message.id, answer: answerLimit(message.name, message.key) });
    }
  });
  started.on('error', (error) => {
    console.error("[namecheck] Next's worker failed; stopping", error);
    stopNow(1);
  });
  started.on('exit', (code) => {
    if (finished) return;
    process.stderr.write(`[namecheck] Next's worker exited (code ${code}); stopping\n`);
    stopNow(1);
  });
  const target = nextTarget(data.socketPath);
  return (req, res, clientIp, socketIp, extra) => proxyToNext(target, req, res, clientIp, config.trustProxy ? null : socketIp, extra);
}

function tellWorker(message: ToNextWorker): void {
  worker?.postMessage(message);
}

let toNext: ToNext;
try {
  toNext = dev ? await nextInThisThread() : await nextInWorker();
} catch (error) {
  console.error('[namecheck] Next could not start', error);
  stopNow(1);
}

/** A response that knows when its request started and its X-Request-Id, for the log line. */
class TrackedResponse extends ServerResponse<IncomingMessage> {
  startedAt = 0;
  requestId = '';
}

let inFlight = 0;
let draining = false;

/** Runs once per response, with `this` the response: no closure per request. */
function onResponseClose(this: TrackedResponse): void {
  inFlight--;
  logRequest(this.req, this, performance.now() - this.startedAt, this.requestId);
  if (draining && inFlight === 0) finishShutdown();
}

function onRequest(req: IncomingMessage, res: TrackedResponse): void {
  res.startedAt = performance.now();
  const requestId = randomUUID();
  res.requestId = requestId;
  inFlight++;
  res.on('close', onResponseClose);

  // The client IP is the socket's unless a trusted proxy says otherwise; nobody else may set it.
  const socketIp = normalizeIp(req.socket.remoteAddress ?? '');
  const clientIp = config.trustProxy ? clientIpFrom(req.headers['x-forwarded-for'], socketIp) : socketIp;

  // The server's own answer headers. Every /api path but Auth.js's answers here, in one writeHead.
  const extra = draining ? ['x-request-id', requestId, 'connection', 'close'] : ['x-request-id', requestId];
  if (serveApi(req, res, clientIp, extra)) return;
  toNext(req, res, clientIp, socketIp, extra);
}

const server = createServer({ keepAliveTimeout: 5_000, ServerResponse: TrackedResponse }, onRequest);
server.on('error', (error: NodeJS.ErrnoException) => {
  const where = `${config.hostname ?? '*'}:${config.port}`;
  process.stderr.write(
    error.code === 'EADDRINUSE'
      ? `[namecheck] cannot listen on ${where}: the port is in use (set PORT to another one)\n`
      : `[namecheck] cannot listen on ${where}: ${error.message}\n`,
  );
  stopNow(1);
});
server.listen(config.port, config.hostname, () => {
  const address = server.address();
  const where = typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address);
  process.stdout.write(`[namecheck] ready on ${where} (${dev ? 'development' : 'production'}, database ${databasePath()})\n`);
});


/**
 * Ends the process now (Next's worker with it): the request log flushed, then `lastLine` if any,
 * its socket directory removed, the database closed.
 */
function stopNow(code: number, lastLine?: string): never {
  finished = true;
  flushRequestLog();
  if (lastLine) process.stdout.write(lastLine);
  if (socketDir) rmSync(socketDir, { recursive: true, force: true });
  closeConnection();
  process.exit(code);
}

/** After draining: Next's worker closes its own connection (a second at most), then the process ends. */
function finishShutdown(): void {
  if (finished) return;
  finished = true;
  if (shutdownTimer) clearTimeout(shutdownTimer);
  const done = () => stopNow(0, '[namecheck] stopped\n');
  if (!worker) return done();
  worker.once('exit', done);
  tellWorker({ type: 'stop' });
  setTimeout(done, 1_000);
}

/** Stop accepting, let the requests in flight finish, close the database, exit. */
function shutdown(signal: string): void {
  if (draining) return;
  draining = true;
  process.stdout.write(`[namecheck] ${signal}: draining ${inFlight} request(s)\n`);
  server.close(() => finishShutdown());
  server.closeIdleConnections();
  shutdownTimer = setTimeout(() => {
    server.closeAllConnections();
    finishShutdown();
  }, 10_000);
  shutdownTimer.unref();
  if (inFlight === 0) finishShutdown();
}

// Operators: `kill -USR2 <pid>` toggles read-only mode (writes answer 503, checks go on). It is
// reported once this thread and Next's worker are both in the new mode.
function reportReadOnly(value: boolean): void {
  process.stdout.write(`[namecheck] read-only mode ${value ? 'on' : 'off'}\n`);
}
process.on('SIGUSR2', () => {
  const value = !isReadOnly();
  setReadOnly(value);
  if (worker) tellWorker({ type: 'read-only', value });
  else reportReadOnly(value);
});

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
