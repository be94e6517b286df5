import { describe, expect, it } from 'vitest';
import { BODY_LIMITS, bodyRule, drainedUpTo, refusal, tooLargeAnswer } from '@/lib/http/body-limits';
import { HttpError } from '@/lib/http/problem';

const KiB = 1024;
const MiB = 1024 * 1024;

describe('bodyRule: the one table of body limits', () => {
  it.each([
    ['/api/v1/iam/check-user-existence/', 16 * KiB, 'problem'],
    ['/api/v1/iam/check-user-existence', 16 * KiB, 'problem'],
    ['/api/v1/iam/register/', 16 * KiB, 'problem'],
    ['/api/v2/usernames/check/company/1/FB1234', 16 * KiB, 'problem'],
    ['/api/v2/usernames/check/company/1', 256 * KiB, 'problem'],
    ['/api/v2/usernames/check/company/1/', 256 * KiB, 'problem'],
    ['/admin/companies/7/import/preview', 32 * MiB, 'problem'],
    ['/admin/companies/7/import/apply', 32 * MiB, 'problem'],
    ['/api/auth/callback/credentials', MiB, 'problem'],
    ['/api/health', MiB, 'problem'],
    ['/login', MiB, 'page'],
    ['/signup', MiB, 'page'],
    ['/account', MiB, 'page'],
    ['/setup/abc', MiB, 'page'],
    ['/', MiB, 'page'],
    // Spellings the table does not know get the default, never a larger limit.
    ['/admin/companies/7/import/apply/extra', MiB, 'page'],
    ['/admin/companies/7/import/../import/apply', MiB, 'page'],
    ['/admin//companies/7/import/apply', MiB, 'page'],
  ])('%s: %d bytes, refused as %s', (path, limit, answer) => {
    expect(bodyRule(path)).toMatchObject({ limit, answer });
  });

  it('has a row for every path, the last one', () => {
    expect(BODY_LIMITS.at(-1)!.matches('/anything/at/all')).toBe(true);
    expect(Math.max(...BODY_LIMITS.map((rule) => rule.limit))).toBe(32 * MiB);
  });
});

describe('drainedUpTo', () => {
  it('reads a refused body up to 4 MiB, or 1 MiB past a larger limit', () => {
    expect(drainedUpTo(16 * KiB)).toBe(4 * MiB);
    expect(drainedUpTo(MiB)).toBe(4 * MiB);
    expect(drainedUpTo(32 * MiB)).toBe(33 * MiB);
  });
});

describe('refusal', () => {
  it('is problem+json for the API and the CSV import', () => {
    const answer = tooLargeAnswer(bodyRule('/admin/companies/1/import/apply'));
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 413, detail: 'The body is larger than 32 MiB.' });
  });

  it('is a short HTML page for pages, with the same status and headers', () => {
    const answer = tooLargeAnswer(bodyRule('/login'));
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(answer.body).toContain('<title>413 Payload Too Large</title>');
    expect(answer.body).toContain('The body is larger than 1 MiB.');
    const busy = refusal(bodyRule('/login'), new HttpError('unavailable', 'Busy <now>.', { headers: { 'retry-after': '5' } }));
    expect(busy).toMatchObject({ status: 503, headers: { 'retry-after': '5' } });
    expect(busy.body).toContain('Busy &#60;now&#62;.');
  });
});
