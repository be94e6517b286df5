import { payloadTooLarge } from '@/lib/http/problem';

// Bodies of the Next route handlers (CSV import). The /api bodies are read by server.ts itself
// (lib/http/node-adapter.ts), with the same 413.

/**
 * A request body of at most `limit` bytes: refused (413) from Content-Length when it says more, or
 * as soon as more arrives, without reading the rest.
 */
export async function readBodyUpTo(request: Request, limit: number): Promise<Buffer> {
  if (Number(request.headers.get('content-length')) > limit) throw payloadTooLarge(limit);
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
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The body as UTF-8 text (invalid bytes become U+FFFD), refusing more than `limit` bytes. */
export async function readTextBody(request: Request, limit: number): Promise<string> {
  const bytes = await readBodyUpTo(request, limit);
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
