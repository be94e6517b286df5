import { randomBytes } from 'node:crypto';
import {
  findApiTokenById,
  findLiveApiToken,
  insertApiToken,
  listCompanyApiTokens,
  markApiTokenRevoked,
  touchApiToken,
  type LiveApiToken,
} from '@/db/queries/api-tokens';
import { writeTransaction } from '@/db/transactions';
import { recordAudit, type Actor } from '@/lib/audit';
import { hashSecretToken } from '@/lib/auth/token-hash';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { findCompanyById } from '@/lib/companies/companies';
import { TOKEN_NAME_MAX } from '@/lib/api-tokens-format';
import { HttpError } from '@/lib/http/problem';

// API tokens for the v2 check: made by operators (the CLI: company or platform scope) and by a
// company's admins on /admin (company scope); presented as `Authorization: Bearer nc_…`.

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
  const label = [...name.trim()].slice(0, TOKEN_NAME_MAX).join('');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const prefix = token.slice(0, DISPLAY_PREFIX_LENGTH);
  return writeTransaction(() => {
    const row = insertApiToken({ tokenHash: hashSecretToken(token), prefix, scope: scope.scope, companyId, name: label, createdBy: actor.userId });
    recordAudit(actor, { action: 'token.create', companyId, target: prefix, details: { id: row.id, name: label } });
    return { id: row.id, token, prefix };
  });
}

/** Revokes a token (idempotent). `companyId` restricts the revocation to that company's tokens. */
export function revokeApiToken(id: number, actor: Actor, companyId?: number): { id: number; revokedAt: Date } {
  return writeTransaction(() => {
    const row = findApiTokenById(id);
    if (!row || (companyId !== undefined && row.companyId !== companyId)) {
      throw new HttpError('not_found', `There is no token with id ${id}.`);
    }
    if (row.revokedAt) return { id, revokedAt: row.revokedAt };
    const revokedAt = new Date();
    markApiTokenRevoked(id, revokedAt);
    recordAudit(actor, { action: 'token.revoke', companyId: row.companyId, target: row.prefix, details: { id } });
    return { id, revokedAt };
  });
}

export type TokenIdentity = LiveApiToken;

const TOUCH_INTERVAL_MS = 60_000;
const lastTouched = new Map<number, number>();

/**
 * The live token for a presented value, or null (malformed, unknown, revoked). `last_used_at` is
 * written at most once a minute per token, just after the request (the check itself only reads,
 * inside one read snapshot).
 */
export function authenticateToken(token: string, now: number = Date.now()): TokenIdentity | null {
  if (!TOKEN_PATTERN.test(token)) return null;
  const identity = findLiveApiToken(token, hashSecretToken);
  if (!identity) return null;
  const touched = lastTouched.get(identity.id) ?? 0;
  if (now - touched >= TOUCH_INTERVAL_MS) {
    lastTouched.set(identity.id, now);
    setImmediate(touchApiToken, identity.id, now, TOUCH_INTERVAL_MS);
  }
  return identity;
}

export interface TokenRow {
  id: number;
  prefix: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** The company's API tokens, newest first: never the tokens themselves, which are not stored. */
export function listCompanyTokens(acting: Acting | null, companyId: number): TokenRow[] {
  authorizeCompanyAdmin(acting, companyId);
  return listCompanyApiTokens(companyId);
}

/** A token for the v2 check of this company; the answer is the only place the token ever appears. */
export function createCompanyToken(acting: Acting | null, companyId: number, name: string): CreatedToken {
  return writeTransaction(() => {
    const access = authorizeCompanyAdmin(acting, companyId);
    const label = name.trim();
    if (label === '' || [...label].length > TOKEN_NAME_MAX) {
      throw new HttpError('validation_error', `Name the token (1 to ${TOKEN_NAME_MAX} characters), so you know later what uses it.`, {
        errors: { name: [`Use 1 to ${TOKEN_NAME_MAX} characters.`] },
      });
    }
    return createApiToken({ scope: 'company', companyId }, label, access.audit);
  });
}

/** Revokes one of this company's tokens; the next request with it gets a 401. */
export function revokeCompanyToken(acting: Acting | null, companyId: number, tokenId: number): { id: number; revokedAt: Date } {
  return writeTransaction(() => {
    const access = authorizeCompanyAdmin(acting, companyId);
    return revokeApiToken(tokenId, access.audit, companyId);
  });
}
