// The audit log: who did what, written inside the transaction that made the change.
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog } from '@/db/tables';
import type { AuditEntry } from '@/db/schema';

export type { AuditEntry };

export interface NewAuditEntry {
  actorUserId: number | null;
  actor: string;
  companyId: number | null;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}

export async function insertAuditEntry(entry: NewAuditEntry): Promise<void> {
  await getDb().insert(auditLog).values(entry);
}

/** A company's most recent entries, newest first. */
export async function listCompanyAuditEntries(companyId: number, limit: number): Promise<AuditEntry[]> {
  return getDb()
    .select()
    .from(auditLog)
    .where(eq(auditLog.companyId, companyId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    ;
}
