import { execFile } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_DRAINED_BYTES, reachesApiWhenNormalised, serveApi } from './node-adapter';

const run = promisify(execFile);

describe('reachesApiWhenNormalised', () => {
  it('finds targets outside /api that name an /api path once dot segments are resolved', () => {
    expect(reachesApiWhenNormalised('/x/../api/v1/iam/check-user-existence/')).toBe(true);
    expect(reachesApiWhenNormalised('/x/%2e%2e/api/v2/usernames/check/company/1/a')).toBe(true);
    expect(reachesApiWhenNormalised('/x/%2E%2E/api')).toBe(true);
    expect(reachesApiWhenNormalised('http://example.test/api/v1/iam/check-user-existence')).toBe(true);
  });

  it('leaves every other target to Next, without parsing ordinary paths', () => {
    for (const url of ['/signup', '/_next/static/chunks/a.js', '/a/./b', '/.well-known/security.txt', '/x/../signup', 'http://example.test/login', '/apis/x']) {
      expect(reachesApiWhenNormalised(url), url).toBe(false);
    }
  });
});

describe('serveApi: a body over the limit', () => {
  // A server that answers only what serveApi answers (the 413 comes before any endpoint runs), and
  // the bytes it read from each connection, known once that connection has closed.
  async function withServer(work: (port: number, bytesRead: Promise<number>[]) => Promise<void>): Promise<void> {
    const bytesRead: Promise<number>[] = [];
    const server = createServer((req, res) => {
      if (!serveApi(req, res, '127.0.0.1', [])) res.writeHead(404).end();
    });
    server.on('connection', (socket) => bytesRead.push(new Promise((resolve) => socket.on('close', () => resolve(socket.bytesRead)))));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await work((server.address() as AddressInfo).port, bytesRead);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  // Sends the whole body first, then reads the answer, as node:http and fetch clients do.
  function post(port: number, body: Buffer, agent: Agent | false = false): Promise<{ status: number; connection: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/iam/check-user-existence/', headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, agent },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers 413 to a client still sending, instead of resetting its connection', async () => {
    // The client runs in another process: the reset is a race between two processes' sockets.
    const client = `
      import { request } from 'node:http';
      const body = Buffer.alloc(1024 * 1024, 'a');
      const outcomes = [];
      for (let i = 0; i < 200; i++) {
        const chunked = i % 2 === 1;
        outcomes.push(await new Promise((resolve) => {
          const headers = { 'content-type': 'application/json', ...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(body.length) }) };
          const req = request({ host: '127.0.0.1', port: Number(process.argv[1]), method: 'POST', path: '/api/v1/iam/check-user-existence/', headers, agent: false }, (res) => {
            res.resume();
            res.on('end', () => resolve(String(res.statusCode)));
          });
          req.on('error', (error) => resolve(error.code));
          req.end(body);
        }));
      }
      console.log(JSON.stringify(outcomes));`;
    await withServer(async (port) => {
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', client, String(port)]);
      const outcomes = JSON.parse(stdout) as string[];
      expect(outcomes.filter((outcome) => outcome !== '413')).toEqual([]);
      expect(outcomes).toHaveLength(200);
    });
  });

  it('closes lingering after a 413 sent at once, so a client still sending reads it before the reset', async () => {
    // e2e/support/big-body.mjs sends 64 MiB chunked as fast as it can, reading as it goes (as a
    // browser does), in its own process. Closed at once, its connection was reset under the 413.
    await withServer(async (port) => {
      const outcomes: number[] = [];
      for (let i = 0; i < 10; i++) {
        const { stdout } = await run(process.execPath, ['e2e/support/big-body.mjs', `http://127.0.0.1:${port}`, '/api/v1/iam/check-user-existence/', '64', 'chunked', 'application/json']);
        outcomes.push((JSON.parse(stdout) as { status: number }).status);
      }
      expect(outcomes).toEqual(Array(10).fill(413));
    });
  });

  it('reads the refused body to its end, so the connection serves the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      await withServer(async (port) => {
        const first = await post(port, Buffer.alloc(100 * 1024, 'a'), agent);
        expect(first).toEqual({ status: 413, connection: 'keep-alive' });
        expect((await post(port, Buffer.from('{"username":'), agent)).status).toBe(400);
      });
    } finally {
      agent.destroy();
    }
  });

  it(`closes the connection when the declared body is over ${MAX_DRAINED_BYTES / 1024 / 1024} MiB`, async () => {
    await withServer(async (port) => {
      const outcome = await post(port, Buffer.alloc(MAX_DRAINED_BYTES + 1024, 'a')).catch((error: NodeJS.ErrnoException) => error.code);
      if (typeof outcome === 'string') expect(['EPIPE', 'ECONNRESET']).toContain(outcome);
      else expect(outcome).toEqual({ status: 413, connection: 'close' });
    });
  });

  it(`stops reading a chunked body of unknown length past ${MAX_DRAINED_BYTES / 1024 / 1024} MiB`, async () => {
    await withServer(async (port, bytesRead) => {
      await new Promise<void>((resolve) => {
        const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/iam/check-user-existence/', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, agent: false });
        req.on('response', (res) => res.resume());
        req.on('error', () => {});
        req.on('close', () => resolve());
        const chunk = Buffer.alloc(64 * 1024, 'a');
        for (let sent = 0; sent < 4 * MAX_DRAINED_BYTES; sent += chunk.length) req.write(chunk);
        req.end();
      });
      const read = await bytesRead[0]!;
      expect(read).toBeGreaterThan(MAX_DRAINED_BYTES);
      expect(read).toBeLessThan(2 * MAX_DRAINED_BYTES);
    });
  });
});
