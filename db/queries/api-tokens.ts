// API tokens: only a token's SHA-256 is stored. The lookup by hash is on every v2 check's path, so it
// is a prepared statement of its own (docs/decisions: raw SQL beside Drizzle).
import type { Statement } from 'better-sqlite3';
import { desc, eq } from 'drizzle-orm';
import { getConnection, getDb, type Sqlite } from '@/db/client';
import { whileUnchanged } from '@/db/change-cache';
import { apiTokens, type ApiToken } from '@/db/schema';

export type { ApiToken };

export interface NewApiToken {
  tokenHash: string;
  prefix: string;
  scope: 'platform' | 'company';
  companyId: number | null;
  name: string;
  createdBy: number | null;
  expiresAt: Date | null;
}

export function insertApiToken(row: NewApiToken): { id: number } {
  return getDb().insert(apiTokens).values(row).returning({ id: apiTokens.id }).get();
}

export function findApiTokenById(id: number): ApiToken | undefined {
  return getDb().select().from(apiTokens).where(eq(apiTokens.id, id)).get();
}

export function markApiTokenRevoked(id: number, at: Date): void {
  getDb().update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id)).run();
}

export type ApiTokenListing = Pick<ApiToken, 'id' | 'prefix' | 'name' | 'createdAt' | 'lastUsedAt' | 'revokedAt' | 'expiresAt'>;

const listing = {
  id: apiTokens.id,
  prefix: apiTokens.prefix,
  name: apiTokens.name,
  createdAt: apiTokens.createdAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
  expiresAt: apiTokens.expiresAt,
};

/** A company's tokens, newest first (never the tokens themselves, which are not stored). */
export function listCompanyApiTokens(companyId: number): ApiTokenListing[] {
  return getDb().select(listing).from(apiTokens).where(eq(apiTokens.companyId, companyId)).orderBy(desc(apiTokens.id)).all();
}

/** The platform tokens (every company's checks), newest first. */
export function listPlatformApiTokens(): ApiTokenListing[] {
  return getDb().select(listing).from(apiTokens).where(eq(apiTokens.scope, 'platform')).orderBy(desc(apiTokens.id)).all();
}

/** What a live token's hash stands for: its id, scope and expiry (ms since the epoch, or null for never). */
export interface LiveApiToken {
  id: number;
  scope: 'platform' | 'company';
  companyId: number | null;
  expiresAt: number | null;
}

interface TokenStatements {
  byHash: Statement<[string], { id: number; scope: 'platform' | 'company'; company_id: number | null; revoked_at: number | null; expires_at: number | null }>;
  touch: Statement<[number, number, number]>;
}
const statements = new WeakMap<Sqlite, TokenStatements>();

function prepared(sqlite: Sqlite): TokenStatements {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      byHash: sqlite.prepare('SELECT id, scope, company_id, revoked_at, expires_at FROM api_tokens WHERE token_hash = ?'),
      touch: sqlite.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)'),
    };
    statements.set(sqlite, s);
  }
  return s;
}

/**
 * The live (not revoked) token presented as `token`, whose stored hash is `hash(token)`, or null.
 * What the database says is kept, by presented value, only while nothing has been written to it
 * (`whileUnchanged`), so a revocation by any process counts on the next request, and a repeated token
 * costs no hashing. The answer is frozen: it is shared by every request until the next write.
 * Expiry is not decided here: it needs no write to happen, so the answer carries `expiresAt` and the
 * caller compares it with its clock on every request (lib/api-tokens.ts authenticateToken).
 */
export function findLiveApiToken(token: string, hash: (token: string) => string): LiveApiToken | null {
  const { sqlite } = getConnection();
  const s = prepared(sqlite);
  return whileUnchanged(
    'api-token',
    token,
    () => {
      const row = s.byHash.get(hash(token));
      if (!row || row.revoked_at !== null) return null;
      return Object.freeze({ id: row.id, scope: row.scope, companyId: row.company_id, expiresAt: row.expires_at });
    },
    sqlite,
  );
}

/** Records a use (at most once per `intervalMs` per token); best effort: a busy or read-only database is no error. */
export function touchApiToken(id: number, now: number, intervalMs: number): void {
  try {
    prepared(getConnection().sqlite).touch.run(now, id, now - intervalMs);
  } catch {
    // last_used_at must never fail a check.
  }
}
