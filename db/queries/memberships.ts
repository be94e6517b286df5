// Who belongs to which company, in which role, under which company username.
import { and, asc, count, eq, ne, sql, type SQL } from 'drizzle-orm';
import { first, getDb } from '@/db/client';
import { companies, memberships, users } from '@/db/tables';
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

/** Inserts a membership; a company username taken in that company fails on its unique index. */
export async function insertMembership(row: NewMembership): Promise<void> {
  await getDb().insert(memberships).values(row);
}

export async function updateCompanyUsername(companyId: number, userId: number, display: string | null, canonical: string | null): Promise<void> {
  await getDb()
    .update(memberships)
    .set({ companyUsername: display, companyUsernameCanonical: canonical, updatedAt: new Date() })
    .where(of(companyId, userId))
    ;
}

export async function updateRole(companyId: number, userId: number, role: Role): Promise<void> {
  await getDb().update(memberships).set({ role, updatedAt: new Date() }).where(of(companyId, userId));
}

export async function deleteMembership(companyId: number, userId: number): Promise<void> {
  await getDb().delete(memberships).where(of(companyId, userId));
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
