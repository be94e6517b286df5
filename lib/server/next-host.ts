// Where Next runs, and how a request reaches it. In production Next runs in a worker thread
// (next-worker.ts) behind a private Unix socket, so that what Next installs in its process (async
// hooks, patched timers) does not slow the checks on the main thread; `--dev` keeps it in this
// thread for hot reload. Also the two threads' messages: the worker says when it is ready and when
// it is in read-only mode, asks this thread to count its rate limits, and is told to stop; if it
// fails or exits on its own, the process stops.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { isReadOnly } from '@/db/read-only';
import { hashSlots } from '@/lib/auth/password';
import type { Slots } from '@/lib/auth/hash-slots';
import type { Config } from '@/lib/config';
import type { BodyRule } from '@/lib/http/body-limits';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { answerLimit, type LimitAnswer, type LimitQuestion } from '@/lib/rate-limit';
import { runNextHandler } from '@/lib/server/next-handler';
import { nextTarget, privateSocketDir, proxyToNext, UNTRUSTED_FORWARDING_HEADERS } from '@/lib/server/next-proxy';
import { NEXT_WORKER_YOUNG_GENERATION_MB, workerHeapLimits } from '@/lib/server/worker-heap';

/** What next-worker.ts is started with. */
export interface NextWorkerData {
  socketPath: string;
  hostname: string | undefined;
  port: number;
  dir: string;
  readOnly: boolean;
  /** The process's password-hashing slots (lib/auth/password.ts), shared with the main thread. */
  hashSlots: Slots;
}

export type ToNextWorker =
  | { type: 'read-only'; value: boolean }
  | { type: 'stop' }
  | { type: 'limit-answer'; id: number; answer: LimitAnswer };
export type FromNextWorker =
  | { type: 'ready' }
  | { type: 'read-only'; value: boolean }
  | { type: 'limit'; id: number; question: LimitQuestion };

/** What server.ts hands Next with a request (lib/server/requests.ts). */
export interface ToNextRequest {
  /** the client IP Next may trust */
  clientIp: string;
  socketIp: string;
  /** the server's own answer headers (X-Request-Id, the security headers) */
  extra: readonly string[];
  /** the path's body limit */
  rule: BodyRule;
  /** the answer's Content-Security-Policy, which Next takes its nonce from */
  policy: string;
}

/** Hands a request to Next. */
export type ToNext = (req: IncomingMessage, res: ServerResponse, request: ToNextRequest) => void;

export interface NextHost {
  toNext: ToNext;
  /** Puts Next's thread in read-only mode `value` too; `onReadOnly` says when it is. */
  mirrorReadOnly(value: boolean): void;
  /** Ends Next's thread (it closes its own connection, a second at most), then calls `done`. */
  stop(done: () => void): void;
}

export interface NextHostOptions {
  dev: boolean;
  config: Config;
  /** Next's thread is now in read-only mode `value` (at once when Next runs in this thread). */
  onReadOnly(value: boolean): void;
  /** Next's worker failed or exited on its own: the process cannot serve pages any more. */
  onFailure(): void;
}

/** Starts Next; rejects when Next could not start. */
export function startNext(options: NextHostOptions): Promise<NextHost> {
  return options.dev ? nextInThisThread(options) : nextInWorker(options);
}

/** Development: Next in this thread, so that hot reload and its WebSocket work as `next dev` does. */
async function nextInThisThread({ config, onReadOnly }: NextHostOptions): Promise<NextHost> {
  const { default: next } = await import('next');
  const app = next({ dev: true, hostname: config.hostname ?? 'localhost', port: config.port, dir: process.cwd() });
  await app.prepare();
  const handle = app.getRequestHandler();
  return {
    // What next-proxy.ts does to the request on its way to the worker, done to it in place. The
    // body limit is checked against the declared Content-Length only (lib/server/requests.ts): a
    // chunked body is not counted here, in development.
    toNext(req, res, { clientIp, socketIp, extra, policy }) {
      for (let i = 0; i < extra.length; i += 2) res.setHeader(extra[i]!, extra[i + 1]!);
      if (!config.trustProxy) {
        for (const name of UNTRUSTED_FORWARDING_HEADERS) delete req.headers[name];
        req.headers['x-forwarded-for'] = socketIp;
      }
      req.headers[CLIENT_IP_HEADER] = clientIp;
      req.headers['content-security-policy'] = policy;
      runNextHandler(handle, req, res);
    },
    mirrorReadOnly: onReadOnly,
    stop: (done) => done(),
  };
}

