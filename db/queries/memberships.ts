// Who belongs to which company, in which role, under which company username.
import { and, asc, count, eq, gt, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { first, getDb } from '@/db/client';
import { HeldNameError } from '@/db/errors';
import { companies, companyNameHolds, memberships, users } from '@/db/tables';
import type { Company, Membership } from '@/db/schema';

export type { Membership };
export type Role = Membership['role'];

export interface NewMembership {
  companyId: number;
  userId: number;
  role: Role;
  companyUsername: string | null;
  companyUsernameCanonical: string | null;
}

/** A member as the admin screen lists them. */
export interface MemberRecord {
  userId: number;
  /** The global username; null for an account that exists only inside this company. */
  username: string | null;
  role: Role;
  companyUsername: string | null;
  /** false until the person has set a password (a company-only account waiting for its setup link) */
  hasPassword: boolean;
}

const of = (companyId: number, userId: number) => and(eq(memberships.companyId, companyId), eq(memberships.userId, userId));

export async function findMembership(companyId: number, userId: number): Promise<Membership | undefined> {
  return getDb().select().from(memberships).where(of(companyId, userId)).then(first);
}

/** The member of `companyId` whose company username has this canonical form, if any. */
export async function findCompanyUsernameHolder(companyId: number, companyUsernameCanonical: string): Promise<number | undefined> {
  return (await getDb()
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.companyUsernameCanonical, companyUsernameCanonical)))
    .then(first))?.userId;
}

// Company holds (company_name_holds). A hold is written in the transaction that frees the live name;
// a write that takes a name writes the membership first and reads the holds after it (`claimCompanyName`).
// On PostgreSQL the membership's write waits on the unique index for a transaction that is freeing the
// same name and commits its hold, and the read after it (a new snapshot under READ COMMITTED) sees that
// hold: one of the two wins. On SQLite write transactions run one at a time.

/** Holds a company username given up by `userId` for the company until `until` (one row per name). */
export async function holdCompanyName(companyId: number, display: string, canonical: string, userId: number | null, until: Date): Promise<void> {
  await getDb()
    .insert(companyNameHolds)
    .values({ companyId, companyUsername: display, companyUsernameCanonical: canonical, userId, heldUntil: until })
    .onConflictDoUpdate({
      target: [companyNameHolds.companyId, companyNameHolds.companyUsernameCanonical],
      set: { companyUsername: display, userId, heldUntil: until, createdAt: new Date() },
    });
}

/**
 * After `userId` was given `canonical` in the company: deletes the holds on it that are over, or that
 * are theirs (a take-back), and throws HeldNameError when someone else's hold still counts.
 */
export async function claimCompanyName(companyId: number, canonical: string, userId: number, now: Date): Promise<void> {
  const name = and(eq(companyNameHolds.companyId, companyId), eq(companyNameHolds.companyUsernameCanonical, canonical));
  const db = getDb();
  await db.delete(companyNameHolds).where(and(name, or(lte(companyNameHolds.heldUntil, now), eq(companyNameHolds.userId, userId))));
  const held = await db.select({ until: companyNameHolds.heldUntil }).from(companyNameHolds).where(name).then(first);
  if (held) throw new HeldNameError(held.until);
}

export interface HeldCompanyName {
  companyUsername: string;
  /** the member who had it (null when that account is gone); their own hold is theirs to take back */
  userId: number | null;
  username: string | null;
  heldUntil: Date;
}

/** A company's held usernames that still count at `now`, soonest free first. */
export async function listCompanyHolds(companyId: number, now: Date): Promise<HeldCompanyName[]> {
  return getDb()
    .select({
      companyUsername: companyNameHolds.companyUsername,
      userId: companyNameHolds.userId,
      username: users.username,
      heldUntil: companyNameHolds.heldUntil,
    })
    .from(companyNameHolds)
    .leftJoin(users, eq(users.id, companyNameHolds.userId))
    .where(and(eq(companyNameHolds.companyId, companyId), gt(companyNameHolds.heldUntil, now)))
    .orderBy(asc(companyNameHolds.heldUntil), asc(companyNameHolds.companyUsernameCanonical));
}

