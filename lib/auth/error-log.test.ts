import { afterEach, describe, expect, it, vi } from 'vitest';
import { authErrorLogger } from './error-log';

function authError(type: string, message: string): Error & { type: string } {
  return Object.assign(new Error(message), { name: type, type });
}

afterEach(() => vi.useRealTimers());

describe("Auth.js's errors in the log", () => {
  it('logs errors a client causes once per window, then how many more came', () => {
    vi.useFakeTimers();
    const lines: string[] = [];
    const log = authErrorLogger({ write: (line) => lines.push(line), windowMs: 60_000 });
    for (let i = 0; i < 1_000; i++) {
      log(authError('UnknownAction', `Cannot parse action at /api/auth/nope${i}`));
      log(new Error(`Provider with id "xyz${i}" not found. Available providers: [credentials, company].`));
      log(authError('MissingCSRF', 'CSRF token was missing during an action callback.'));
      log(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
    }
    expect(lines).toHaveLength(4);
    vi.advanceTimersByTime(60_000);
    expect(lines).toHaveLength(8);
    expect(lines.slice(4).sort()).toEqual([
      expect.stringMatching(/^\[auth\]\[error\] MissingCSRF: 999 more in the last 60 s/),
      expect.stringMatching(/^\[auth\]\[error\] RequestAborted: 999 more/),
      expect.stringMatching(/^\[auth\]\[error\] UnknownAction: 999 more/),
      expect.stringMatching(/^\[auth\]\[error\] UnknownProvider: 999 more/),
    ]);
    // A new window logs the first one in full again.
    log(authError('UnknownAction', 'Cannot parse action at /api/auth/again'));
    expect(lines.at(-1)).toBe('[auth][error] UnknownAction: Cannot parse action at /api/auth/again');
  });

  it('logs every other error each time, and wrong passwords never', () => {
    const lines: string[] = [];
    const log = authErrorLogger({ write: (line) => lines.push(line) });
    for (let i = 0; i < 5; i++) log(authError('CallbackRouteError', 'SQLITE_IOERR: disk I/O error'));
    log(authError('CredentialsSignin', 'Read more at https://errors.authjs.dev#credentialssignin'));
    expect(lines).toEqual(Array(5).fill('[auth][error] CallbackRouteError: SQLITE_IOERR: disk I/O error'));
  });

  it("shows the cause of a failure in our own code, which Auth.js wraps", () => {
    const lines: string[] = [];
    const log = authErrorLogger({ write: (line) => lines.push(line) });
    const wrapped = Object.assign(new Error('Read more at https://errors.authjs.dev#callbackrouteerror', { cause: { err: new Error('database is locked') } }), {
      type: 'CallbackRouteError',
    });
    log(wrapped);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[auth\]\[error\] CallbackRouteError: Read more[^\n]*\n\[auth\]\[cause\] Error: database is locked/);
  });
});
