import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushRequestLog, logRequest } from './request-log';

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
