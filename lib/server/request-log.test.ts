import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushRequestLog, logRequest, redactSecrets, SECRET_PATH_SEGMENTS } from '@/lib/server/request-log';

afterEach(() => vi.restoreAllMocks());

function logged(url: string): Record<string, unknown> {
  const writes: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    writes.push(String(chunk));
    return true;
  });
  logRequest({ method: 'GET', url } as IncomingMessage, { statusCode: 404 } as ServerResponse, 1.23456, 'id-1');
  flushRequestLog();
  expect(writes).toHaveLength(1);
  const lines = writes[0]!.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, unknown>;
}

describe('request log lines', () => {
  it('are one JSON object per request, with the path but never the query string', () => {
    const line = logged('/api/v2/usernames/check/company/1/bob?token=secret');
    expect(line).toEqual({
      t: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      requestId: 'id-1',
      method: 'GET',
      path: '/api/v2/usernames/check/company/1/bob',
      status: 404,
      ms: 1.23,
    });
  });

  it('stay valid JSON whatever the path holds', () => {
    for (const path of ['/a"b', '/a\\b', '/\u0001\u007f', '/ü/日本', '/%22%5C']) {
      expect(logged(path).path).toBe(path);
    }
  });
});

describe('secrets in the path', () => {
  const token = 'Zx8-secretTOKEN_value42';

  it.each([
    // the setup link's page (GET) and its form (POST to the same path, as a server action does)
    ['GET', `/setup/${token}`, '/setup/[redacted]'],
    ['POST', `/setup/${token}`, '/setup/[redacted]'],
    ['GET', `/setup/${token}?_rsc=abc`, '/setup/[redacted]'],
    ['GET', `/reset/${token}`, '/reset/[redacted]'],
    ['POST', `/verify/${token}/`, '/verify/[redacted]'],
    // wherever the segment is, however it is written
    ['GET', `/x/../setup/${token}`, '/x/../setup/[redacted]'],
    ['GET', `//setup//${token}`, '//setup/[redacted]'],
    ['GET', `/SETUP/${token}`, '/SETUP/[redacted]'],
    ['GET', `/%73etup/${token}`, '/%73etup/[redacted]'],
    ['GET', `/setup%2F${token}`, '/setup/[redacted]'],
    ['GET', `/setup\\${token}`, '/setup/[redacted]'],
    ['GET', `/setup/${token}/more/${token}`, '/setup/[redacted]'],
  ])('%s %s is logged as %s', (method, url, path) => {
    const writes: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    logRequest({ method, url } as IncomingMessage, { statusCode: 200 } as ServerResponse, 1, 'id-2');
    flushRequestLog();
    expect(writes.join('')).not.toContain(token);
    expect(JSON.parse(writes.join('')).path).toBe(path);
  });

  it('leaves other paths as they are', () => {
    for (const path of ['/signup', '/setup', '/api/v1/iam/check-user-existence/', '/api/v2/usernames/check/company/1/r%C3%A9setup', '/settings/x']) {
      expect(redactSecrets(path)).toBe(path);
    }
  });

  it('knows the setup, reset and verification links', () => {
    expect(SECRET_PATH_SEGMENTS).toEqual(expect.arrayContaining(['setup', 'reset', 'verify']));
  });
});

describe('a log reader that falls behind', () => {
  it('costs at most about 1 MiB of waiting lines; the dropped lines are counted once it catches up', async () => {
    const { Writable } = await import('node:stream');
    const { setRequestLogOutput } = await import('@/lib/server/request-log');
    const written: string[] = [];
    let release: (() => void) | null = null;
    // A reader that takes the first chunk and then stalls until released.
    const stalled = new Writable({
      highWaterMark: 16 * 1024,
      write(chunk: Buffer, _encoding, callback) {
        written.push(chunk.toString());
        if (written.length === 1) release = callback;
        else callback();
      },
    });
    setRequestLogOutput(stalled);
    try {
      const req = { method: 'GET', url: '/api/health' } as IncomingMessage;
      const res = { statusCode: 200 } as ServerResponse;
      // About 5 MiB of lines, and among them lines too long for the buffer, written by themselves.
      const long = { method: 'GET', url: `/${'a'.repeat(30_000)}` } as IncomingMessage;
      for (let i = 0; i < 40_000; i++) logRequest(i % 2000 === 0 ? long : req, res, 1, `id-${i}`);
      flushRequestLog();
      expect(stalled.writableLength).toBeLessThan(1.2 * 1024 * 1024);
      release!();
      await new Promise((resolve) => setImmediate(resolve));
      logRequest(req, res, 1, 'after');
      flushRequestLog();
      const lines = written.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      const note = lines.find((line) => 'droppedLogLines' in line);
      expect(note?.droppedLogLines).toBeGreaterThan(0);
      expect(lines.filter((line) => 'requestId' in line).length + Number(note!.droppedLogLines)).toBe(40_001);
      expect(lines.at(-1)?.requestId).toBe('after');
    } finally {
      setRequestLogOutput(process.stdout);
    }
  });
});
