// A company's own username rules and reserved names in the database.
import type { Statement } from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { whileUnchanged } from '@/db/change-cache';
import { getConnection, getDb, inWriteTransaction, postgresRows, turnReader, type Sqlite } from '@/db/client';
import { companyReservedNames, companyUsernameRules } from '@/db/tables';

export interface StoredCompanyRules {
  minLength: number;
  maxLength: number;
  pattern: string | null;
  /** as the admin typed them and in canonical form, in canonical order */
  reserved: readonly { name: string; canonical: string }[];
}

/** The rules as read back: frozen and shared, with the reserved names' canonical forms as a set. */
export interface CompanyRulesRow extends StoredCompanyRules {
  reservedCanonicals: ReadonlySet<string>;
}

interface Statements {
  rules: Statement<[number], { minLength: number; maxLength: number; pattern: string | null }>;
  reserved: Statement<[number], { name: string; canonical: string }>;
}

const cache = new WeakMap<Sqlite, Statements>();

// Prepared statements, as db/queries/names.ts: the checks read these on every request.
function statements(sqlite: Sqlite): Statements {
  let s = cache.get(sqlite);
  if (!s) {
    s = {
      rules: sqlite.prepare(
        'SELECT min_length AS minLength, max_length AS maxLength, pattern FROM company_username_rules WHERE company_id = ?',
      ),
      reserved: sqlite.prepare(
        'SELECT name, name_canonical AS canonical FROM company_reserved_names WHERE company_id = ? ORDER BY name_canonical',
      ),
    };
    cache.set(sqlite, s);
  }
  return s;
}

/** PostgreSQL: the company's ($1) rules with their reserved names aggregated, one row or none. */
export const PG_RULES = `SELECT r.min_length AS "minLength", r.max_length AS "maxLength", r.pattern,
  coalesce(json_agg(json_build_object('name', n.name, 'canonical', n.name_canonical) ORDER BY n.name_canonical) FILTER (WHERE n.name IS NOT NULL), '[]') AS reserved
  FROM company_username_rules r LEFT JOIN company_reserved_names n ON n.company_id = r.company_id
  WHERE r.company_id = $1 GROUP BY r.company_id`;

export function frozenRules(row: { minLength: number; maxLength: number; pattern: string | null }, reservedRows: { name: string; canonical: string }[]): CompanyRulesRow {
  const reserved = Object.freeze(reservedRows.map((r) => Object.freeze({ name: r.name, canonical: r.canonical })));
  return Object.freeze({ minLength: row.minLength, maxLength: row.maxLength, pattern: row.pattern, reserved, reservedCanonicals: new Set(reserved.map((r) => r.canonical)) });
}

/**
 * The company's rules, or null when it has set none.
 * SQLite: one primary-key probe, and a second query for the reserved names only when there is a row
 * (reserved names are saved with the rules), kept, like a token's identity, only while nothing has
 * been written to the database (`whileUnchanged`): a change by any process counts on the next
 * request (17.5 µs a check with 20 reserved names uncached, 1.8 µs kept, measured). Inside a write
 * transaction it reads there, uncached.
 * PostgreSQL: one statement (the rules with their reserved names aggregated), read with every request:
 * no per-process cache may hold what another instance can change.
 */
export async function findCompanyRules(companyId: number): Promise<CompanyRulesRow | null> {
  const connection = getConnection();
  if (connection.engine === 'postgres') {
    const [row] = await postgresRows<{ minLength: number; maxLength: number; pattern: string | null; reserved: { name: string; canonical: string }[] }>(
      connection,
      'company-rules',
      PG_RULES,
      [companyId],
    );
    return row ? frozenRules(row, row.reserved) : null;
  }
  const read = (sqlite: Sqlite) => {
    const s = statements(sqlite);
    const row = s.rules.get(companyId);
    return row ? frozenRules(row, s.reserved.all(companyId)) : null;
  };
  if (inWriteTransaction()) return read(connection.writer);
  const reader = turnReader(connection);
  return whileUnchanged('company-rules', String(companyId), () => read(reader), reader);
}

/** Replaces the company's rules and reserved names; call inside a write transaction. */
export async function saveCompanyRules(companyId: number, rules: StoredCompanyRules): Promise<void> {
  const db = getDb();
  const values = { minLength: rules.minLength, maxLength: rules.maxLength, pattern: rules.pattern, updatedAt: new Date() };
  await db
    .insert(companyUsernameRules)
    .values({ companyId, ...values })
    .onConflictDoUpdate({ target: companyUsernameRules.companyId, set: values });
  await db.delete(companyReservedNames).where(eq(companyReservedNames.companyId, companyId));
  if (rules.reserved.length > 0) {
    await db.insert(companyReservedNames).values(rules.reserved.map((r) => ({ companyId, name: r.name, nameCanonical: r.canonical })));
  }
}
