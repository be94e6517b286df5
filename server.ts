// namecheck's process: a thin node:http server in front of Next's request handler (Next's documented
// "custom server"). It owns what only the socket knows and what the contract asks of the process:
// the client IP, an X-Request-Id on every answer, migrations before listening, the hot API paths
// served without Web Request/Response objects, request logs, and a graceful SIGTERM.
// Routing of everything else stays in app/.
import { createServer, ServerResponse, type IncomingMessage } from 'node:http';
import { randomUUID } from 'node:crypto';
import next from 'next';
import { closeConnection, databasePath, isReadOnly, setReadOnly } from '@/db/client';
import { migrateDatabase } from '@/db/migrate';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { readConfig } from '@/lib/config';
import { CLIENT_IP_HEADER, normalizeIp, clientIpFrom } from '@/lib/http/client-ip';
import { serveApi } from '@/lib/http/node-adapter';
import { flushRequestLog, logRequest } from '@/lib/http/request-log';
import { isDatabaseEmpty, seedDemo } from '@/lib/seed';

process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const dev = process.argv.includes('--dev');
const config = readConfig();

migrateDatabase();
ensureAuthSecret();
if (dev && isDatabaseEmpty()) {
  const demo = await seedDemo();
  process.stderr.write(`[namecheck] seeded the demo data into an empty database:\n${JSON.stringify(demo, null, 2)}\n`);
}

const app = next({ dev, hostname: config.hostname ?? 'localhost', port: config.port, dir: process.cwd() });
await app.prepare();
const handleWithNext = app.getRequestHandler();

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

  // The documented endpoints answer here, with their headers in one writeHead.
  if (serveApi(req, res, clientIp, draining ? ['x-request-id', requestId, 'connection', 'close'] : ['x-request-id', requestId])) {
    return;
  }

  res.setHeader('x-request-id', requestId);
  if (draining) res.setHeader('connection', 'close');
  if (!config.trustProxy) req.headers['x-forwarded-for'] = socketIp;
  req.headers[CLIENT_IP_HEADER] = clientIp;
  handleWithNext(req, res).catch((error: unknown) => {
    console.error('[namecheck] request failed', error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end();
    }
  });
}

const server = createServer({ keepAliveTimeout: 5_000, ServerResponse: TrackedResponse }, onRequest);
server.on('error', (error: NodeJS.ErrnoException) => {
  const where = `${config.hostname ?? '*'}:${config.port}`;
  process.stderr.write(
    error.code === 'EADDRINUSE'
      ? `[namecheck] cannot listen on ${where}: the port is in use (set PORT to another one)\n`
      : `[namecheck] cannot listen on ${where}: ${error.message}\n`,
  );
  closeConnection();
  process.exit(1);
});
server.listen(config.port, config.hostname, () => {
  const address = server.address();
  const where = typeof address === 'object' && address ? `${address.address}:${address.port}` : String(address);
  process.stdout.write(`[namecheck] ready on ${where} (${dev ? 'development' : 'production'}, database ${databasePath()})\n`);
});

let shutdownTimer: NodeJS.Timeout | undefined;
let finished = false;

function finishShutdown(): void {
  if (finished) return;
  finished = true;
  if (shutdownTimer) clearTimeout(shutdownTimer);
  flushRequestLog();
  closeConnection();
  process.stdout.write('[namecheck] stopped\n');
  process.exit(0);
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

// Operators: `kill -USR2 <pid>` toggles read-only mode (writes answer 503, checks go on).
process.on('SIGUSR2', () => {
  setReadOnly(!isReadOnly());
  process.stdout.write(`[namecheck] read-only mode ${isReadOnly() ? 'on' : 'off'}\n`);
});

process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
