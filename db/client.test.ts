import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databasePath } from './client';

describe('DATABASE_URL', () => {
  it('defaults to ./data/namecheck.db', () => {
    expect(databasePath(undefined)).toBe(resolve('data/namecheck.db'));
    expect(databasePath('')).toBe(resolve('data/namecheck.db'));
  });
  it('takes file: URLs and plain paths', () => {
    expect(databasePath('file:./x/y.db')).toBe(resolve('x/y.db'));
    expect(databasePath('file:///tmp/a b.db')).toBe('/tmp/a b.db');
    expect(databasePath('/tmp/plain.db')).toBe('/tmp/plain.db');
    expect(databasePath('relative.db')).toBe(resolve('relative.db'));
    expect(databasePath(':memory:')).toBe(':memory:');
  });
});
