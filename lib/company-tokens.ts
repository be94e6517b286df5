import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { writeTransaction } from '@/db/transactions';
import { apiTokens } from '@/db/schema';
import { createApiToken, revokeApiToken, type CreatedToken } from '@/lib/api-tokens';
import { HttpError } from '@/lib/http/problem';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { TOKEN_NAME_MAX } from '@/lib/api-tokens-format';

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
  return getDb()
    .select({
      id: apiTokens.id,
      prefix: apiTokens.prefix,
      name: apiTokens.name,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.companyId, companyId))
    .orderBy(desc(apiTokens.id))
    .all();
}

/** A token for the v2 check of this company; the answer is the only place the token ever appears. */
export function createCompanyToken(acting: Acting | null, companyId: number, name: string): CreatedToken {
  return writeTransaction((db) => {
    const access = authorizeCompanyAdmin(acting, companyId, db);
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
  return writeTransaction((db) => {
    const access = authorizeCompanyAdmin(acting, companyId, db);
    return revokeApiToken(tokenId, access.audit, companyId);
  });
}
