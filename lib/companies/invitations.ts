import {
  countCompanyInvitations,
  deleteInvitation,
  findInvitationById,
  findInvitationOf,
  insertInvitation,
  listCompanyInvitationRecords,
  listInvitationsOfUser,
  type InvitationRecord,
} from '@/db/queries/invitations';
import { findCompanyUsernameHolder, findMembership, insertMembership } from '@/db/queries/memberships';
import { HeldNameError, isUniqueViolation } from '@/db/errors';
import { now } from '@/lib/clock';
import { writeTransaction } from '@/db/transactions';
import { findUserById, findUserByUsername } from '@/lib/accounts/users';
import { recordAudit, type Actor } from '@/lib/audit';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { companyUsernameForms } from '@/lib/companies/companies';
import { ROLES, type Role } from '@/lib/companies/roles';
import { HttpError } from '@/lib/http/problem';

// Invitations: how a company admin brings in someone who already has a global account. The person
// is asked, not added: until they accept on /account they are not a member, hold no company username
// there, and the company's admins have no say over their account (issue 15, hole 1: an admin who
// could add any global user could then take over a passwordless one with a setup link). Operators
// still add members directly (`cli member add`, lib/companies/members.ts addMember).
//
// Who may do what: an admin of the company (lib/companies/access.ts) invites, lists and withdraws;
// only the invited person, from their own session, sees, accepts or declines. Every decision is made
// inside the write transaction that acts on it.

/** A pending invitation as the company's admins see it. */
export interface CompanyInvitation {
  id: number;
  userId: number;
  username: string | null;
  role: Role;
  companyUsername: string | null;
  invitedBy: string | null;
  createdAt: Date;
}

export interface CompanyInvitationList {
  rows: CompanyInvitation[];
  /** Every pending invitation of the company; `rows` holds the newest of them. */
  total: number;
}

/** A pending invitation as the invited person sees it on /account. */
export interface InvitationOfMine {
  id: number;
  companyId: number;
  companyName: string;
  role: Role;
  companyUsername: string | null;
  invitedBy: string | null;
  createdAt: Date;
}

export interface AcceptedInvitation {
  companyId: number;
  companyName: string;
  role: Role;
  /** The company username the person now has there (null: none). */
  companyUsername: string | null;
  /** The one the invitation offered, when it could not be given (taken meanwhile, or no longer valid). */
  notGiven: string | null;
  /** They were a member already (an operator added them meanwhile): nothing changed but the invitation. */
  alreadyMember: boolean;
}

export const INVITATIONS_SHOWN = 100;

function noSuchInvitation(): HttpError {
  return new HttpError('not_found', 'There is no such invitation: it may have been withdrawn or answered already.');
}

function toCompanyInvitation(r: InvitationRecord): CompanyInvitation {
  return {
    id: r.id,
    userId: r.userId,
    username: r.username,
    role: r.role,
    companyUsername: r.companyUsername,
    invitedBy: r.invitedBy,
    createdAt: r.createdAt,
  };
}

/** The acting person as stored now, as the audit log names them; null when signed out or gone. */
async function person(acting: Acting | null | undefined): Promise<{ id: number; audit: Actor; username: string | null } | null> {
  if (!acting || !Number.isSafeInteger(acting.userId)) return null;
  const user = await findUserById(acting.userId);
  return user ? { id: user.id, username: user.username, audit: { userId: user.id, label: user.username ?? `user #${user.id}` } } : null;
}

/**
 * An invitation of the existing user with global username `input.username` (any case or width) to
 * join the company in `input.role`, optionally offering a company username. Refused for someone who
 * is a member already or invited already. An offered name must follow the rules and be free now;
 * whether it is still free is decided again when the person accepts.
 */
export async function inviteMember(
  acting: Acting | null,
  companyId: number,
  input: { username: string; role: Role; companyUsername?: string | null },
): Promise<CompanyInvitation> {
  const offered = input.companyUsername ? input.companyUsername : null;
  try {
    return await writeTransaction(async () => {
      const access = await authorizeCompanyAdmin(acting, companyId);
      if (input.username.trim() === '') {
        throw new HttpError('validation_error', 'Give the global username of the person to invite.', {
          errors: { username: ['Give a global username.'] },
        });
      }
      if (!ROLES.includes(input.role)) throw new HttpError('validation_error', 'Choose admin or member.');
      const forms = offered === null ? null : await companyUsernameForms(offered, companyId);
      const user = await findUserByUsername(input.username);
      if (!user) {
        throw new HttpError('not_found', `There is no user named "${input.username}".`, {
          errors: { username: ['There is no user with this global username.'] },
        });
      }
      const name = user.username ?? input.username;
      if ((await findMembership(companyId, user.id))) {
        throw new HttpError('conflict', `"${name}" is already a member of ${access.company.name}.`);
      }
      if ((await findInvitationOf(companyId, user.id))) {
        throw new HttpError('conflict', `"${name}" has been invited already and has not answered yet.`);
      }
      if (forms && (await findCompanyUsernameHolder(companyId, forms.canonical)) !== undefined) {
        const taken = `Username "${forms.display}" is already taken for this company`;
        throw new HttpError('conflict', taken, { errors: { companyUsername: [taken] } });
      }
      const { id } = await insertInvitation({
        companyId,
        userId: user.id,
        role: input.role,
        companyUsername: forms?.display ?? null,
        invitedBy: access.viewer.userId,
      });
      await recordAudit(access.audit, {
        action: 'invitation.create',
        companyId,
        target: name,
        details: { userId: user.id, role: input.role, companyUsername: forms?.display ?? null },
      });
      return toCompanyInvitation((await findInvitationById(id))!);
    });
  } catch (error) {
    // Another writer invited them between our look and our insert: the unique index says so.
    if (isUniqueViolation(error, 'invitations.company_id')) {
      throw new HttpError('conflict', `"${input.username}" has been invited already and has not answered yet.`);
    }
    throw error;
  }
}

