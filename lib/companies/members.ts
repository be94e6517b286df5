import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { writeTransaction } from '@/db/transactions';
import { memberships, users } from '@/db/schema';
import { recordAudit } from '@/lib/audit';
import { addMember, companyUsernameConflict, companyUsernameForms, type Role } from '@/lib/companies/companies';
import { HttpError } from '@/lib/http/problem';
import { canonicalUsername } from '@/lib/usernames';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { toCsv } from '@/lib/companies/csv';
import { issueSetupToken, toSetupLink } from '@/lib/accounts/setup-links';
import { MEMBERS_PAGE_SIZE, type SetupLink } from '@/lib/companies/import-format';

export interface MemberRow {
  userId: number;
  /** The global username; null for an account that exists only inside this company. */
  username: string | null;
  role: Role;
  companyUsername: string | null;
  /** false until the person has set a password (a company-only account waiting for its setup link) */
  hasPassword: boolean;
}

export interface MemberPage {
  rows: MemberRow[];
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  query: string;
}

/** How the audit log and messages name a member. */
export function memberLabel(member: { userId: number; username: string | null; companyUsername: string | null }): string {
  return member.username ?? member.companyUsername ?? `user #${member.userId}`;
}

function likePattern(query: string): string {
  return `%${canonicalUsername(query, 'company').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

const memberColumns = {
  userId: memberships.userId,
  username: users.username,
  role: memberships.role,
  companyUsername: memberships.companyUsername,
  hasPassword: sql<number>`${users.passwordHash} is not null`,
};

/**
 * One page of a company's members, in name order, optionally only those whose global or company
 * username contains `query` (compared in canonical form: case and width do not matter).
 */
export function listMembers(
  acting: Acting | null,
  companyId: number,
  options: { query?: string; page?: number; pageSize?: number } = {},
): MemberPage {
  authorizeCompanyAdmin(acting, companyId);
  const query = (options.query ?? '').trim().slice(0, 100);
  const pageSize = Math.min(Math.max(options.pageSize ?? MEMBERS_PAGE_SIZE, 1), 200);
  const pattern = query === '' ? null : likePattern(query);
  const where = and(
    eq(memberships.companyId, companyId),
    pattern === null
      ? undefined
      : sql`(${users.usernameCanonical} like ${pattern} escape '\\' or ${memberships.companyUsernameCanonical} like ${pattern} escape '\\')`,
  );
  const db = getDb();
  const total = db.select({ n: count() }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(where).get()?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1) || 1, 1), pageCount);
  const rows = db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(where)
    .orderBy(asc(sql`coalesce(${users.usernameCanonical}, ${memberships.companyUsernameCanonical})`), asc(memberships.userId))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .all();
  return { rows: rows.map((r) => ({ ...r, hasPassword: r.hasPassword === 1 })), total, page, pageCount, pageSize, query };
}

function findMember(db: Db, companyId: number, userId: number): MemberRow {
  const row = db
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
    .get();
  if (!row) throw new HttpError('not_found', 'That person is not a member of this company.');
  return { ...row, hasPassword: row.hasPassword === 1 };
}

function adminCount(db: Db, companyId: number): number {
  return (
    db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.role, 'admin')))
      .get()?.n ?? 0
  );
}

/**
 * Sets, changes or (with '') removes a member's company username. The same rules as the live check
 * decide, again here; the unique index has the last word, so a name taken a moment ago is `taken`.
 */
export function setCompanyUsername(acting: Acting | null, companyId: number, userId: number, value: string): MemberRow {
  let display: string | null = null;
  try {
    return writeTransaction((db) => {
      const access = authorizeCompanyAdmin(acting, companyId, db);
      const member = findMember(db, companyId, userId);
      const forms = value === '' ? null : companyUsernameForms(value);
      display = forms?.display ?? null;
      if (!forms && member.username === null) {
        throw new HttpError(
          'conflict',
          'This account has no global username: its company username is how the person signs in, so it cannot be removed. Remove the member instead.',
          { errors: { companyUsername: ['This account signs in with its company username; it cannot be removed.'] } },
        );
      }
      if (member.companyUsername === (forms?.display ?? null)) return member;
      db.update(memberships)
        .set({ companyUsername: forms?.display ?? null, companyUsernameCanonical: forms?.canonical ?? null, updatedAt: new Date() })
        .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
        .run();
      recordAudit(db, access.audit, {
        action: forms ? 'member.company_username.set' : 'member.company_username.remove',
        companyId,
        target: memberLabel(member),
        details: { userId, from: member.companyUsername, to: forms?.display ?? null },
      });
      return { ...member, companyUsername: forms?.display ?? null };
    });
  } catch (error) {
    throw (display !== null && companyUsernameConflict(error, display)) || error;
  }
}

/** Makes a member an admin or a member; the company's last admin stays one (decided in the transaction). */
export function setMemberRole(acting: Acting | null, companyId: number, userId: number, role: Role): MemberRow {
  return writeTransaction((db) => {
    const access = authorizeCompanyAdmin(acting, companyId, db);
    if (role !== 'admin' && role !== 'member') throw new HttpError('validation_error', 'Choose admin or member.');
    const member = findMember(db, companyId, userId);
    if (member.role === role) return member;
    if (member.role === 'admin' && adminCount(db, companyId) <= 1) {
      throw new HttpError('conflict', `${memberLabel(member)} is the only admin of ${access.company.name}. Make someone else an admin first.`);
    }
    db.update(memberships)
      .set({ role, updatedAt: new Date() })
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
      .run();
    recordAudit(db, access.audit, {
      action: 'member.role',
      companyId,
      target: memberLabel(member),
      details: { userId, from: member.role, to: role },
    });
    return { ...member, role };
  });
}

/**
 * Takes a person out of the company; never its last admin. An account that existed only inside this
 * company (no global username, no other company) goes with it.
 */
export function removeMember(acting: Acting | null, companyId: number, userId: number): void {
  writeTransaction((db) => {
    const access = authorizeCompanyAdmin(acting, companyId, db);
    const member = findMember(db, companyId, userId);
    if (member.role === 'admin' && adminCount(db, companyId) <= 1) {
      throw new HttpError('conflict', `${memberLabel(member)} is the only admin of ${access.company.name}. Make someone else an admin first.`);
    }
    db.delete(memberships).where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId))).run();
    const elsewhere = db
      .select({ n: count() })
      .from(memberships)
      .where(and(eq(memberships.userId, userId), ne(memberships.companyId, companyId)))
      .get()?.n;
    const accountDeleted = member.username === null && !elsewhere;
    if (accountDeleted) db.delete(users).where(eq(users.id, userId)).run();
    recordAudit(db, access.audit, {
      action: 'member.remove',
      companyId,
      target: memberLabel(member),
      details: { userId, role: member.role, companyUsername: member.companyUsername, accountDeleted },
    });
  });
}

/** Adds an existing user, found by global username (any case or width), optionally with a company username. */
export function addExistingMember(
  acting: Acting | null,
  companyId: number,
  input: { username: string; role: Role; companyUsername?: string | null },
): MemberRow {
  return writeTransaction((db) => {
    const access = authorizeCompanyAdmin(acting, companyId, db);
    if (input.username.trim() === '') {
      throw new HttpError('validation_error', 'Give the global username of the person to add.', {
        errors: { username: ['Give a global username.'] },
      });
    }
    // lib/companies' addMember runs as a savepoint inside this transaction: authorization and change together.
    const added = addMember({ companyId, username: input.username, role: input.role, companyUsername: input.companyUsername || null }, access.audit);
    return findMember(db, companyId, added.userId);
  });
}

export interface CreatedAccount {
  member: MemberRow;
  setupLink: SetupLink;
}

/**
 * A new account that exists only inside this company: no global username and no password, but a
 * company username and a one-time setup link by which the person sets their own password.
 */
export function createCompanyAccount(
  acting: Acting | null,
  companyId: number,
  input: { companyUsername: string; role: Role },
): CreatedAccount {
  let display: string | null = null;
  try {
    return writeTransaction((db) => {
      const access = authorizeCompanyAdmin(acting, companyId, db);
      if (input.companyUsername === '') {
        throw new HttpError('validation_error', 'Give the new account a company username: the person signs in with it.', {
          errors: { companyUsername: ['Give a company username.'] },
        });
      }
      const forms = companyUsernameForms(input.companyUsername);
      display = forms.display;
      const role = input.role === 'admin' ? 'admin' : 'member';
      const user = db.insert(users).values({ username: null, passwordHash: null }).returning({ id: users.id }).get();
      db.insert(memberships)
        .values({ companyId, userId: user.id, role, companyUsername: forms.display, companyUsernameCanonical: forms.canonical })
        .run();
      const issued = issueSetupToken(db, user.id);
      recordAudit(db, access.audit, {
        action: 'member.create',
        companyId,
        target: forms.display,
        details: { userId: user.id, role },
      });
      return {
        member: { userId: user.id, username: null, role, companyUsername: forms.display, hasPassword: false },
        setupLink: toSetupLink(forms.display, issued),
      };
    });
  } catch (error) {
    throw (display !== null && companyUsernameConflict(error, display)) || error;
  }
}

export const EXPORT_COLUMNS = ['username', 'company_username', 'role'] as const;

/** Every member as CSV (`username,company_username,role`), in the import's format. */
export function exportMembersCsv(acting: Acting | null, companyId: number): { filename: string; csv: string } {
  const { company } = authorizeCompanyAdmin(acting, companyId);
  const rows = getDb()
    .select({ username: users.username, companyUsername: memberships.companyUsername, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.companyId, companyId))
    .orderBy(asc(sql`coalesce(${users.usernameCanonical}, ${memberships.companyUsernameCanonical})`), asc(memberships.userId))
    .all();
  return {
    filename: `${company.slug}-members.csv`,
    csv: toCsv(EXPORT_COLUMNS, rows.map((r) => [r.username ?? '', r.companyUsername ?? '', r.role])),
  };
}
