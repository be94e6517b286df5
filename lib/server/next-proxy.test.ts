import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { bodyRule } from '@/lib/http/body-limits';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { forwardedHeaders, nextTarget, privateSocketDir, proxyToNext, returnedHeaders } from '@/lib/server/next-proxy';
import { NextSlots } from '@/lib/server/next-slots';

const closers: (() => void)[] = [];
afterEach(() => {
  while (closers.length) closers.pop()!();
});

function message(rawHeaders: string[]): IncomingMessage {
  const headers: Record<string, string> = {};
  for (let i = 0; i < rawHeaders.length; i += 2) headers[rawHeaders[i]!.toLowerCase()] = rawHeaders[i + 1]!;
  return { rawHeaders, headers } as unknown as IncomingMessage;
}

describe('forwardedHeaders', () => {
  it('drops hop-by-hop headers and those the Connection header lists, keeps repeated ones', () => {
    const req = message([
      'Host', 'example.test',
      'Connection', 'keep-alive, X-Secret-Hop',
      'Keep-Alive', 'timeout=5',
      'Transfer-Encoding', 'chunked',
      'X-Secret-Hop', '1',
      'Cookie', 'a=1',
      'Accept', 'text/html',
      'Accept', 'application/json',
    ]);
    expect(forwardedHeaders(req, '10.0.0.9', '10.0.0.9')).toEqual([
      'Host', 'example.test',
      'Cookie', 'a=1',
      'Accept', 'text/html',
      'Accept', 'application/json',
      'transfer-encoding', 'chunked', // the body was chunked: it is sent chunked again
      'x-forwarded-for', '10.0.0.9',
      CLIENT_IP_HEADER, '10.0.0.9',
    ]);
  });

  it("replaces a client's own client-IP and X-Forwarded-For headers, in any case", () => {
    const req = message(['X-Namecheck-Client-IP', '1.2.3.4', 'X-Forwarded-For', '5.6.7.8', 'Host', 'h']);
    const out = forwardedHeaders(req, '127.0.0.1', '127.0.0.1');
    expect(out).toEqual(['Host', 'h', 'x-forwarded-for', '127.0.0.1', CLIENT_IP_HEADER, '127.0.0.1']);
  });

  it("keeps a trusted proxy's X-Forwarded-For when told to (forwardedFor null)", () => {
    const req = message(['X-Forwarded-For', '5.6.7.8, 9.9.9.9']);
    expect(forwardedHeaders(req, '9.9.9.9', null)).toEqual(['X-Forwarded-For', '5.6.7.8, 9.9.9.9', 'host', 'localhost', CLIENT_IP_HEADER, '9.9.9.9']);
  });

  const forwarding = ['X-Forwarded-Host', 'evil.example', 'X-Forwarded-Proto', 'https', 'X-Forwarded-Port', '443', 'Forwarded', 'host=evil.example;proto=https'];

  it("drops a client's X-Forwarded-Host, -Proto, -Port and Forwarded: they would steer Auth.js's redirects and cookies", () => {
    const out = forwardedHeaders(message(['Host', 'namecheck.test', ...forwarding]), '127.0.0.1', '127.0.0.1');
    expect(out).toEqual(['Host', 'namecheck.test', 'x-forwarded-for', '127.0.0.1', CLIENT_IP_HEADER, '127.0.0.1']);
  });

  it("keeps a trusted proxy's forwarding headers (TRUST_PROXY=1)", () => {
    const out = forwardedHeaders(message(['Host', 'namecheck.test', ...forwarding]), '127.0.0.1', null);
    expect(out).toEqual(['Host', 'namecheck.test', ...forwarding, CLIENT_IP_HEADER, '127.0.0.1']);
  });

  it("gives Next the answer's Content-Security-Policy, in place of a client's own", () => {
    const out = forwardedHeaders(message(['Host', 'h', 'Content-Security-Policy', "script-src 'nonce-chosen-by-client'"]), '127.0.0.1', '127.0.0.1', "script-src 'nonce-abc'");
    expect(out).toEqual(['Host', 'h', 'x-forwarded-for', '127.0.0.1', CLIENT_IP_HEADER, '127.0.0.1', 'content-security-policy', "script-src 'nonce-abc'"]);
  });
});

