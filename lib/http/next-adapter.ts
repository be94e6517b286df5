import type { EndpointCore } from '@/lib/api/endpoints';
import { runEndpoint } from '@/lib/api/endpoints';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { MAX_BODY_BYTES, type PlainRequest } from '@/lib/http/plain';
import { HttpError, problemResponse, toWebResponse } from '@/lib/http/problem';

/** Reads at most MAX_BODY_BYTES + 1 bytes, so an oversized body is refused without reading all of it. */
async function boundedBody(request: Request): Promise<Buffer | 'too-large' | null> {
  if (!request.body) return null;
  if (Number(request.headers.get('content-length')) > MAX_BODY_BYTES) return 'too-large';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      return 'too-large';
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/**
 * A documented endpoint as a Next route handler (used by `next dev` tooling and any path server.ts
 * does not take itself): the same core, behind Web Request/Response objects.
 */
export function nextHandler(core: EndpointCore): (request: Request) => Promise<Response> {
  return async (request) => {
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : await boundedBody(request);
    if (body === 'too-large') {
      return toWebResponse(problemResponse(new HttpError('payload_too_large', `The body is larger than ${MAX_BODY_BYTES / 1024} KiB.`)));
    }
    const url = request.url;
    const pathStart = url.indexOf('/', url.indexOf('//') + 2);
    const q = url.indexOf('?', pathStart);
    const plain: PlainRequest = {
      method: request.method,
      path: url.slice(pathStart, q === -1 ? undefined : q),
      headers: Object.fromEntries(request.headers),
      body,
      clientIp: request.headers.get(CLIENT_IP_HEADER) ?? 'unknown',
    };
    return toWebResponse(await runEndpoint(core, plain));
  };
}
