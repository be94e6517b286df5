import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it.each([
    ['/account', '/account'],
    ['/admin?company=1#members', '/admin?company=1#members'],
    ['/a/./b/../c', '/a/c'],
    ['https://evil.example/', '/account'],
    ['//evil.example/path', '/account'],
    ['/\\evil.example', '/account'],
    ['\\\\evil.example', '/account'],
    ['/.//evil.example', '/account'],
    ['/..//evil.example', '/account'],
    ['/x/..//evil.example/p', '/account'],
    ['/%2e//evil.example', '/account'],
    ['/%2E%2E//evil.example', '/account'],
    ['javascript:alert(1)', '/account'],
    ['/ok\u0000', '/account'],
    ['', '/account'],
    [undefined, '/account'],
    [42, '/account'],
  ])('%j → %j', (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });

  // Pieces that URL parsing treats specially, so that generated inputs often hit dot segments,
  // doubled slashes, encoded dots and slashes, backslashes, schemes and authorities.
  const piece = fc.constantFrom('/', '//', '.', '..', '%2e', '%2E', '%2f', '%5c', '\\', '@', ':', '?', '#', 'evil.example', 'a', 'http:', ' ', '\t', '%00');
  const input = fc.oneof(fc.string(), fc.array(piece, { maxLength: 12 }).map((parts) => parts.join('')), fc.webUrl(), fc.webPath());

  it('never yields anything but a path on this site, whatever the input', () => {
    fc.assert(
      fc.property(input, (value) => {
        const result = safeCallbackUrl(value);
        expect(result.startsWith('/')).toBe(true);
        expect(result.startsWith('//')).toBe(false);
        expect(result).not.toMatch(/[\u0000-\u001f\u007f\\]/);
        // Resolved against any origin, it stays on that origin.
        for (const base of ['http://namecheck.invalid', 'https://other.invalid:8443']) {
          expect(new URL(result, base).origin).toBe(new URL(base).origin);
        }
        // Safe answers are stable: asking again changes nothing.
        expect(safeCallbackUrl(result)).toBe(result);
      }),
      { numRuns: 5_000 },
    );
  });
});
