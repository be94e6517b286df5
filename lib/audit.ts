import { auditLog } from '@/db/schema';
import type { Db } from '@/db/client';

export interface Actor {
  /** null for the CLI, an operator on the machine */
  userId: number | null;
  label: string;
}

export const CLI_ACTOR: Actor = { userId: null, label: 'cli' };

/** Records an admin action; call inside the transaction that makes the change. */
export function recordAudit(
  db: Db,
  actor: Actor,
  entry: { action: string; companyId?: number | null; target?: string | null; details?: Record<string, unknown> },
): void {
  db.insert(auditLog)
    .values({
      actorUserId: actor.userId,
      actor: actor.label,
      companyId: entry.companyId ?? null,
      action: entry.action,
      target: entry.target ?? null,
      details: entry.details ?? null,
    })
    .run();
}
