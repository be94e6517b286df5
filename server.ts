// namecheck's process: a thin node:http server in front of Next's request handler (Next's documented
// "custom server"). It owns what only the socket knows and what the contract asks of the process:
// the client IP, an X-Request-Id on every answer, migrations before listening, the /api paths
// served without Web Request/Response objects, request logs, and a graceful SIGTERM.
// lib/api/endpoints.ts routes every /api path but Auth.js's; everything else (pages, Auth.js's
// /api/auth/*) stays with Next's router in app/. This file puts the parts in lib/server/ together:
// next-host.ts (where Next runs: a worker thread in production, this thread under `--dev`),
// requests.ts (request ids, the client IP, the count in flight, the log line) and shutdown.ts
// (draining on SIGTERM, SIGUSR2's read-only mode, stopping on a failure).
import { createServer } from 'node:http';
import { databaseLabel, databaseTarget, DatabaseUrlError } from '@/db/client';
import { isDatabaseUnavailable } from '@/db/errors';
import { migrateDatabase } from '@/db/migrate';
import { ensureAuthSecret } from '@/lib/auth/secret';
import { readConfig } from '@/lib/config';
import { isDatabaseEmpty, seedDemo } from '@/lib/seed';
import { capConnectionsPerIp } from '@/lib/server/connection-cap';
import { startNext, type NextHost } from '@/lib/server/next-host';
import { TrackedResponse, trackRequests } from '@/lib/server/requests';
import { handleSignals, reportReadOnly, stopNow } from '@/lib/server/shutdown';

process.env.NEXT_TELEMETRY_DISABLED ??= '1';
const dev = process.argv.includes('--dev');
const config = readConfig();

// A DATABASE_URL this build does not serve stops the process here, with the reason on one line:
// never a SQLite file made from another engine's URL.
let database: string;
try {
  database = databaseLabel(databaseTarget());
} catch (error) {
  if (!(error instanceof DatabaseUrlError)) throw error;
  process.stderr.write(`[namecheck] cannot start: ${error.message}\n`);
  process.exit(1);
}

try {
  // On PostgreSQL several instances may start at once: migrations run under an advisory lock.
  await migrateDatabase();
  await ensureAuthSecret();
} catch (error) {
  const reason = isDatabaseUnavailable(error) ? 'the database does not answer' : 'the migrations failed';
  process.stderr.write(`[namecheck] cannot start: ${reason} (${database}): ${(error as Error).message}\n`);
  process.exit(1);
}
if (dev && (await isDatabaseEmpty())) {
  const demo = await seedDemo();
  process.stderr.write(`[namecheck] seeded the demo data into an empty database:\n${JSON.stringify(demo, null, 2)}\n`);
}

let next: NextHost;
try {
  next = await startNext({ dev, config, onReadOnly: reportReadOnly, onFailure: () => stopNow(1) });
} catch (error) {
  console.error('[namecheck] Next could not start', error);
  stopNow(1);
}

const requests = trackRequests({ trustProxy: config.trustProxy, dev, toNext: next.toNext });
const server = createServer(
  {
    keepAliveTimeout: 5_000,
    // A client has 20 s to send its request's headers and 120 s for the whole request: a 32 MiB CSV
    // import then needs about 2.2 Mbit/s, a tenth of a slow Wi-Fi link. Node's defaults are 60 s and
    // 300 s, checked every 30 s; checked every 5 s here, so a stalled connection goes within 25 s.
    headersTimeout: 20_000,
    requestTimeout: 120_000,
    connectionsCheckingInterval: 5_000,
    ServerResponse: TrackedResponse,
  },
  requests.onRequest,
);
capConnectionsPerIp(server, config.maxConnectionsPerIp);
server.on('error', async (error: NodeJS.ErrnoException) => {
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
  process.stdout.write(`[namecheck] ready on ${where} (${dev ? 'development' : 'production'}, database ${database})\n`);
});
handleSignals(server, requests, next);
