import { randomBytes } from 'node:crypto';
import {
  findApiTokenById,
  findLiveApiToken,
  insertApiToken,
  listCompanyApiTokens,
  listPlatformApiTokens,
  markApiTokenRevoked,
  touchApiToken,
  type LiveApiToken,
} from '@/db/queries/api-tokens';
import { writeTransaction } from '@/db/transactions';
import { recordAudit, type Actor } from '@/lib/audit';
import { hashSecretToken } from '@/lib/auth/token-hash';
import { authorizeCompanyAdmin, authorizePlatformAdmin, type Acting } from '@/lib/companies/access';
import { findCompanyById } from '@/lib/companies/companies';
import { TOKEN_EXPIRY_CHOICES, TOKEN_EXPIRY_MAX_DAYS, TOKEN_NAME_MAX } from '@/lib/api-tokens-format';
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
  /** When the token stops working; null: never. */
  expiresAt: Date | null;
}

const DAY_MS = 86_400_000;

function expiryError(detail: string): HttpError {
  return new HttpError('validation_error', detail, { errors: { expiresAt: [detail] } });
}

/** The moment a token made now with an expiry of `days` days stops working (1 to TOKEN_EXPIRY_MAX_DAYS). */
export function expiryInDays(days: number, now: number = Date.now()): Date {
  if (!Number.isSafeInteger(days) || days < 1 || days > TOKEN_EXPIRY_MAX_DAYS) {
    throw expiryError(`An expiry in days is a whole number from 1 to ${TOKEN_EXPIRY_MAX_DAYS}.`);
  }
  return new Date(now + days * DAY_MS);
}

// An ISO-8601 date-time with seconds optional, fractions optional, and an explicit offset (Z or ±HH:MM):
// a time without an offset would depend on the machine's time zone.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** An ISO-8601 date-time with an offset, e.g. `2027-01-31T18:00:00Z`; a validation_error for anything else (or an impossible date). */
export function parseExpiresAt(text: string): Date {
  const m = ISO_DATE_TIME.exec(text.trim());
  const at = m ? new Date(text.trim()) : null;
  const valid =
    m !== null &&
    at !== null &&
    !Number.isNaN(at.getTime()) &&
    Number(m[2]) >= 1 &&
    Number(m[2]) <= 12 &&
    Number(m[3]) >= 1 &&
    // the day exists in that month (Date would roll 2027-02-30 over to March)
    Number(m[3]) <= new Date(Date.UTC(Number(m[1]), Number(m[2]), 0)).getUTCDate() &&
    Number(m[4]) <= 23 &&
    Number(m[5]) <= 59 &&
    Number(m[6] ?? 0) <= 59 &&
    Number(m[7] ?? 0) <= 23 &&
    Number(m[8] ?? 0) <= 59;
  if (!valid) throw expiryError(`"${text}" is not an ISO-8601 date-time with a time zone, such as 2027-01-31T18:00:00Z.`);
  return at!;
}

/** An expiry must be in the future (a token is never made already expired) and at most TOKEN_EXPIRY_MAX_DAYS ahead. */
function checkExpiry(expiresAt: Date | null, now: number): void {
  if (expiresAt === null) return;
  const at = expiresAt.getTime();
  if (Number.isNaN(at)) throw expiryError('The expiry is not a valid moment.');
  if (at <= now) throw expiryError(`The expiry ${expiresAt.toISOString()} is not in the future.`);
  if (at > now + TOKEN_EXPIRY_MAX_DAYS * DAY_MS) throw expiryError(`A token expires at most ${TOKEN_EXPIRY_MAX_DAYS} days from now.`);
}

/**
 * Creates an API token; the token itself is returned once and only its SHA-256 is stored. With
 * `expiresAt` (in the future), the token is refused from that moment on, like a revoked one.
 */
export async function createApiToken(scope: TokenScope, name: string, actor: Actor, expiresAt: Date | null = null, now: number = Date.now()): Promise<CreatedToken> {
  checkExpiry(expiresAt, now);
  const companyId = scope.scope === 'company' ? scope.companyId : null;
  if (companyId !== null && !(await findCompanyById(companyId))) {
    throw new HttpError('not_found', `There is no company with id ${companyId}.`);
  }
  const label = [...name.trim()].slice(0, TOKEN_NAME_MAX).join('');
  const token = TOKEN_PREFIX + randomBytes(32).toString('base64url');
  const prefix = token.slice(0, DISPLAY_PREFIX_LENGTH);
  return writeTransaction(async () => {
    const row = await insertApiToken({ tokenHash: hashSecretToken(token), prefix, scope: scope.scope, companyId, name: label, createdBy: actor.userId, expiresAt });
    await recordAudit(actor, {
      action: 'token.create',
      companyId,
      target: prefix,
      details: { id: row.id, name: label, ...(expiresAt ? { expiresAt: expiresAt.toISOString() } : {}) },
    });
    return { id: row.id, token, prefix, expiresAt };
  });
}

/**
 * Revokes a token (idempotent). `within` restricts the revocation to one company's tokens (its id)
 * or to the platform tokens (`'platform'`); any other token is a 404.
 */