/** Frees a held company username at once; returns the name as it was held, or null when no hold counted. */
export async function releaseCompanyHold(companyId: number, canonical: string, now: Date): Promise<string | null> {
  const rows = await getDb()
    .delete(companyNameHolds)
    .where(and(eq(companyNameHolds.companyId, companyId), eq(companyNameHolds.companyUsernameCanonical, canonical), gt(companyNameHolds.heldUntil, now)))
    .returning({ companyUsername: companyNameHolds.companyUsername });
  return rows[0]?.companyUsername ?? null;
}

/** What a write of a company username needs to know about time: now, and until when a name given up is held (null: not held). */
export interface HoldTimes {
  now: Date;
  holdUntil: Date | null;
}

/**
 * Inserts a membership; a company username taken in that company fails on its unique index, and one
 * held for the company (for someone else) with HeldNameError. Call inside a write transaction.
 */
export async function insertMembership(row: NewMembership, times: HoldTimes): Promise<void> {
  await getDb().insert(memberships).values(row);
  if (row.companyUsernameCanonical !== null) await claimCompanyName(row.companyId, row.companyUsernameCanonical, row.userId, times.now);
}

/**
 * A member's new company username (or none). The one replaced or removed is held for the company until
 * `times.holdUntil`, for anyone but this member. Call inside a write transaction.
 */
export async function updateCompanyUsername(
  companyId: number,
  userId: number,
  display: string | null,
  canonical: string | null,
  times: HoldTimes,
): Promise<void> {
  const db = getDb();
  const before = await db
    .select({ display: memberships.companyUsername, canonical: memberships.companyUsernameCanonical })
    .from(memberships)
    .where(of(companyId, userId))
    .then(first);
  await db
    .update(memberships)
    .set({ companyUsername: display, companyUsernameCanonical: canonical, updatedAt: times.now })
    .where(of(companyId, userId));
  if (before?.canonical && before.display && before.canonical !== canonical && times.holdUntil) {
    await holdCompanyName(companyId, before.display, before.canonical, userId, times.holdUntil);
  }
  if (canonical !== null && canonical !== before?.canonical) await claimCompanyName(companyId, canonical, userId, times.now);
}

export async function updateRole(companyId: number, userId: number, role: Role): Promise<void> {
  await getDb().update(memberships).set({ role, updatedAt: new Date() }).where(of(companyId, userId));
}

/** Takes a member out; their company username is held for the company until `holdUntil` (null: free at once). */
export async function deleteMembership(companyId: number, userId: number, holdUntil: Date | null = null): Promise<void> {
  const [gone] = await getDb()
    .delete(memberships)
    .where(of(companyId, userId))
    .returning({ display: memberships.companyUsername, canonical: memberships.companyUsernameCanonical });
  if (gone?.display && gone.canonical && holdUntil) await holdCompanyName(companyId, gone.display, gone.canonical, userId, holdUntil);
}

/** Every company username of an account, held for its companies until `holdUntil` (the account is about to go). */
export async function holdCompanyNamesOf(userId: number, holdUntil: Date): Promise<void> {
  const rows = await getDb()
    .select({ companyId: memberships.companyId, display: memberships.companyUsername, canonical: memberships.companyUsernameCanonical })
    .from(memberships)
    .where(eq(memberships.userId, userId));
  for (const row of rows) if (row.display && row.canonical) await holdCompanyName(row.companyId, row.display, row.canonical, userId, holdUntil);
}

export async function countAdmins(companyId: number): Promise<number> {
  return (
    (await getDb()
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.role, 'admin')))
      .then(first))?.n ?? 0
  );
}

