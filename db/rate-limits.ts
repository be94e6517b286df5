// Rate-limit counters shared by every instance, when the database is PostgreSQL: rate-limiter-flexible's
// PostgreSQL store, one atomic upsert per hit (INSERT … ON CONFLICT DO UPDATE … RETURNING points),
// in the table RATE_LIMIT_TABLE, which db/migrate.pg.ts creates under the migration lock (the
// library's table: key, points, expire). An in-memory insurance limiter counts while the database does
// not answer, so that an outage neither lifts every limit nor turns them into 500s. On SQLite (one
// process, one machine) the counters stay in memory: null here.
import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { getConnection } from './client';

export const RATE_LIMIT_TABLE = 'rate_limits';

export const RATE_LIMIT_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "${RATE_LIMIT_TABLE}" (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
)`;

/** A limiter whose counts every instance shares, or null when the engine is SQLite. */
export function sharedLimiter(options: { keyPrefix: string; points: number; durationSeconds: number }): RateLimiterAbstract | null {
  const connection = getConnection();
  if (connection.engine !== 'postgres') return null;
  return new RateLimiterPostgres({
    storeClient: connection.pool,
    storeType: 'pool',
    tableName: RATE_LIMIT_TABLE,
    tableCreated: true,
    keyPrefix: options.keyPrefix,
    points: options.points,
    duration: options.durationSeconds,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: options.keyPrefix, points: options.points, duration: options.durationSeconds }),
  });
}