export async function revokeApiToken(id: number, actor: Actor, within?: number | 'platform'): Promise<{ id: number; revokedAt: Date }> {
  return writeTransaction(async () => {
    const row = await findApiTokenById(id);
    const outside = within === 'platform' ? row?.scope !== 'platform' : within !== undefined && row?.companyId !== within;
    if (!row || outside) {
      throw new HttpError('not_found', `There is no token with id ${id}.`);
    }
    if (row.revokedAt) return { id, revokedAt: row.revokedAt };
    const revokedAt = new Date();
    await markApiTokenRevoked(id, revokedAt);
    await recordAudit(actor, { action: 'token.revoke', companyId: row.companyId, target: row.prefix, details: { id } });
    return { id, revokedAt };
  });
}

export type TokenIdentity = LiveApiToken;

const TOUCH_INTERVAL_MS = 60_000;
const lastTouched = new Map<number, number>();

/**
 * The live token for a presented value, or null (malformed, unknown, revoked, expired). The lookup may
 * be cached while the database is unchanged, but an expiry happens without a write: it is compared
 * with `now` here, on every request, so a token stops working at its moment. `last_used_at` is
 * written at most once a minute per token, just after the request (the check itself only reads,
 * inside one read snapshot).
 */
export async function authenticateToken(token: string, now: number = Date.now()): Promise<TokenIdentity | null> {
  if (!TOKEN_PATTERN.test(token)) return null;
  return acceptToken(await findLiveApiToken(token, hashSecretToken), now);
}

/**
 * A live token as looked up (findLiveApiToken, or a check's one statement on PostgreSQL), judged at
 * `now`: null once expired; a use is recorded as authenticateToken says.
 */
export function acceptToken(identity: LiveApiToken | null, now: number = Date.now()): TokenIdentity | null {
  if (!identity || (identity.expiresAt !== null && now >= identity.expiresAt)) return null;
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
  expiresAt: Date | null;
  /** Past its expiry at the moment of listing (and so refused, like a revoked token). */
  expired: boolean;
}

function listed(rows: Omit<TokenRow, 'expired'>[], now: number): TokenRow[] {
  return rows.map((row) => ({ ...row, expired: row.expiresAt !== null && row.expiresAt.getTime() <= now }));
}

/** The company's API tokens, newest first: never the tokens themselves, which are not stored. */
export async function listCompanyTokens(acting: Acting | null, companyId: number, now: number = Date.now()): Promise<TokenRow[]> {
  await authorizeCompanyAdmin(acting, companyId);
  return listed(await listCompanyApiTokens(companyId), now);
}

/** The expiry choices /admin offers, in days; null is "never". */
export type ExpiryChoice = (typeof TOKEN_EXPIRY_CHOICES)[number] | null;

/**
 * A token for the v2 check of this company; the answer is the only place the token ever appears.
 * `expiresInDays` is one of the screen's choices (TOKEN_EXPIRY_CHOICES), or null for never.
 */
export async function createCompanyToken(acting: Acting | null, companyId: number, name: string, expiresInDays: ExpiryChoice = null): Promise<CreatedToken> {
  return writeTransaction(async () => {
    const access = await authorizeCompanyAdmin(acting, companyId);
    const label = name.trim();
    if (label === '' || [...label].length > TOKEN_NAME_MAX) {
      throw new HttpError('validation_error', `Name the token (1 to ${TOKEN_NAME_MAX} characters), so you know later what uses it.`, {
        errors: { name: [`Use 1 to ${TOKEN_NAME_MAX} characters.`] },
      });
    }
    if (expiresInDays !== null && !TOKEN_EXPIRY_CHOICES.includes(expiresInDays)) {
      throw expiryError(`Choose an expiry of never or ${TOKEN_EXPIRY_CHOICES.join(', ')} days.`);
    }
    const now = Date.now();
    return createApiToken({ scope: 'company', companyId }, label, access.audit, expiresInDays === null ? null : expiryInDays(expiresInDays, now), now);
  });
}

/** Revokes one of this company's tokens; the next request with it gets a 401. */
export async function revokeCompanyToken(acting: Acting | null, companyId: number, tokenId: number): Promise<{ id: number; revokedAt: Date }> {
  return writeTransaction(async () => {
    const access = await authorizeCompanyAdmin(acting, companyId);
    return revokeApiToken(tokenId, access.audit, companyId);
  });
}

/** The platform tokens (they check every company's names), for platform admins only: anyone else gets a 404. */
export async function listPlatformTokens(acting: Acting | null, now: number = Date.now()): Promise<TokenRow[]> {
  await authorizePlatformAdmin(acting);
  return listed(await listPlatformApiTokens(), now);
}

/** Revokes a platform token; only a platform admin may, and only a platform token (anything else is a 404). */
export async function revokePlatformToken(acting: Acting | null, tokenId: number): Promise<{ id: number; revokedAt: Date }> {
  return writeTransaction(async () => {
    const access = await authorizePlatformAdmin(acting);
    return revokeApiToken(tokenId, access.audit, 'platform');
  });
}