/** How many companies other than `companyId` the person belongs to. */
export async function countMembershipsElsewhere(userId: number, companyId: number): Promise<number> {
  return (
    (await getDb()
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), ne(memberships.companyId, companyId)))
      .then(first))?.n ?? 0
  );
}

export async function countMembers(companyId: number): Promise<number> {
  return (await getDb().select({ n: count() }).from(memberships).where(eq(memberships.companyId, companyId)).then(first))?.n ?? 0;
}

/** Member count per company id. */
export async function memberCountsByCompany(): Promise<Map<number, number>> {
  const rows = await getDb().select({ companyId: memberships.companyId, n: count() }).from(memberships).groupBy(memberships.companyId);
  return new Map(rows.map((r) => [r.companyId, r.n] as const));
}

/** The companies a person belongs to, with their role and company username, by company name. */
export async function listCompaniesOfUser(userId: number): Promise<{ company: Company; role: Role; companyUsername: string | null }[]> {
  return getDb()
    .select({ company: companies, role: memberships.role, companyUsername: memberships.companyUsername })
    .from(memberships)
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(companies.name), asc(companies.id))
    ;
}

const memberColumns = {
  userId: memberships.userId,
  username: users.username,
  role: memberships.role,
  companyUsername: memberships.companyUsername,
  hasPassword: sql<boolean>`${users.passwordHash} is not null`.mapWith(Boolean),
};

const byName = [asc(sql`coalesce(${users.usernameCanonical}, ${memberships.companyUsernameCanonical})`), asc(memberships.userId)];


export async function findMemberRecord(companyId: number, userId: number): Promise<MemberRecord | undefined> {
  return getDb()
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(of(companyId, userId))
    .then(first);
}

/** A LIKE pattern that finds `canonicalPart` anywhere, with LIKE's own characters taken literally. */
function containing(canonicalPart: string): string {
  return `%${canonicalPart.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function membersWhere(companyId: number, canonicalPart: string | null): SQL | undefined {
  if (canonicalPart === null) return eq(memberships.companyId, companyId);
  const pattern = containing(canonicalPart);
  return and(
    eq(memberships.companyId, companyId),
    sql`(${users.usernameCanonical} like ${pattern} escape '\\' or ${memberships.companyUsernameCanonical} like ${pattern} escape '\\')`,
  );
}

/** How many of a company's members match (see listMemberRecords). */
export async function countMemberRecords(companyId: number, canonicalPart: string | null): Promise<number> {
  const where = membersWhere(companyId, canonicalPart);
  return (await getDb().select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where).then(first))?.n ?? 0;
}

/**
 * A page of a company's members in name order; with `canonicalPart`, only those whose global or
 * company username's canonical form contains it.
 */
export async function listMemberRecords(companyId: number, canonicalPart: string | null, limit: number, offset: number): Promise<MemberRecord[]> {
  return getDb()
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(membersWhere(companyId, canonicalPart))
    .orderBy(...byName)
    .limit(limit)
    .offset(offset)
    ;
}

/** Every member of a company in name order, as the CSV export lists them. */
export async function listAllMemberRecords(companyId: number): Promise<MemberRecord[]> {
  return getDb()
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.companyId, companyId))
    .orderBy(...byName)
    ;
}

/** The account behind a company's own username, for the company login page. */
export async function findCompanyLogin(
  slug: string,
  companyUsernameCanonical: string,
): Promise<
  { userId: number; username: string | null; passwordHash: string | null; sessionVersion: number; companyId: number; companyUsername: string | null } | undefined
> {
  return getDb()
    .select({
      userId: users.id,
      username: users.username,
      passwordHash: users.passwordHash,
      sessionVersion: users.sessionVersion,
      companyId: companies.id,
      companyUsername: memberships.companyUsername,
    })
    .from(memberships)
    .innerJoin(companies, eq(companies.id, memberships.companyId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(companies.slug, slug), eq(memberships.companyUsernameCanonical, companyUsernameCanonical)))
    .then(first);
}
