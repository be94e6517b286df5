// The audit log: who did what, written inside the transaction that made the change.
import { desc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { auditLog, type AuditEntry } from '@/db/schema';

export type { AuditEntry };

export interface NewAuditEntry {
  actorUserId: number | null;
  actor: string;
  companyId: number | null;
  action: string;
  target: string | null;
  details: Record<string, unknown> | null;
}

export function insertAuditEntry(entry: NewAuditEntry): void {
  getDb().insert(auditLog).values(entry).run();
}

/** A company's most recent entries, newest first. */
export function listCompanyAuditEntries(companyId: number, limit: number): AuditEntry[] {
  return getDb()
    .select()
    .from(auditLog)
    .where(eq(auditLog.companyId, companyId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit)
    .all();
}