/** The company's pending invitations, newest first (at most `limit`, with the total). */
export async function listCompanyInvitations(acting: Acting | null, companyId: number, limit = INVITATIONS_SHOWN): Promise<CompanyInvitationList> {
  await authorizeCompanyAdmin(acting, companyId);
  const rows = (await listCompanyInvitationRecords(companyId, Math.min(Math.max(limit, 1), 1000))).map(toCompanyInvitation);
  return { rows, total: await countCompanyInvitations(companyId) };
}

/** An admin takes back a pending invitation of their company. */
export async function withdrawInvitation(acting: Acting | null, companyId: number, invitationId: number): Promise<CompanyInvitation> {
  return writeTransaction(async () => {
    const access = await authorizeCompanyAdmin(acting, companyId);
    const invitation = Number.isSafeInteger(invitationId) ? (await findInvitationById(invitationId)) : undefined;
    if (!invitation || invitation.companyId !== companyId) throw noSuchInvitation();
    if (!(await deleteInvitation(invitation.id))) throw noSuchInvitation();
    await recordAudit(access.audit, {
      action: 'invitation.withdraw',
      companyId,
      target: invitation.username ?? `user #${invitation.userId}`,
      details: { userId: invitation.userId, role: invitation.role, companyUsername: invitation.companyUsername },
    });
    return toCompanyInvitation(invitation);
  });
}

/** The signed-in person's own pending invitations, by company name; none for anyone signed out. */
export async function listMyInvitations(acting: Acting | null): Promise<InvitationOfMine[]> {
  const me = await person(acting);
  if (!me) return [];
  return (await listInvitationsOfUser(me.id)).map((r) => ({
    id: r.id,
    companyId: r.companyId,
    companyName: r.companyName,
    role: r.role,
    companyUsername: r.companyUsername,
    invitedBy: r.invitedBy,
    createdAt: r.createdAt,
  }));
}

/** The acting person's own invitation, or a 404 that is the same for someone else's and for none. */
async function ownInvitation(acting: Acting | null, invitationId: number): Promise<{ me: NonNullable<Awaited<ReturnType<typeof person>>>; invitation: InvitationRecord }> {
  const me = await person(acting);
  const invitation = me && Number.isSafeInteger(invitationId) ? (await findInvitationById(invitationId)) : undefined;
  if (!me || !invitation || invitation.userId !== me.id) throw noSuchInvitation();
  return { me, invitation };
}

/** The offered company username's stored forms if it still follows the rules; else null. */
async function stillValid(companyUsername: string | null, companyId: number): Promise<{ display: string; canonical: string } | null> {
  if (companyUsername === null) return null;
  try {
    return await companyUsernameForms(companyUsername, companyId);
  } catch (error) {
    if (error instanceof HttpError) return null;
    throw error;
  }
}

/**
 * The invited person accepts: in one transaction they become a member in the invitation's role,
 * with the company username offered if it is still free (the memberships' unique index decides),
 * else without one, which the answer says.
 */
export async function acceptInvitation(acting: Acting | null, invitationId: number): Promise<AcceptedInvitation> {
  return writeTransaction(async () => {
    const { me, invitation } = await ownInvitation(acting, invitationId);
    const { companyId, role } = invitation;
    if (!(await deleteInvitation(invitation.id))) throw noSuchInvitation();
    const existing = await findMembership(companyId, me.id);
    if (existing) {
      await recordAudit(me.audit, { action: 'invitation.accept', companyId, target: me.audit.label, details: { role: existing.role, alreadyMember: true } });
      return { companyId, companyName: invitation.companyName, role: existing.role, companyUsername: existing.companyUsername, notGiven: null, alreadyMember: true };
    }
    const forms = await stillValid(invitation.companyUsername, invitation.companyId);
    let given: string | null = null;
    if (forms) {
      try {
        // A savepoint: a name taken since the invitation fails here alone, and the membership is
        // then made without it.
        await writeTransaction(() =>
          insertMembership(
            { companyId, userId: me.id, role, companyUsername: forms.display, companyUsernameCanonical: forms.canonical },
            { now: now(), holdUntil: null },
          ),
        );
        given = forms.display;
      } catch (error) {
        // Taken or held for the company since the invitation: the membership without it.
        if (!isUniqueViolation(error, 'company_username_canonical') && !(error instanceof HeldNameError)) throw error;
      }
    }
    if (given === null) {
      await insertMembership({ companyId, userId: me.id, role, companyUsername: null, companyUsernameCanonical: null }, { now: now(), holdUntil: null });
    }
    const notGiven = given === null ? invitation.companyUsername : null;
    await recordAudit(me.audit, {
      action: 'invitation.accept',
      companyId,
      target: me.audit.label,
      details: { role, companyUsername: given, notGiven },
    });
    return { companyId, companyName: invitation.companyName, role, companyUsername: given, notGiven, alreadyMember: false };
  });
}

/** The invited person says no: the invitation goes, and nothing else changes. */
export async function declineInvitation(acting: Acting | null, invitationId: number): Promise<{ companyName: string }> {
  return writeTransaction(async () => {
    const { me, invitation } = await ownInvitation(acting, invitationId);
    if (!(await deleteInvitation(invitation.id))) throw noSuchInvitation();
    await recordAudit(me.audit, {
      action: 'invitation.decline',
      companyId: invitation.companyId,
      target: me.audit.label,
      details: { role: invitation.role },
    });
    return { companyName: invitation.companyName };
  });
}
