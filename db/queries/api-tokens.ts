// API tokens: only a token's SHA-256 is stored. The lookup by hash is on every v2 check's path, so it
// is a statement of its own on each engine (docs/decisions: raw SQL beside Drizzle).
import type { Statement } from 'better-sqlite3';
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { first, getConnection, getDb, one, turnReader, type Sqlite } from '@/db/client';
import { whileUnchanged } from '@/db/change-cache';
import { writeTransaction } from '@/db/transactions';
import { apiTokens } from '@/db/tables';
import type { ApiToken } from '@/db/schema';

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

export async function insertApiToken(row: NewApiToken): Promise<{ id: number }> {
  return getDb().insert(apiTokens).values(row).returning({ id: apiTokens.id }).then(one);
}

export async function findApiTokenById(id: number): Promise<ApiToken | undefined> {
  return getDb().select().from(apiTokens).where(eq(apiTokens.id, id)).then(first);
}

export async function markApiTokenRevoked(id: number, at: Date): Promise<void> {
  await getDb().update(apiTokens).set({ revokedAt: at }).where(eq(apiTokens.id, id));
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
export async function listCompanyApiTokens(companyId: number): Promise<ApiTokenListing[]> {
  return getDb().select(listing).from(apiTokens).where(eq(apiTokens.companyId, companyId)).orderBy(desc(apiTokens.id));
}

/** The platform tokens (every company's checks), newest first. */
export async function listPlatformApiTokens(): Promise<ApiTokenListing[]> {
  return getDb().select(listing).from(apiTokens).where(eq(apiTokens.scope, 'platform')).orderBy(desc(apiTokens.id));
}

/** What a live token's hash stands for: its id, scope and expiry (ms since the epoch, or null for never). */
export interface LiveApiToken {
  id: number;
  scope: 'platform' | 'company';
  companyId: number | null;
  expiresAt: number | null;
}

export interface TokenRow {
  id: number | string;
  scope: 'platform' | 'company';
  company_id: number | string | null;
  revoked_at: number | Date | null;
  expires_at: number | Date | null;
}

/** The columns a token is judged by; db/queries/company-check.ts reads them too. */
export const TOKEN_COLUMNS = 'id, scope, company_id, revoked_at, expires_at';
const BY_HASH = `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = `;
const byHash = new WeakMap<Sqlite, Statement<[string], TokenRow>>();

/** A stored token as the checks see it: null when there is none or it is revoked. */
export function live(row: TokenRow | undefined): LiveApiToken | null {
  if (!row || row.revoked_at !== null) return null;
  const expiresAt = row.expires_at === null ? null : Number(row.expires_at instanceof Date ? row.expires_at.getTime() : row.expires_at);
  return Object.freeze({ id: Number(row.id), scope: row.scope, companyId: row.company_id === null ? null : Number(row.company_id), expiresAt });
}

/**
 * The live (not revoked) token presented as `token`, whose stored hash is `hash(token)`, or null.
 * Expiry is not decided here: the answer carries `expiresAt` and the caller compares it with its
 * clock on every request (lib/api-tokens.ts authenticateToken).
 * SQLite: what the database says is kept, by presented value, only while nothing has been written to
 * it (`whileUnchanged`), so a revocation by any process counts on the next request, and a repeated
 * token costs no hashing. The answer is frozen: it is shared by every request until the next write.
 * PostgreSQL: read with every request, by the unique index on the hash (a revocation through another
 * instance or the CLI counts on the next request everywhere; no cache could know of it in time).
 */
export async function findLiveApiToken(token: string, hash: (token: string) => string): Promise<LiveApiToken | null> {
  const connection = getConnection();
  if (connection.engine === 'postgres') {
    const result = await connection.pool.query<TokenRow>({ name: 'api-token-by-hash', text: `${BY_HASH}$1`, values: [hash(token)] });
    return live(result.rows[0]);
  }
  const reader = turnReader(connection);
  let statement = byHash.get(reader);
  if (!statement) {
    statement = reader.prepare<[string], TokenRow>(`${BY_HASH}?`);
    byHash.set(reader, statement);
  }
  const s = statement;
  return whileUnchanged('api-token', token, () => live(s.get(hash(token))), reader);
}

/** Records a use (at most once per `intervalMs` per token); best effort: a busy or read-only database is no error. */
export function touchApiToken(id: number, now: number, intervalMs: number): void {
  const at = new Date(now);
  const since = new Date(now - intervalMs);
  writeTransaction(async () => {
    await getDb()
      .update(apiTokens)
      .set({ lastUsedAt: at })
      .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, since))));
  }).catch(() => {
    // last_used_at must never fail a check.
  });
}
