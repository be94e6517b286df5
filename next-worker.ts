// Next's request handler in a worker thread of the production server (docs/decisions/004-performance.md).
// server.ts answers the check endpoints on the main thread and hands every other request to this
// worker over a private Unix socket. Next, once loaded, patches Date.now and process.nextTick and
// turns on async_hooks for its AsyncLocalStorage; in its own thread those costs stay out of the checks.
//
// The messages, typed in lib/server/next-host.ts (which starts this thread). From the main thread:
// { type: 'read-only', value } mirrors SIGUSR2's read-only mode onto this thread's database
// connection; { type: 'stop' } closes the socket and the connection;
// { type: 'limit-answer', id, answer } answers a rate-limit question.
// To the main thread: { type: 'ready' } once Next is prepared and the socket listens;
// { type: 'read-only', value } once the mode is set here; { type: 'limit', id, question } asks the
// main thread to count a request against one of its rate limits, or about an account's sign-in
// failures (lib/rate-limit.ts).
import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import next from 'next';
import { closeConnection } from '@/db/client';
import { setReadOnly } from '@/db/read-only';
import { shareHashSlots } from '@/lib/auth/password';
import { installLimitBroker, type LimitAnswer } from '@/lib/rate-limit';
import { runNextHandler } from '@/lib/server/next-handler';
import type { FromNextWorker, NextWorkerData, ToNextWorker } from '@/lib/server/next-host';

const data = workerData as NextWorkerData;
if (!parentPort) throw new Error('next-worker.ts runs as a worker thread of server.ts');
const parent = parentPort;

if (data.readOnly) setReadOnly(true);
// One limit on concurrent argon2id hashes for the whole process, not one per thread.
shareHashSlots(data.hashSlots);

// Rate limits are counted by the main thread, which also serves the API: one counter per client.
const waiting = new Map<number, (answer: LimitAnswer) => void>();
let lastId = 0;
installLimitBroker(
  (question) =>
    new Promise((resolve) => {
      const id = ++lastId;
      waiting.set(id, resolve);
      parent.postMessage({ type: 'limit', id, question } satisfies FromNextWorker);
    }),
);
const app = next({ dev: false, hostname: data.hostname ?? 'localhost', port: data.port, dir: data.dir });
await app.prepare();
const handle = app.getRequestHandler();

// The only client is server.ts's connection pool: idle connections stay open (no keep-alive timeout),
// so the pool never reuses a socket that this side is closing at that moment.
const server = createServer({ keepAliveTimeout: 0 }, (req, res) => runNextHandler(handle, req, res));

parent.on('message', async (message: ToNextWorker) => {
  if (message.type === 'limit-answer') {
    waiting.get(message.id)?.(message.answer);
    waiting.delete(message.id);
  }
  if (message.type === 'read-only') {
    setReadOnly(message.value);
    parent.postMessage({ type: 'read-only', value: message.value } satisfies FromNextWorker);
  }
  if (message.type === 'stop') {
    // server.ts has drained its requests, so none of Next's are in flight: end the thread.
    server.close();
    server.closeAllConnections();
    await closeConnection();
    process.exit(0);
  }
});

server.listen(data.socketPath, () => parent.postMessage({ type: 'ready' } satisfies FromNextWorker));
