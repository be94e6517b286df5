import { HttpError } from '@/lib/http/problem';

/**
 * A request body of at most `limit` bytes: refused (413) from Content-Length when it says more, or
 * as soon as more arrives, without reading the rest.
 */
export async function readBodyUpTo(
  request: Request,
  limit: number,
  tooLarge: (limit: number) => HttpError = bodyTooLarge,
): Promise<Buffer> {
  if (Number(request.headers.get('content-length')) > limit) throw tooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function bodyTooLarge(limit: number): HttpError {
  const size = limit >= 1024 * 1024 ? `${Math.round(limit / (1024 * 1024))} MiB` : `${Math.round(limit / 1024)} KiB`;
  return new HttpError('payload_too_large', `The body is larger than ${size}.`);
}
