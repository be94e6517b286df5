import type { IncomingMessage, ServerResponse } from 'node:http';

export type NextRequestHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/**
 * Runs Next's request handler (in server.ts's thread under `--dev`, in next-worker.ts otherwise).
 * If it fails, the error is logged and the client gets a bare 500, or, when the answer had already
 * begun, a closed connection rather than one left hanging.
 */
export function runNextHandler(handle: NextRequestHandler, req: IncomingMessage, res: ServerResponse): void {
  handle(req, res).catch((error: unknown) => {
    console.error('[namecheck] request failed', error);
    if (!res.headersSent) {
      res.statusCode = 500;
      res.end();
    } else {
      res.destroy();
    }
  });
}
