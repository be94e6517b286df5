import { methodNotAllowed, noApiEndpoint, problemResponse, toWebResponse } from '@/lib/http/problem';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
type Method = (typeof METHODS)[number];
type Handler = () => Response;

/** Handlers for the methods a route does not serve: 405 problem+json with `Allow`. */
export function otherMethods(allow: readonly string[]): Record<Method, Handler> {
  const answer = () => toWebResponse(problemResponse(methodNotAllowed(allow)));
  return Object.fromEntries(METHODS.map((m) => [m, answer])) as Record<Method, Handler>;
}

/** Every method of an unknown /api path: 404 problem+json. */
export function notFoundHandlers(): Record<Method, Handler> {
  const answer = () => toWebResponse(problemResponse(noApiEndpoint()));
  return Object.fromEntries(METHODS.map((m) => [m, answer])) as Record<Method, Handler>;
}
