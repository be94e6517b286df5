import type { EndpointCore } from '@/lib/api/endpoints';
import { runEndpoint } from '@/lib/api/endpoints';
import { CLIENT_IP_HEADER } from '@/lib/http/client-ip';
import { MAX_BODY_BYTES, type PlainRequest } from '@/lib/http/request';
import { readBodyUpTo } from '@/lib/http/body';
import { problemResponse, toWebResponse } from '@/lib/http/problem';

/**
 * A documented endpoint as a Next route handler (used by `next dev` tooling and any path server.ts
 * does not take itself): the same core, behind Web Request/Response objects.
 */
export function nextHandler(core: EndpointCore): (request: Request) => Promise<Response> {
  return async (request) => {
    let body: Buffer | null = null;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      try {
        body = await readBodyUpTo(request, MAX_BODY_BYTES);
      } catch (error) {
        return toWebResponse(problemResponse(error));
      }
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