describe('returnedHeaders', () => {
  it("drops Next's hop-by-hop headers, keeps every Set-Cookie, and appends the server's own", () => {
    const answer = message([
      'Content-Type', 'text/html',
      'Set-Cookie', 'a=1',
      'Set-Cookie', 'b=2',
      'Transfer-Encoding', 'chunked',
      'Connection', 'keep-alive',
      'Keep-Alive', 'timeout=60',
    ]);
    expect(returnedHeaders(answer, ['x-request-id', 'r1', 'connection', 'close'])).toEqual([
      'Content-Type', 'text/html',
      'Set-Cookie', 'a=1',
      'Set-Cookie', 'b=2',
      'x-request-id', 'r1',
      'connection', 'close',
    ]);
  });
});

describe('returnedHeaders: the server\'s own headers', () => {
  it("replace Next's of the same name", () => {
    const answer = message(['Content-Type', 'text/html', 'X-Frame-Options', 'SAMEORIGIN', 'Referrer-Policy', 'unsafe-url']);
    expect(returnedHeaders(answer, ['x-frame-options', 'DENY', 'referrer-policy', 'no-referrer'])).toEqual([
      'Content-Type', 'text/html',
      'x-frame-options', 'DENY',
      'referrer-policy', 'no-referrer',
    ]);
  });
});

describe('privateSocketDir', () => {
  it('makes a directory only its owner can open, and removes those of processes that are gone', () => {
    const base = mkdtempSync(join(tmpdir(), 'nc-sockets-'));
    closers.push(() => rmSync(base, { recursive: true, force: true }));
    // A PID above the kernel's pid_max (4194304 at most) belongs to no process.
    const stale = join(base, 'namecheck-next-99999999-abc123');
    const live = join(base, `namecheck-next-${process.pid}-def456`);
    const unrelated = join(base, 'namecheck-srv-xyz');
    for (const dir of [stale, live, unrelated]) mkdirSync(dir);

    const dir = privateSocketDir(base);

    expect(dir.startsWith(join(base, `namecheck-next-${process.pid}-`))).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(live)).toBe(true);
    expect(existsSync(unrelated)).toBe(true);
  });
});

