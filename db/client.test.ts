import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { databaseLabel, databasePath, databaseTarget, DatabaseUrlError, parseDatabaseUrl } from './client';

describe('DATABASE_URL', () => {
  it('defaults to ./data/namecheck.db', () => {
    expect(databasePath(undefined)).toBe(resolve('data/namecheck.db'));
    expect(databasePath('')).toBe(resolve('data/namecheck.db'));
    expect(parseDatabaseUrl('   ')).toEqual({ engine: 'sqlite', path: resolve('data/namecheck.db') });
  });

  it('takes file: URLs and plain paths as SQLite', () => {
    expect(databasePath('file:./x/y.db')).toBe(resolve('x/y.db'));
    expect(databasePath('file:///tmp/a b.db')).toBe('/tmp/a b.db');
    expect(databasePath('file:///tmp/a%20c.db')).toBe('/tmp/a c.db');
    expect(databasePath('file:./q.db?mode=rwc')).toBe(resolve('q.db'));
    expect(databasePath('/tmp/plain.db')).toBe('/tmp/plain.db');
    expect(databasePath('relative.db')).toBe(resolve('relative.db'));
    expect(databasePath(':memory:')).toBe(':memory:');
    expect(databasePath('file::memory:')).toBe(':memory:');
    // A path that holds a colon further on is still a path.
    expect(parseDatabaseUrl('./postgres:/x.db')).toEqual({ engine: 'sqlite', path: resolve('postgres:/x.db') });
    expect(parseDatabaseUrl('x.db', '/srv/app')).toEqual({ engine: 'sqlite', path: '/srv/app/x.db' });
  });

  it('takes postgres:// and postgresql:// as PostgreSQL, the URL kept whole', () => {
    expect(parseDatabaseUrl('postgres://nc:secret@db.internal:5432/namecheck')).toEqual({
      engine: 'postgres',
      url: 'postgres://nc:secret@db.internal:5432/namecheck',
    });
    expect(parseDatabaseUrl(' postgresql:///namecheck?host=/var/run/postgresql ')).toEqual({
      engine: 'postgres',
      url: 'postgresql:///namecheck?host=/var/run/postgresql',
    });
    expect(parseDatabaseUrl('POSTGRES://h/db')).toEqual({ engine: 'postgres', url: 'POSTGRES://h/db' });
    expect(() => parseDatabaseUrl('postgres:namecheck')).toThrow(/starts postgres:\/\//);
  });

  it('refuses any other scheme, naming the scheme and the accepted forms, never the rest of the URL', () => {
    for (const [url, scheme] of [
      ['mysql://root:hunter2@db/namecheck', 'mysql'],
      ['http://example.com/db', 'http'],
      ['sqlite:///tmp/x.db', 'sqlite'],
      ['redis://localhost', 'redis'],
      ['Postgress://typo/db', 'postgress'],
    ] as const) {
      let error: unknown;
      try {
        parseDatabaseUrl(url);
      } catch (e) {
        error = e;
      }
      expect(error, url).toBeInstanceOf(DatabaseUrlError);
      const message = (error as Error).message;
      expect(message).toContain(`"${scheme}:"`);
      expect(message).toMatch(/file:\.\/path\.db.*:memory:.*postgres:\/\/… or postgresql:\/\/…/);
      expect(message).not.toContain('hunter2');
      expect(message).not.toContain('\n');
    }
  });

  it('refuses a PostgreSQL URL where a SQLite file is needed', () => {
    expect(databaseTarget('postgres://h/db')).toEqual({ engine: 'postgres', url: 'postgres://h/db' });
    expect(() => databasePath('postgres://h/db')).toThrow(DatabaseUrlError);
    expect(() => databasePath('postgresql://h/db')).toThrow(/names PostgreSQL, which has no database file/);
  });

  it('labels a PostgreSQL URL without its password', () => {
    expect(databaseLabel({ engine: 'postgres', url: 'postgres://nc:hunter2@db:5432/namecheck' })).toBe('postgres://nc:***@db:5432/namecheck');
    expect(databaseLabel({ engine: 'sqlite', path: '/srv/x.db' })).toBe('/srv/x.db');
  });
});