/**
 * Built: dist/next-worker.mjs beside dist/server.mjs, this module's code being bundled into the
 * latter. From source (`node --import tsx server.ts`): next-worker.ts at the root, two folders up
 * from this file, behind a first module that registers tsx's loader in the worker's own thread.
 */
function nextWorkerEntry(): URL {
  if (import.meta.url.endsWith('.mjs')) return new URL('./next-worker.mjs', import.meta.url);
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('../../next-worker.ts', import.meta.url).href;
  const source = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(entry)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(source)}`);
}

/** Production: Next in a worker thread, reached over a Unix socket in a directory only we can open. */
async function nextInWorker({ config, onReadOnly, onFailure }: NextHostOptions): Promise<NextHost> {
  const socketDir = privateSocketDir();
  // However the process ends (a failed start, a crash of the worker, a drained SIGTERM), the socket's
  // directory goes with it.
  process.once('exit', () => rmSync(socketDir, { recursive: true, force: true }));
  const data: NextWorkerData = {
    socketPath: join(socketDir, 'next.sock'),
    hostname: config.hostname,
    port: config.port,
    dir: process.cwd(),
    readOnly: isReadOnly(),
    hashSlots: hashSlots(),
  };
  const worker = new Worker(nextWorkerEntry(), { workerData: data, resourceLimits: workerHeapLimits(NEXT_WORKER_YOUNG_GENERATION_MB) });
  const tell = (message: ToNextWorker) => worker.postMessage(message);
  // Until it is ready, any other message, error or exit means Next could not start.
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: FromNextWorker) => (message.type === 'ready' ? settle() : settle(new Error(JSON.stringify(message))));
    const onExit = (code: number) => settle(new Error(`Next's worker exited (code ${code}) before it was ready`));
    function settle(error?: Error) {
      worker.off('message', onMessage).off('error', settle).off('exit', onExit);
      if (error) reject(error);
      else resolve();
    }
    worker.on('message', onMessage).on('error', settle).on('exit', onExit);
  });
  let stopping = false;
  worker.on('message', (message: FromNextWorker) => {
    if (message.type === 'read-only') onReadOnly(message.value);
    if (message.type === 'limit') {
      answerLimit(message.question).then(
        (answer) => tell({ type: 'limit-answer', id: message.id, answer }),
        (error: unknown) => {
          // The shared counters failed past their in-memory insurance: the question is answered as
          // refused for now (a retry later), never left waiting.
          console.error('[namecheck] a rate limit could not be counted', error);
          tell({ type: 'limit-answer', id: message.id, answer: { refused: true, detail: 'Try again in a few seconds.', headers: { 'retry-after': '5' } } });
        },
      );
    }
  });
  worker.on('error', (error) => {
    console.error("[namecheck] Next's worker failed; stopping", error);
    onFailure();
  });
  worker.on('exit', (code) => {
    if (stopping) return;
    process.stderr.write(`[namecheck] Next's worker exited (code ${code}); stopping\n`);
    onFailure();
  });
  const target = nextTarget(data.socketPath);
  return {
    toNext: (req, res, { clientIp, socketIp, extra, rule, policy }) =>
      proxyToNext(target, req, res, { clientIp, forwardedFor: config.trustProxy ? null : socketIp, extra, rule, policy }),
    mirrorReadOnly: (value) => tell({ type: 'read-only', value }),
    stop(done) {
      stopping = true;
      worker.once('exit', done);
      tell({ type: 'stop' });
      setTimeout(done, 1_000);
    },
  };
}
