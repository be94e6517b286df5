import { execFile } from 'node:child_process';
import { Agent, createServer, request } from 'node:http';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFreshDatabase } from '@/lib/testing/fixtures';
import { MAX_DRAINED_BYTES, reachesApiWhenNormalised, serveApi } from './node-adapter';
import { payloadTooLarge } from './problem';
import { MAX_BODY_BYTES } from './request';

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
  function post(port: number, body: Buffer, agent: Agent | false = false): Promise<{ status: number; connection: string | undefined; detail: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/v1/iam/check-user-existence/', headers: { 'content-type': 'application/json', 'content-length': String(body.length) }, agent },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => (text += chunk.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, detail: JSON.parse(text).detail }));
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
        expect(first).toEqual({ status: 413, connection: 'keep-alive', detail: payloadTooLarge(MAX_BODY_BYTES).message });
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
      else expect(outcome).toEqual({ status: 413, connection: 'close', detail: payloadTooLarge(MAX_BODY_BYTES).message });
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

describe('serveApi: one way into /api', () => {
  // What reaches "Next" here is answered 299 with no body: only Auth.js's paths may get there.
  let port = 0;
  beforeAll(async () => {
    await useFreshDatabase('namecheck-router-');
    const server = createServer((req, res) => {
      if (!serveApi(req, res, '127.0.0.1', [])) res.writeHead(299).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
    return () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  });

  function call(method: string, path: string, body?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
    return new Promise((resolve, reject) => {
      const headers = body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
      const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('answers paths that used to reach a second copy behind Next with the router’s problem', async () => {
    const noEndpoint = { type: '/docs#problem-not-found', title: 'Not Found', status: 404, detail: 'There is no API endpoint at this path.' };
    for (const [method, path] of [
      ['POST', '/api/v1/iam/check-user-existence/./'],
      ['POST', '/api//v1/iam/register'],
      ['POST', '/api/v1//iam/check-user-existence'],
      ['GET', '/api/v2//usernames/check/company/1/FB1234'],
      ['GET', '/api/no/such/thing'],
      ['GET', '/api'],
      ['GET', '/api?x=1'],
      ['GET', '/api/'],
      ['GET', '/api/auth'],
      ['GET', '/api/auth/'],
      ['GET', '/api/auth/%2e%2e/health'],
      ['GET', '/api/auth/..%2fhealth'],
      ['GET', '/api/auth/x\\..\\..\\health'],
      ['POST', '/x/../api/v1/iam/register'],
    ] as const) {
      const res = await call(method, path, method === 'POST' ? '{"username":"someone"}' : undefined);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers['content-type'], path).toBe('application/problem+json; charset=utf-8');
      expect(JSON.parse(res.text), path).toEqual(noEndpoint);
    }
  });

  it('answers a wrong method with the endpoint’s 405 and Allow, query string or not', async () => {
    for (const [method, path, allow] of [
      ['GET', '/api/v1/iam/check-user-existence?x=1', 'POST, OPTIONS'],
      ['PUT', '/api/v1/iam/check-user-existence/?x=1', 'POST, OPTIONS'],
      ['GET', '/api/v1/iam/register?x=1', 'POST'],
      ['DELETE', '/api/health', 'GET'],
      ['POST', '/api/openapi.json', 'GET'],
    ] as const) {
      const res = await call(method, path, method === 'GET' ? undefined : '{}');
      expect(res.status, `${method} ${path}`).toBe(405);
      expect(res.headers['allow'], path).toBe(allow);
      expect(JSON.parse(res.text), path).toMatchObject({ type: '/docs#problem-method-not-allowed', status: 405 });
    }
  });

  it('serves /api/health and /api/openapi.json itself', async () => {
    const health = await call('GET', '/api/health');
    expect(health.status).toBe(200);
    expect(JSON.parse(health.text)).toEqual({ status: 'ok' });
    expect(health.headers['cache-control']).toBe('no-store');
    const doc = await call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(doc.headers['cache-control']).toBe('public, max-age=300');
    expect(JSON.parse(doc.text).openapi).toBe('3.1.0');
    const head = await call('HEAD', '/api/health');
    expect(head.status).toBe(200);
    expect(head.text).toBe('');
  });

  it('reads each route’s body up to that route’s own limit: 16 KiB, and 256 KiB for the bulk check', async () => {
    const bulk = '/api/v2/usernames/check/company/1';
    // A body of exactly `bytes` bytes.
    const names = (bytes: number) => JSON.stringify({ usernames: ['a'.repeat(bytes - 18)] });
    // Past 16 KiB the bulk check still reads the body and answers (no credentials: 401) …
    expect((await call('POST', bulk, names(100 * 1024))).status).toBe(401);
    expect((await call('POST', `${bulk}/`, names(256 * 1024))).status).toBe(401);
    // … past 256 KiB it refuses with its own limit, and the v1 check refuses at 16 KiB.
    const over = await call('POST', bulk, names(256 * 1024 + 1));
    expect(over.status).toBe(413);
    expect(JSON.parse(over.text)).toMatchObject({ type: '/docs#problem-payload-too-large', detail: 'The body is larger than 256 KiB.' });
    const v1 = await call('POST', '/api/v1/iam/check-user-existence/', JSON.stringify({ username: 'a'.repeat(17 * 1024) }));
    expect(v1.status).toBe(413);
    expect(JSON.parse(v1.text).detail).toBe('The body is larger than 16 KiB.');
  });

  it('leaves Auth.js’s own paths, and only those, to Next', async () => {
    for (const path of ['/api/auth/session', '/api/auth/csrf', '/api/auth/callback/credentials', '/api/auth/callback/company?x=1', '/api/auth/signout/', '/signup', '/apis']) {
      expect((await call('GET', path)).status, path).toBe(299);
    }
  });
});
