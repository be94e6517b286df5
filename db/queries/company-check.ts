// PostgreSQL: everything a single company check with a Bearer token asks of the database, in one
// statement. Each question is a round trip to the server otherwise (the token, the company's rules,
// the name, its first suggestions: three statements), and on PostgreSQL the round trip, not the
// reading, is the cost of a check (docs/decisions/004-performance.md). The answers are used only by
// the request that read them; nothing is kept. SQLite asks its questions one by one, as before:
// there each is a probe of a few hundred nanoseconds in this process.
import { getConnection, postgresRows } from '@/db/client';
import { live, TOKEN_COLUMNS, type LiveApiToken, type TokenRow } from '@/db/queries/api-tokens';
import { frozenRules, PG_RULES, type CompanyRulesRow } from '@/db/queries/company-username-rules';
import { companyNameFree, companyNameStoreFrom, holdOf, LikelyFree, type NameForms, type NameLookups } from '@/db/queries/names';

export interface CompanyCheckRead {
  /** the live token behind the hash, or null (unknown or revoked; expiry is the caller's to judge) */
  token: LiveApiToken | null;
  /** the company's rules, or null when it has set none */
  rules: CompanyRulesRow | null;
  /** the company's names, answering the name and its likely suggestions from what was read */
  store: NameLookups;
}

const READ = `SELECT
  (SELECT row_to_json(t) FROM (SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE token_hash = $1) AS t) AS token,
  (SELECT row_to_json(r) FROM (${PG_RULES.replace(/\$1/g, '$2')}) AS r) AS rules,
  EXISTS (SELECT 1 FROM memberships WHERE company_id = $2 AND company_username_canonical = $3) AS taken,
  (SELECT row_to_json(h) FROM (SELECT user_id, held_until FROM company_name_holds
     WHERE company_id = $2 AND company_username_canonical = $3 AND held_until > $4) AS h) AS hold,
  ARRAY(SELECT c FROM unnest($5::text[]) AS c WHERE ${companyNameFree('$2', 'c', '$4')}) AS free`;

type JsonTime = string | null;
interface ReadRow {
  token: (Omit<TokenRow, 'revoked_at' | 'expires_at'> & { revoked_at: JsonTime; expires_at: JsonTime }) | null;
  rules: { minLength: number; maxLength: number; pattern: string | null; reserved: { name: string; canonical: string }[] } | null;
  taken: boolean;
  hold: { user_id: number | null; held_until: string } | null;
  free: string[];
}

const time = (value: JsonTime) => (value === null ? null : new Date(value));

/** Whether this engine answers a company check's questions in one statement (readCompanyCheck): PostgreSQL. */
export function readsCompanyCheckAhead(): boolean {
  return getConnection().engine === 'postgres';
}

/**
 * On PostgreSQL, the token whose hash is `tokenHash`, company `companyId`'s rules and the answers
 * for the name `forms` and its likely suggestions at `now`, in one statement; null on SQLite.
 */
export async function readCompanyCheck(
  tokenHash: string,
  companyId: number,
  forms: NameForms,
  likelyFree: readonly NameForms[],
  now: Date,
): Promise<CompanyCheckRead | null> {
  const connection = getConnection();
  if (connection.engine !== 'postgres') return null;
  const candidates = likelyFree.map((c) => c.canonical);
  const [row] = await postgresRows<ReadRow>(connection, 'company-check-read', READ, [tokenHash, companyId, forms.canonical, now, candidates]);
  const { token, rules, taken, hold: heldRow, free } = row!;
  const hold = taken || !heldRow ? null : holdOf({ user_id: heldRow.user_id, held_until: new Date(heldRow.held_until) });
  return {
    token: token ? live({ ...token, revoked_at: time(token.revoked_at), expires_at: time(token.expires_at) }) : null,
    rules: rules ? frozenRules(rules, rules.reserved) : null,
    store: companyNameStoreFrom(connection, companyId, now, {
      canonical: forms.canonical,
      match: { canonicalTaken: taken || hold !== null, similarTaken: false, hold },
      likely: new LikelyFree(new Set(candidates), new Set(free)),
    }),
  };
}
