import { describe, expect, it } from 'vitest';
import { readBodyUpTo, readTextBody } from './body';
import { HttpError, payloadTooLarge } from './problem';
import { MAX_BODY_BYTES, readJsonObject } from './request';

async function refusal(work: () => unknown): Promise<HttpError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('not refused');
}

/** A body of `size` bytes sent in 1 KiB chunks, with no Content-Length. */
function streamed(size: number): Request {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      const chunk = new Uint8Array(Math.min(1024, size - sent)).fill(0x61);
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return new Request('http://namecheck.test/admin/companies/1/import/preview', { method: 'POST', body, duplex: 'half' } as RequestInit);
}

describe('every body reader refuses with the one 413', () => {
  it('the route handlers’ reader, from a growing body, naming its limit', async () => {
    const limit = 8 * 1024;
    const error = await refusal(() => readTextBody(streamed(limit + 1), limit));
    expect(error.toBody()).toEqual(payloadTooLarge(limit).toBody());
    expect(error.message).toBe('The body is larger than 8 KiB.');
    expect(await readTextBody(streamed(limit), limit)).toBe('a'.repeat(limit));
  });

  it('the route handlers’ reader, from a declared Content-Length, before reading', async () => {
    const request = new Request('http://namecheck.test/x', { method: 'POST', body: 'abc', headers: { 'content-length': String(64 * 1024 * 1024) } });
    const error = await refusal(() => readBodyUpTo(request, 32 * 1024 * 1024));
    expect(error.toBody()).toEqual(payloadTooLarge(32 * 1024 * 1024).toBody());
    expect(request.bodyUsed).toBe(false);
  });

  it('the API’s JSON reader', async () => {
    const body = Buffer.alloc(MAX_BODY_BYTES + 1, 0x61);
    const error = await refusal(() =>
      readJsonObject({ method: 'POST', path: '/api/v1/iam/register', headers: { 'content-type': 'application/json' }, body, clientIp: '192.0.2.1' }),
    );
    expect(error.toBody()).toEqual(payloadTooLarge(MAX_BODY_BYTES).toBody());
  });
});
