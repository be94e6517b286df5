// How the process ends, and what the operator's signals do: SIGTERM and SIGINT drain (stop
// accepting, let the requests in flight finish, stop Next, close the database, exit 0); a failure
// stops it at once (stopNow); SIGUSR2 toggles read-only mode (writes answer 503, checks go on).
import type { IncomingMessage, Server } from 'node:http';
import { closeConnection } from '@/db/client';
import { isReadOnly, setReadOnly } from '@/db/read-only';
import type { NextHost } from '@/lib/server/next-host';
import { flushRequestLog } from '@/lib/server/request-log';
import type { Requests, TrackedResponse } from '@/lib/server/requests';

let finished = false;

/**
 * Ends the process now (Next's worker with it): the request log flushed, then `lastLine` if any,
 * the database closed.
 */
export function stopNow(code: number, lastLine?: string): never {
  finished = true;
  flushRequestLog();
  if (lastLine) process.stdout.write(lastLine);
  // SQLite closes at once; a PostgreSQL pool's sockets close with the process.
  void closeConnection();
  process.exit(code);
}

/** Read-only mode has changed, in this thread and Next's. */
export function reportReadOnly(value: boolean): void {
  process.stdout.write(`[namecheck] read-only mode ${value ? 'on' : 'off'}\n`);
}

/** Installs the signal handlers for a server that is listening. */
export function handleSignals(server: Server<typeof IncomingMessage, typeof TrackedResponse>, requests: Requests, next: NextHost): void {
  let draining = false;
  let shutdownTimer: NodeJS.Timeout | undefined;

  /** After draining: Next's worker closes its own connection (a second at most), then the process ends. */
  function finishShutdown(): void {
    if (finished) return;
    finished = true;
    if (shutdownTimer) clearTimeout(shutdownTimer);
    next.stop(() => stopNow(0, '[namecheck] stopped\n'));
  }

  /** Stop accepting, let the requests in flight finish, close the database, exit. */
  function shutdown(signal: string): void {
    if (draining) return;
    draining = true;
    requests.drain(finishShutdown);
    process.stdout.write(`[namecheck] ${signal}: draining ${requests.inFlight()} request(s)\n`);
    server.close(() => finishShutdown());
    server.closeIdleConnections();
    shutdownTimer = setTimeout(() => {
      server.closeAllConnections();
      finishShutdown();
    }, 10_000);
    shutdownTimer.unref();
    if (requests.inFlight() === 0) finishShutdown();
  }

  // Operators: `kill -USR2 <pid>` toggles read-only mode. It is reported once this thread and
  // Next's worker are both in the new mode.
  process.on('SIGUSR2', () => {
    const value = !isReadOnly();
    setReadOnly(value);
    next.mirrorReadOnly(value);
  });

  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
}
