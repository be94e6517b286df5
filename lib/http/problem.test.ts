import { describe, expect, it, vi } from 'vitest';
import { HttpError, methodNotAllowed, payloadTooLarge, PROBLEM_CODES, PROBLEMS, problemAnchor, problemResponse, problemType } from './problem';

describe('problem responses', () => {
  it('turns an HttpError into RFC 9457 problem+json', () => {
    const res = problemResponse(new HttpError('validation_error', 'Username is too short.', { errors: { username: ['Use at least 3 characters.'] } }));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(res.body)).toEqual({
      type: '/docs#problem-validation-error',
      title: 'Invalid request',
      status: 400,
      detail: 'Username is too short.',
      errors: { username: ['Use at least 3 characters.'] },
    });
  });

  it('never sends an unknown error’s message, stack or SQL to the caller', () => {
    const log = vi.fn();
    const secret = new Error('SELECT * FROM users WHERE password_hash = ? at /srv/app/db.ts:10');
    const res = problemResponse(secret, log);
    expect(res.status).toBe(500);
    expect(res.body).not.toContain('SELECT');
    expect(res.body).not.toContain('/srv');
    expect(JSON.parse(res.body)).toMatchObject({ status: 500, title: 'Internal Server Error' });
    expect(log).toHaveBeenCalledWith(secret);
  });

  it('answers a full or read-only database with 503 and Retry-After', () => {
    const error = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
    const res = problemResponse(error, () => {});
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.body).not.toContain('disk is full');
  });

  it('405 carries Allow', () => {
    const res = problemResponse(methodNotAllowed(['GET', 'POST']));
    expect(res.status).toBe(405);
    expect(res.headers['allow']).toBe('GET, POST');
  });

  it('extra headers and extensions pass through', () => {
    const res = problemResponse(new HttpError('rate_limited', 'Slow down.', { headers: { 'retry-after': '7' }, extensions: { reason: 'x' } }));
    expect(res.headers['retry-after']).toBe('7');
    expect(JSON.parse(res.body).reason).toBe('x');
  });
});

describe('problemType: the one place a problem type URI is built', () => {
  it('keeps the URIs callers already match on', () => {
    expect(problemType('rate_limited')).toBe('/docs#problem-rate-limited');
    expect(problemType('validation_error')).toBe('/docs#problem-validation-error');
    expect(problemType('payload_too_large')).toBe('/docs#problem-payload-too-large');
    expect(problemAnchor('method_not_allowed')).toBe('problem-method-not-allowed');
  });

  it('is what every answer carries, a /docs anchor, one per code', () => {
    for (const code of PROBLEM_CODES) {
      const body = JSON.parse(problemResponse(new HttpError(code, 'x')).body);
      expect(body.type).toBe(problemType(code));
      expect(body.type).toBe(`/docs#${problemAnchor(code)}`);
      expect(body.title).toBe(PROBLEMS[code].title);
    }
    expect(new Set(PROBLEM_CODES.map(problemType)).size).toBe(Object.keys(PROBLEMS).length);
  });
});

describe('payloadTooLarge: the one 413', () => {
  it('names the limit of the route that refused the body', () => {
    for (const [limit, detail] of [
      [16 * 1024, 'The body is larger than 16 KiB.'],
      [256 * 1024, 'The body is larger than 256 KiB.'],
      [1024 * 1024, 'The body is larger than 1 MiB.'],
      [32 * 1024 * 1024, 'The body is larger than 32 MiB.'],
      [1500, 'The body is larger than 1500 bytes.'],
    ] as const) {
      const res = problemResponse(payloadTooLarge(limit));
      expect(res.status).toBe(413);
      expect(JSON.parse(res.body)).toEqual({ type: '/docs#problem-payload-too-large', title: 'Payload Too Large', status: 413, detail });
    }
  });
});
