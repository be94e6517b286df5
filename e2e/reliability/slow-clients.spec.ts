import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures';
import { jsonPost, raw, V1_CHECK } from '../support/http';
import { startServer, type RunningServer } from '../support/server';

// Clients that hold connections without finishing their requests, run in a process of their own
// (e2e/support/slow-clients.mjs) from loopback addresses of their own, against a production server:
// the pages go on being served, one address cannot hold more than its share of connections, and a
// request whose headers never end is dropped.

interface Counts {
  open: number;
  closed: number;
}

class SlowClients {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly reports: Counts[] = [];
  private waiting: ((counts: Counts) => void)[] = [];

  constructor(server: RunningServer, kind: 'upload' | 'idle' | 'headers', count: number, from: string[]) {
    this.child = spawn(process.execPath, [join('e2e', 'support', 'slow-clients.mjs'), server.url, kind, String(count), from.join(',')]);
    let buffered = '';
    this.child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      for (let at = buffered.indexOf('\n'); at !== -1; at = buffered.indexOf('\n')) {
        const counts = JSON.parse(buffered.slice(0, at)) as Counts;
        buffered = buffered.slice(at + 1);
        this.reports.push(counts);
        for (const resolve of this.waiting.splice(0)) resolve(counts);
      }
    });
  }

  /** The counts once every connection has been opened (or refused). */
  settled(): Promise<Counts> {
    return this.reports[0] ? Promise.resolve(this.reports[0]) : new Promise((resolve) => this.waiting.push(resolve));
  }

  /** The counts now. */
  now(): Promise<Counts> {
    const next = new Promise<Counts>((resolve) => this.waiting.push(resolve));
    this.child.stdin.write('\n');
    return next;
  }

  stop(): void {
    this.child.stdin.end();
  }
}

/** GET `path` within `ms` (a hang fails here, not at the test's timeout); its status and how long it took. */
async function timedGet(server: RunningServer, path: string, ms: number): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${server.url}${path}`, { signal: AbortSignal.timeout(ms) });
  await res.arrayBuffer();
  return { status: res.status, ms: Math.round(performance.now() - started) };
}

test('with 300 stalled uploads open, /signup still answers within 5 s', async () => {
  test.setTimeout(60_000);
  const server = await startServer({ env: { LOG_REQUESTS: '0' } });
  // 150 from each of two addresses: under the per-IP cap, so this is about the pool toward Next.
  const uploads = new SlowClients(server, 'upload', 300, ['127.0.0.2', '127.0.0.3']);
  try {
    expect(await uploads.settled()).toEqual({ open: 300, closed: 0 });
    const lines: string[] = [];
    for (const path of ['/signup', '/login', '/', '/signup']) {
      const answer = await timedGet(server, path, 5_000);
      lines.push(`${path} ${answer.status} in ${answer.ms} ms`);
      expect(answer.status).toBe(200);
    }
    // The checks, served in the main thread, go on as well.
    expect((await raw(server.url, { path: V1_CHECK, ...jsonPost({ username: 'johndoe123' }) })).status).toBe(200);
    console.log(`with 300 stalled uploads open: ${lines.join(', ')}`);
    expect((await uploads.now()).open).toBe(300); // they were all still there
  } finally {
    uploads.stop();
    await server.stop();
  }
});

test('one address may hold 256 connections; the next are closed as they are accepted, other addresses go on', async () => {
  test.setTimeout(60_000);
  const server = await startServer({ env: { LOG_REQUESTS: '0' } });
  const idle = new SlowClients(server, 'idle', 260, ['127.0.0.4']);
  try {
    expect(await idle.settled()).toEqual({ open: 256, closed: 4 });
    expect((await timedGet(server, '/signup', 5_000)).status).toBe(200);
    // From the capped address itself, a new connection is refused.
    const refused = await raw(server.url, { path: '/api/health', localAddress: '127.0.0.4' }).then(
      (res) => `answered ${res.status}`,
      (error: NodeJS.ErrnoException) => error.code,
    );
    expect(['ECONNRESET', 'EPIPE', 'ECONNREFUSED']).toContain(refused);
  } finally {
    idle.stop();
    await server.stop();
  }
});

test('a request whose headers never end is dropped within 25 s', async () => {
  test.setTimeout(60_000);
  const server = await startServer({ env: { LOG_REQUESTS: '0' } });
  const partial = new SlowClients(server, 'headers', 20, ['127.0.0.5']);
  try {
    expect(await partial.settled()).toEqual({ open: 20, closed: 0 });
    const started = Date.now();
    await expect.poll(async () => (await partial.now()).closed, { timeout: 35_000, intervals: [1_000] }).toBe(20);
    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(`unfinished headers: all 20 connections dropped after ${seconds} s`);
    expect(seconds).toBeLessThanOrEqual(30); // Node's defaults: 60 s, checked every 30 s
  } finally {
    partial.stop();
    await server.stop();
  }
});
