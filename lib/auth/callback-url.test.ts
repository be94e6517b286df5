import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it.each([
    ['/account', '/account'],
    ['/admin?company=1#members', '/admin?company=1#members'],
    ['https://evil.example/', '/account'],
    ['//evil.example/path', '/account'],
    ['/\\evil.example', '/account'],
    ['\\\\evil.example', '/account'],
    ['javascript:alert(1)', '/account'],
    ['/ok\u0000', '/account'],
    ['', '/account'],
    [undefined, '/account'],
    [42, '/account'],
  ])('%j → %j', (input, expected) => {
    expect(safeCallbackUrl(input)).toBe(expected);
  });
});
