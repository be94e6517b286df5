// Platform admins' reserved-name rules for global usernames (reserved_rules). The checks read them
// with the names' own statements (db/queries/names.ts, on every check, never cached); this module
// writes and lists them for lib/reserved-names.ts. Call the writes inside a write transaction.
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { reservedRules } from '@/db/tables';

export interface ReservedRuleRecord {
  id: number;
  kind: 'exact' | 'prefix';
  /** the name as the admin typed it */
  value: string;
  /** its similarity key: what the checks compare */
  key: string;
}

const record = { id: reservedRules.id, kind: reservedRules.kind, value: reservedRules.value, key: reservedRules.key };

/**
 * Adds a rule; null when a rule of that kind with that key exists already (the unique index on
 * (kind, key) decides, also against a concurrent writer). ON CONFLICT DO NOTHING rather than a
 * caught error: on PostgreSQL a failed statement would abort the surrounding transaction.
 */
export async function insertReservedRule(row: { kind: 'exact' | 'prefix'; value: string; key: string; createdBy: number | null }): Promise<ReservedRuleRecord | null> {
  const rows = await getDb()
    .insert(reservedRules)
    .values(row)
    .onConflictDoNothing({ target: [reservedRules.kind, reservedRules.key] })
    .returning(record);
  return rows[0] ?? null;
}

/** Every rule, oldest first. */
export async function listReservedRuleRecords(): Promise<ReservedRuleRecord[]> {
  return getDb().select(record).from(reservedRules).orderBy(asc(reservedRules.id));
}

/** Deletes a rule; returns the rule that went, or null when there was none with that id. */
export async function deleteReservedRule(id: number): Promise<ReservedRuleRecord | null> {
  const rows = await getDb().delete(reservedRules).where(eq(reservedRules.id, id)).returning(record);
  return rows[0] ?? null;
}
