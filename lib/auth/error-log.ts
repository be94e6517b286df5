// What Auth.js's errors become in the log. Auth.js logs one error for every request it cannot serve;
// those a client causes on purpose or by accident (an action that does not exist, a provider that
// does not exist, a missing CSRF token, a session cookie that does not decode, a body that never all
// came) would let anyone fill
// the logs with one request each. They are aggregated: the first of each kind in a window is logged
// in full, and one line at the end of the window says how many more came. Every other error (a
// failure of ours, such as a database error in a sign-in) is logged each time.

/** Auth.js error types that a request causes, not a fault of the server. */
const REQUEST_CAUSED = new Set(['UnknownAction', 'InvalidProvider', 'MissingCSRF', 'InvalidCallbackUrl', 'JWTSessionError']);
// Auth.js throws a plain Error, with no type, for a provider id it does not know (`/callback/xyz`).
const UNKNOWN_PROVIDER = /^Provider with id ".*" not found/;
// node:http's error for a request whose body never all came: the client left, or server.ts cut
// off a body over its limit (lib/server/next-proxy.ts) after Auth.js had begun to read it.
const ABORTED = 'aborted';

/** A wrong password is an answer, not an error: not logged at all. */
function isWrongPassword(error: Error & { type?: string }): boolean {
  return error.type === 'CredentialsSignin' || error.name === 'CredentialsSignin';
}

function kindOf(error: Error & { type?: string }): string {
  return error.type ?? error.name;
}

export function isRequestCaused(error: Error & { type?: string }): boolean {
  return REQUEST_CAUSED.has(kindOf(error)) || UNKNOWN_PROVIDER.test(error.message) || error.message === ABORTED;
}

/** The name a request-caused error is counted under. */
function countedKind(error: Error & { type?: string }): string {
  if (UNKNOWN_PROVIDER.test(error.message)) return 'UnknownProvider';
  if (error.message === ABORTED) return 'RequestAborted';
  return kindOf(error);
}

export interface AuthErrorLogOptions {
  write?: (line: string) => void;
  windowMs?: number;
}

/** Auth.js's `logger.error`: request-caused errors aggregated per window, the others one line each. */
export function authErrorLogger({ write = (line) => console.error(line), windowMs = 60_000 }: AuthErrorLogOptions = {}) {
  // kind → how many came after the one logged in full, in the current window
  const more = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  function endWindow(): void {
    timer = undefined;
    for (const [kind, count] of more) {
      if (count > 0) write(`[auth][error] ${kind}: ${count} more in the last ${windowMs / 1000} s (request errors are logged once per window)`);
    }
    more.clear();
  }

  return function error(error: Error & { type?: string }): void {
    if (isWrongPassword(error)) return;
    const line = `[auth][error] ${kindOf(error)}: ${error.message}`;
    if (!isRequestCaused(error)) {
      // Auth.js wraps what our own code threw (in `authorize`, say) as `cause.err`: that is the error.
      const cause = (error.cause as { err?: unknown } | undefined)?.err;
      return write(cause instanceof Error ? `${line}\n[auth][cause] ${cause.stack ?? cause.message}` : line);
    }
    const kind = countedKind(error);
    const count = more.get(kind);
    if (count === undefined) {
      more.set(kind, 0);
      write(line);
    } else {
      more.set(kind, count + 1);
    }
    timer ??= setTimeout(endWindow, windowMs).unref();
  };
}
