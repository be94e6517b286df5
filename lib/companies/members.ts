import {
  countAdmins,
  countMemberRecords,
  countMembershipsElsewhere,
  deleteMembership,
  findMemberRecord,
  findMembership,
  insertMembership,
  listAllMemberRecords,
  listMemberRecords,
  updateCompanyUsername,
  updateRole,
  type MemberRecord,
} from '@/db/queries/memberships';
import { deleteInvitationOf } from '@/db/queries/invitations';
import { deleteUser, insertUser } from '@/db/queries/users';
import { writeTransaction } from '@/db/transactions';
import { findUserByUsername } from '@/lib/accounts/users';
import { issueSetupToken, toSetupLink, type SetupLink } from '@/lib/accounts/setup-links';
import { recordAudit, type Actor } from '@/lib/audit';
import { now } from '@/lib/clock';
import { companyHoldUntil } from '@/lib/holds';
import type { Company } from '@/db/queries/companies';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { companyUsernameConflict, companyUsernameForms, findCompanyById } from '@/lib/companies/companies';
import type { Role } from '@/lib/companies/roles';
import { toCsv } from '@/lib/companies/csv';
import { HttpError } from '@/lib/http/problem';
import { canonicalUsername } from '@/lib/usernames';

// A company's members: who belongs, in which role, under which company username. Operators (the CLI)
// add existing users directly (addMember); admins on /admin invite them instead
// (lib/companies/invitations.ts) and create company-only accounts here. The admin functions authorize
// first, inside the transaction that makes the change.

export const MEMBERS_PAGE_SIZE = 25;

export interface AddMemberInput {
  companyId: number;
  username: string;
  role?: Role;
  companyUsername?: string | null;
}

/** A member as the CLI prints one it added: the row without the password flag, and its company. */
export type MemberView = Omit<MemberRow, 'hasPassword'> & { companyId: number };

/**
 * Adds an existing user (by global username) to a company directly, optionally with a company
 * username: for operators (the CLI, the seed) and a platform admin's new company, never for a company
 * admin, who invites (lib/companies/invitations.ts). A pending invitation of theirs to the company is
 * settled by it.
 */
export async function addMember(input: AddMemberInput, actor: Actor): Promise<MemberView> {
  const company = await findCompanyById(input.companyId);
  if (!company) throw new HttpError('not_found', `There is no company with id ${input.companyId}.`);
  const user = await findUserByUsername(input.username);
  if (!user) throw new HttpError('not_found', `There is no user named "${input.username}".`);
  const role = input.role ?? 'member';
  const forms = input.companyUsername ? (await companyUsernameForms(input.companyUsername, company.id)) : null;
  try {
    return await writeTransaction(async () => {
      if ((await findMembership(company.id, user.id))) {
        throw new HttpError('conflict', `"${user.username}" is already a member of ${company.name}.`);
      }
      await deleteInvitationOf(company.id, user.id);
      await insertMembership(
        { companyId: company.id, userId: user.id, role, companyUsername: forms?.display ?? null, companyUsernameCanonical: forms?.canonical ?? null },
        { now: now(), holdUntil: null },
      );
      await recordAudit(actor, {
        action: 'member.add',
        companyId: company.id,
        target: user.username,
        details: { role, companyUsername: forms?.display ?? null },
      });
      return { companyId: company.id, userId: user.id, username: user.username, role, companyUsername: forms?.display ?? null };
    });
  } catch (error) {
    throw (forms && companyUsernameConflict(error, forms.display)) ?? error;
  }
}

/** A member as the admin screen lists them. */
export type MemberRow = MemberRecord;

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

/**
 * One page of a company's members, in name order, optionally only those whose global or company
 * username contains `query` (compared in canonical form: case and width do not matter).
 */
export async function listMembers(
  acting: Acting | null,
  companyId: number,
  options: { query?: string; page?: number; pageSize?: number } = {},
): Promise<MemberPage> {
  await authorizeCompanyAdmin(acting, companyId);
  const query = (options.query ?? '').trim().slice(0, 100);
  const pageSize = Math.min(Math.max(options.pageSize ?? MEMBERS_PAGE_SIZE, 1), 200);
  const part = query === '' ? null : canonicalUsername(query, 'company');
  const total = await countMemberRecords(companyId, part);
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(Math.max(Math.trunc(options.page ?? 1) || 1, 1), pageCount);
  const rows = await listMemberRecords(companyId, part, pageSize, (page - 1) * pageSize);
  return { rows, total, page, pageCount, pageSize, query };
}

async function findMember(companyId: number, userId: number): Promise<MemberRow> {
  const member = await findMemberRecord(companyId, userId);
  if (!member) throw new HttpError('not_found', 'That person is not a member of this company.');
  return member;
}

/** Who may change a company's members: an admin of it (authorized in the transaction), or an operator (the CLI). */
type CompanyAuthority = () => Promise<{ company: Company; audit: Actor }>;

const asAdmin = (acting: Acting | null, companyId: number): CompanyAuthority => () => authorizeCompanyAdmin(acting, companyId);

function asOperator(companyId: number, actor: Actor): CompanyAuthority {
  return async () => {
    const company = await findCompanyById(companyId);
    if (!company) throw new HttpError('not_found', `There is no company with id ${companyId}.`);
    return { company, audit: actor };
  };
}

