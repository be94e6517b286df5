// The rows of global_names: every global username in use (held_until null) or given up and held.
// Only db/queries/users.ts writes a live name (with the account's own columns, in one transaction);
// the lifecycle's other writes (holds, take-backs, a platform admin's release) are here.
import { and, asc, eq, gt, isNotNull, isNull, lte, or } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { globalNames } from '@/db/tables';

export interface GlobalNameForms {
  username: string;
  canonical: string;
  key: string;
}

/**
 * Makes room for a name about to be written: deletes the holds that block it and no longer count
 * (past their time), and the holds of `userId` itself (a take-back: a name they gave up is theirs).
 * Anyone else's hold that still counts stays, and the insert that follows fails on the unique index.
 */
export async function clearHoldsFor(forms: Pick<GlobalNameForms, 'canonical' | 'key'>, userId: number | null, now: Date): Promise<void> {
  const blocks = or(eq(globalNames.usernameCanonical, forms.canonical), eq(globalNames.similarityKey, forms.key));
  const gone = userId === null ? lte(globalNames.heldUntil, now) : or(lte(globalNames.heldUntil, now), eq(globalNames.userId, userId));
  await getDb()
    .delete(globalNames)
    .where(and(blocks, isNotNull(globalNames.heldUntil), gone));
}

/** The account's name in use, as a row of global_names; fails on a unique index when the name or a look-alike is used or held. */
export async function insertLiveName(userId: number, forms: GlobalNameForms): Promise<void> {
  await getDb()
    .insert(globalNames)
    .values({ userId, username: forms.username, usernameCanonical: forms.canonical, similarityKey: forms.key, heldUntil: null });
}

/**
 * The account gives its name in use up: held for it until `until`, or (holds off: `until` null) gone.
 * Returns the name given up, or null when the account had none.
 */
export async function releaseLiveName(userId: number, until: Date | null): Promise<string | null> {
  const live = and(eq(globalNames.userId, userId), isNull(globalNames.heldUntil));
  const db = getDb();
  const rows =
    until === null
      ? await db.delete(globalNames).where(live).returning({ username: globalNames.username })
      : await db.update(globalNames).set({ heldUntil: until }).where(live).returning({ username: globalNames.username });
  return rows[0]?.username ?? null;
}

export interface HeldGlobalName {
  username: string;
  heldUntil: Date;
}

/** The names an account gave up that are still held for it, soonest free first. */
export async function listHoldsOf(userId: number, now: Date): Promise<HeldGlobalName[]> {
  const rows = await getDb()
    .select({ username: globalNames.username, heldUntil: globalNames.heldUntil })
    .from(globalNames)
    .where(and(eq(globalNames.userId, userId), isNotNull(globalNames.heldUntil), gt(globalNames.heldUntil, now)))
    .orderBy(asc(globalNames.heldUntil));
  return rows.map((r) => ({ username: r.username, heldUntil: r.heldUntil! }));
}
