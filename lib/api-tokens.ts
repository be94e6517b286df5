import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { getConnection, type Sqlite } from '@/db/client';
import { whileUnchanged } from '@/db/change-cache';
import { writeTransaction } from '@/db/transactions';
import { apiTokens } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit';
import { hashSecretToken } from '@/lib/auth/token-hash';
import { findCompanyById } from '@/lib/companies/companies';
import { HttpError } from '@/lib/http/problem';

export const TOKEN_PREFIX = 'nc_';
/** `nc_` + 43 base64url characters (32 random bytes). */
export const TOKEN_PATTERN = /^nc_[A-Za-z0-9_-]{43}$/;
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 6;


export type TokenScope = { scope: 'platform' } | { scope: 'company'; companyId: number };

export interface CreatedToken {
  id: number;
  token: string;
  prefix: string;
}

/** Creates an API token; the token itself is returned once and only its SHA-256 is stored. */
export function createApiToken(scope: TokenScope, name: string, actor: Actor): CreatedToken {
  const companyId = scope.scope === 'company' ? scope.companyId : null;
  if (companyId !== null && !findCompanyById(companyId)) {
    throw new HttpError('not_found', `There is no company with id ${companyId}.`);
  }
  const label = name.trim().slice(0, 100);
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const prefix = token.slice(0, DISPLAY_PREFIX_LENGTH);
  return writeTransaction((db) => {
    const row = db
      .insert(apiTokens)
      .values({ tokenHash: hashSecretToken(token), prefix, scope: scope.scope, companyId, name: label, createdBy: actor.userId })
      .returning({ id: apiTokens.id })
      .get();
    recordAudit(db, actor, { action: 'token.create', companyId, target: prefix, details: { id: row.id, name: label } });
    return { id: row.id, token, prefix };
  });
}

/** Revokes a token (idempotent). `companyId` restricts the revocation to that company's tokens. */
export function revokeApiToken(id: number, actor: Actor, companyId?: number): { id: number; revokedAt: Date } {
  return writeTransaction((db) => {
    const row = db.select().from(apiTokens).where(eq(apiTokens.id, id)).get();
    if (!row || (companyId !== undefined && row.companyId !== companyId)) {
      throw new HttpError('not_found', `There is no token with id ${id}.`);
    }
    if (row.revokedAt) return { id, revokedAt: row.revokedAt };
    const revokedAt = new Date();
    db.update(apiTokens).set({ revokedAt }).where(eq(apiTokens.id, id)).run();
    recordAudit(db, actor, { action: 'token.revoke', companyId: row.companyId, target: row.prefix, details: { id } });
    return { id, revokedAt };
  });
}

export interface TokenIdentity {
  id: number;
  scope: 'platform' | 'company';
  companyId: number | null;
}

interface TokenStatements {
  byHash: import('better-sqlite3').Statement<[string], { id: number; scope: 'platform' | 'company'; company_id: number | null; revoked_at: number | null }>;
  touch: import('better-sqlite3').Statement<[number, number, number]>;
}
const statements = new WeakMap<Sqlite, TokenStatements>();
function prepared(sqlite: Sqlite): TokenStatements {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      byHash: sqlite.prepare('SELECT id, scope, company_id, revoked_at FROM api_tokens WHERE token_hash = ?'),
      touch: sqlite.prepare(
        'UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)',
      ),
    };
    statements.set(sqlite, s);
  }
  return s;
}

const TOUCH_INTERVAL_MS = 60_000;
const lastTouched = new Map<number, number>();

function touch(s: TokenStatements, id: number, now: number): void {
  try {
    s.touch.run(now, id, now - TOUCH_INTERVAL_MS);
  } catch {
    // A busy, read-only or closed database must not fail a check: last_used_at is best effort.
  }
}

/**
 * The live token for a presented value, or null (malformed, unknown, revoked). What the database
 * says is kept only while nothing has been written to it (`whileUnchanged`), so a revocation by any
 * process counts on the next request. `last_used_at` is written at most once a minute per token,
 * just after the request (the check itself only reads, inside one read snapshot).
 */
export function authenticateToken(token: string, now: number = Date.now()): TokenIdentity | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const { sqlite } = getConnection();
  const s = prepared(sqlite);
  const identity = whileUnchanged('api-token', token, () => lookUp(s, token), sqlite);
  if (!identity) return null;
  const touched = lastTouched.get(identity.id) ?? 0;
  if (now - touched >= TOUCH_INTERVAL_MS) {
    lastTouched.set(identity.id, now);
    setImmediate(touch, s, identity.id, now);
  }
  return identity;
}

function lookUp(s: TokenStatements, token: string): TokenIdentity | null {
  const row = s.byHash.get(hashSecretToken(token));
  if (!row || row.revoked_at !== null) return null;
  return Object.freeze({ id: row.id, scope: row.scope, companyId: row.company_id });
}