describe('proxyToNext', () => {
  /** An upstream "Next" on a Unix socket and a front server that proxies everything to it. */
  async function pair(upstream: Parameters<typeof createServer>[1] | null, slots?: NextSlots): Promise<{ port: number; socketPath: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'nc-proxy-'));
    const socketPath = join(dir, 'next.sock');
    const servers: Server[] = [];
    if (upstream) {
      const next = createServer(upstream);
      await new Promise<void>((resolve) => next.listen(socketPath, resolve));
      servers.push(next);
    }
    const target = nextTarget(socketPath, slots);
    const front = createServer((req, res) =>
      proxyToNext(target, req, res, { clientIp: '203.0.113.7', forwardedFor: '203.0.113.7', extra: ['x-request-id', 'rid-1'], rule: bodyRule(req.url!) }),
    );
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    servers.push(front);
    closers.push(() => {
      target.agent.destroy();
      for (const server of servers) server.close();
      rmSync(dir, { recursive: true, force: true });
    });
    return { port: (front.address() as { port: number }).port, socketPath };
  }

  function call(port: number, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
    return new Promise<{ status: number; headers: IncomingMessage['headers']; rawHeaders: string[]; body: string }>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', method, path, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, rawHeaders: res.rawHeaders, body: text }));
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  it('streams the request to Next and its answer back, with the client IP and the request id', async () => {
    const { port } = await pair((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        res.statusCode = 201;
        res.setHeader('set-cookie', ['a=1; Path=/', 'b=2; Path=/']);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ method: req.method, url: req.url, body, ip: req.headers[CLIENT_IP_HEADER], xff: req.headers['x-forwarded-for'] }));
      });
    });
    const answer = await call(port, 'POST', '/signup?x=1', 'hello body', { 'content-type': 'text/plain', [CLIENT_IP_HEADER]: '6.6.6.6' });
    expect(answer.status).toBe(201);
    expect(JSON.parse(answer.body)).toEqual({ method: 'POST', url: '/signup?x=1', body: 'hello body', ip: '203.0.113.7', xff: '203.0.113.7' });
    expect(answer.headers['set-cookie']).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    expect(answer.headers['x-request-id']).toBe('rid-1');
  });

  /** Sends raw bytes to the front server; resolves with everything it answered before closing. */
  function rawCall(port: number, bytes: string): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(bytes)); // the server closes: Connection: close, or HTTP/1.0
      let text = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
  }

  for (const [name, head] of [
    ['a chunked GET', 'Transfer-Encoding: chunked\r\n'],
    ['a GET whose Connection header lists Content-Length', 'Connection: Content-Length\r\nContent-Length: LENGTH\r\n'],
  ] as const) {
    it(`keeps the body of ${name} a body: no second request reaches Next with the client's headers`, async () => {
      const seen: { url: string; ip: string | undefined; body: string }[] = [];
      const { port } = await pair((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (chunk: string) => (body += chunk));
        req.on('end', () => {
          seen.push({ url: req.url!, ip: req.headers[CLIENT_IP_HEADER] as string | undefined, body });
          res.end('ok');
        });
      });
      const smuggled = `GET /admin HTTP/1.1\r\nHost: x\r\n${CLIENT_IP_HEADER}: 6.6.6.6\r\n\r\n`;
      const body = head.startsWith('Transfer') ? `${smuggled.length.toString(16)}\r\n${smuggled}\r\n0\r\n\r\n` : smuggled;
      const answer = await rawCall(port, `GET / HTTP/1.1\r\nHost: x\r\n${head.replace('LENGTH', String(smuggled.length))}Connection: close\r\n\r\n${body}`);
      expect(answer).toMatch(/^HTTP\/1\.1 200/);
      // Give a smuggled second request time to arrive, if the proxy let one through.
      await new Promise((r) => setTimeout(r, 100));
      expect(seen).toEqual([{ url: '/', ip: '203.0.113.7', body: smuggled }]);
    });
  }

  it('gives Next a Host when an HTTP/1.0 client sent none', async () => {
    const { port } = await pair((req, res) => res.end(`host=${req.headers.host}`));
    const answer = await rawCall(port, 'GET /api/health HTTP/1.0\r\n\r\n');
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).toContain('host=localhost');
  });

  it('stops quietly when the client leaves before Next has answered', async () => {
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
    closers.push(() => spy.mockRestore());
    let arrived!: () => void;
    const arrivedAtNext = new Promise<void>((resolve) => (arrived = resolve));
    let closed!: () => void;
    const closedAtNext = new Promise<void>((resolve) => (closed = resolve));
    const { port } = await pair((req) => {
      req.socket.on('close', closed); // never answers
      arrived();
    });
    const client = request({ port, host: '127.0.0.1', path: '/slow' });
    client.on('error', () => undefined);
    client.end();
    await arrivedAtNext;
    client.destroy();
    await closedAtNext;
    await new Promise((r) => setTimeout(r, 50));
    expect(errors).toEqual([]);
  });

  it('answers HEAD with headers and no body', async () => {
    const { port } = await pair((_req, res) => {
      res.setHeader('content-type', 'text/html');
      res.end('<html>page</html>');
    });
    const answer = await call(port, 'HEAD', '/');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('text/html');
    expect(answer.body).toBe('');
  });

  it('answers 503 problem+json when Next cannot be reached', async () => {
    const { port } = await pair(null);
    const answer = await call(port, 'GET', '/login');
    expect(answer.status).toBe(503);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.headers['x-request-id']).toBe('rid-1');
    expect(JSON.parse(answer.body)).toMatchObject({ status: 503 });
  });

  it("aborts Next's request when the client goes away", async () => {
    const errors: unknown[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
    closers.push(() => spy.mockRestore());
    let closedUpstream!: () => void;
    const upstreamClosed = new Promise<void>((resolve) => (closedUpstream = resolve));
    const { port } = await pair((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first part');
      res.on('close', closedUpstream); // never ends on its own
    });
    await new Promise<void>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', path: '/stream' }, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
      req.on('close', resolve);
      req.end();
      setTimeout(() => reject(new Error('no first chunk')), 5_000);
    });
    await upstreamClosed;
    // The aborted request to Next is ours, not a failure of Next: nothing is logged.
    expect(errors).toEqual([]);
  });

  it('cuts off a chunked body that grows past its limit: Next never gets all of it, the client gets a 413', async () => {
    let nextGot = -1;
    let nextAborted!: () => void;
    const aborted = new Promise<void>((resolve) => (nextAborted = resolve));
    const { port } = await pair((req) => {
      let size = 0;
      req.on('data', (chunk: Buffer) => (size += chunk.length));
      req.on('end', () => (nextGot = size));
      req.on('close', () => {
        if (!req.complete) nextAborted();
      });
    });
    const answer = await new Promise<{ status: number; type: string | undefined; body: string }>((resolve, reject) => {
      // /login: a page, 1 MiB; 3 MiB sent, so the rest is read and dropped and the 413 read in full
      const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/login', headers: { 'transfer-encoding': 'chunked', accept: 'text/html' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let sent = 0; sent < 3 * 1024 * 1024; sent += chunk.length) req.write(chunk);
      req.end();
    });
    expect(answer.status).toBe(413);
    expect(answer.type).toBe('text/html; charset=utf-8');
    expect(answer.body).toContain('larger than 1 MiB');
    await aborted;
    expect(nextGot).toBe(-1);
  });

  /** POSTs `mib` MiB chunked to /login and reads the whole answer. */
  function postChunked(port: number, mib: number) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/login', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let sent = 0; sent < mib * 1024 * 1024; sent += chunk.length) req.write(chunk);
      req.end();
    });
  }

  it('holds an answer Next gives before the body has arrived: a body past its limit still gets the 413', async () => {
    const { port } = await pair((_req, res) => res.end('the page, answered without reading the form'));
    expect(await postChunked(port, 3)).toMatchObject({ status: 413 });
    // Within the limit, the held answer goes out once the body is in.
    expect(await postChunked(port, 0.5)).toEqual({ status: 200, body: 'the page, answered without reading the form' });
  });

  it('serves requests without a body while uploads that stall hold their share of the sockets, and answers 503 to those that wait too long', async () => {
    const slots = new NextSlots({ sockets: 4, uploads: 2, waiting: 8, waitMs: 300 });
    const { port } = await pair((req, res) => {
      if (req.method === 'GET') return void res.end('page');
      req.resume(); // an upload: answered once its body has all arrived, which never happens
      req.on('end', () => res.end('uploaded'));
    }, slots);
    const stalled: ReturnType<typeof connect>[] = [];
    const answers: Promise<string>[] = [];
    for (let i = 0; i < 5; i++) {
      const socket = connect(port, '127.0.0.1', () => socket.write('POST /login HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\nab'));
      let text = '';
      socket.setEncoding('utf8');
      answers.push(new Promise((resolve) => {
        socket.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('\r\n\r\n')) resolve(text);
        });
        socket.on('close', () => resolve(text));
      }));
      stalled.push(socket);
    }
    closers.push(() => stalled.forEach((socket) => socket.destroy()));
    await new Promise((r) => setTimeout(r, 50));
    expect(slots.counts()).toMatchObject({ uploading: 2, waiting: 3 });
    const page = await call(port, 'GET', '/signup');
    expect(page).toMatchObject({ status: 200, body: 'page' });
    // The three that wait are answered 503 with Retry-After once their wait is over, after the rest
    // of their body (so that they can read the answer: refuseBody).
    for (const socket of stalled.slice(2)) socket.write('x'.repeat(998));
    const late = await Promise.all(answers.slice(2));
    for (const text of late) {
      expect(text).toMatch(/^HTTP\/1\.1 503/);
      expect(text.toLowerCase()).toContain('retry-after: 5');
    }
    for (const socket of stalled) socket.destroy();
    await new Promise((r) => setTimeout(r, 50));
  });
});