/**
 * Sets, changes or (with '') removes a member's company username. The same rules as the live check
 * decide, again here; the unique index has the last word, so a name taken a moment ago is `taken`,
 * and one held for the company for someone else is `held`. The name replaced or removed is held for
 * the company for COMPANY_USERNAME_HOLD_DAYS (except for this member, who may take it back).
 */
export async function setCompanyUsername(acting: Acting | null, companyId: number, userId: number, value: string): Promise<MemberRow> {
  return applyCompanyUsername(asAdmin(acting, companyId), companyId, userId, value);
}

/** `setCompanyUsername` for an operator (the CLI's `member set`). */
export async function setCompanyUsernameAsOperator(companyId: number, userId: number, value: string, actor: Actor): Promise<MemberRow> {
  return applyCompanyUsername(asOperator(companyId, actor), companyId, userId, value);
}

async function applyCompanyUsername(authorize: CompanyAuthority, companyId: number, userId: number, value: string): Promise<MemberRow> {
  let display: string | null = null;
  try {
    return await writeTransaction(async () => {
      const access = await authorize();
      const member = await findMember(companyId, userId);
      const forms = value === '' ? null : await companyUsernameForms(value, companyId);
      display = forms?.display ?? null;
      if (!forms && member.username === null) {
        throw new HttpError(
          'conflict',
          'This account has no global username: its company username is how the person signs in, so it cannot be removed. Remove the member instead.',
          { errors: { companyUsername: ['This account signs in with its company username; it cannot be removed.'] } },
        );
      }
      if (member.companyUsername === (forms?.display ?? null)) return member;
      const at = now();
      await updateCompanyUsername(companyId, userId, forms?.display ?? null, forms?.canonical ?? null, { now: at, holdUntil: companyHoldUntil(at) });
      await recordAudit(access.audit, {
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
export async function setMemberRole(acting: Acting | null, companyId: number, userId: number, role: Role): Promise<MemberRow> {
  return writeTransaction(async () => {
    const access = await authorizeCompanyAdmin(acting, companyId);
    if (role !== 'admin' && role !== 'member') throw new HttpError('validation_error', 'Choose admin or member.');
    const member = await findMember(companyId, userId);
    if (member.role === role) return member;
    if (member.role === 'admin' && (await countAdmins(companyId)) <= 1) {
      throw new HttpError('conflict', `${memberLabel(member)} is the only admin of ${access.company.name}. Make someone else an admin first.`);
    }
    await updateRole(companyId, userId, role);
    await recordAudit(access.audit, {
      action: 'member.role',
      companyId,
      target: memberLabel(member),
      details: { userId, from: member.role, to: role },
    });
    return { ...member, role };
  });
}

/**
 * Takes a person out of the company; never its last admin. Their company username is held for the
 * company for COMPANY_USERNAME_HOLD_DAYS. An account that existed only inside this company (no global
 * username, no other company) goes with it.
 */
export async function removeMember(acting: Acting | null, companyId: number, userId: number): Promise<void> {
  await dropMember(asAdmin(acting, companyId), companyId, userId);
}

/** `removeMember` for an operator (the CLI's `member remove`). */
export async function removeMemberAsOperator(companyId: number, userId: number, actor: Actor): Promise<void> {
  await dropMember(asOperator(companyId, actor), companyId, userId);
}

async function dropMember(authorize: CompanyAuthority, companyId: number, userId: number): Promise<void> {
  await writeTransaction(async () => {
    const access = await authorize();
    const member = await findMember(companyId, userId);
    if (member.role === 'admin' && (await countAdmins(companyId)) <= 1) {
      throw new HttpError('conflict', `${memberLabel(member)} is the only admin of ${access.company.name}. Make someone else an admin first.`);
    }
    await deleteMembership(companyId, userId, companyHoldUntil(now()));
    const accountDeleted = member.username === null && (await countMembershipsElsewhere(userId, companyId)) === 0;
    if (accountDeleted) await deleteUser(userId, null);
    await recordAudit(access.audit, {
      action: 'member.remove',
      companyId,
      target: memberLabel(member),
      details: { userId, role: member.role, companyUsername: member.companyUsername, accountDeleted },
    });
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
export async function createCompanyAccount(
  acting: Acting | null,
  companyId: number,
  input: { companyUsername: string; role: Role },
): Promise<CreatedAccount> {
  let display: string | null = null;
  try {
    return await writeTransaction(async () => {
      const access = await authorizeCompanyAdmin(acting, companyId);
      if (input.companyUsername === '') {
        throw new HttpError('validation_error', 'Give the new account a company username: the person signs in with it.', {
          errors: { companyUsername: ['Give a company username.'] },
        });
      }
      const forms = await companyUsernameForms(input.companyUsername, companyId);
      display = forms.display;
      const role = input.role === 'admin' ? 'admin' : 'member';
      const user = await insertUser({ username: null, usernameCanonical: null, similarityKey: null, passwordHash: null });
      await insertMembership(
        { companyId, userId: user.id, role, companyUsername: forms.display, companyUsernameCanonical: forms.canonical },
        { now: now(), holdUntil: null },
      );
      const issued = await issueSetupToken(user.id);
      await recordAudit(access.audit, {
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
export async function exportMembersCsv(acting: Acting | null, companyId: number): Promise<{ filename: string; csv: string }> {
  const { company } = await authorizeCompanyAdmin(acting, companyId);
  const rows = await listAllMemberRecords(companyId);
  return {
    filename: `${company.slug}-members.csv`,
    csv: toCsv(EXPORT_COLUMNS, rows.map((r) => [r.username ?? '', r.companyUsername ?? '', r.role])),
  };
}
