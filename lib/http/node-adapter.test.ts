import { describe, expect, it } from 'vitest';
import { reachesApiWhenNormalised } from './node-adapter';

describe('reachesApiWhenNormalised', () => {
  it('finds targets outside /api that name an /api path once dot segments are resolved', () => {
    expect(reachesApiWhenNormalised('/x/../api/v1/iam/check-user-existence/')).toBe(true);
    expect(reachesApiWhenNormalised('/x/%2e%2e/api/v2/usernames/check/company/1/a')).toBe(true);
    expect(reachesApiWhenNormalised('/x/%2E%2E/api')).toBe(true);
    expect(reachesApiWhenNormalised('http://example.test/api/v1/iam/check-user-existence')).toBe(true);
  });

  it('leaves every other target to Next, without parsing ordinary paths', () => {
    for (const url of ['/signup', '/_next/static/chunks/a.js', '/a/./b', '/.well-known/security.txt', '/x/../signup', 'http://example.test/login', '/apis/x']) {
      expect(reachesApiWhenNormalised(url), url).toBe(false);
    }
  });
});
