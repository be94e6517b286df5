import { findCompanyById, type Company } from '@/db/queries/companies';
import { findMembership } from '@/db/queries/memberships';
import { findUserById } from '@/db/queries/users';
import type { Actor } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';

// The one answer to "who may do what in this company". The admin screen, every server action and
// route handler, and the v2 check call it, each choosing its own 403-or-404; the person is taken from
// the session (never from the request body). Everything is read from the database on each call (the
// v2 check's token identity is cached only while the database is unchanged), so a role taken away by
// another admin or the CLI counts on the next request. Called inside a write transaction, the
// decision and the change see the same data.

/** The signed-in person acting on the admin screen: only their id, from the session. */
export interface Acting {
  userId: number;
}

export interface AdminViewer {
  userId: number;
  username: string | null;
  isPlatformAdmin: boolean;
}

export interface CompanyAccess {
  company: Company;
  viewer: AdminViewer;
  /** Who the audit log names for this person's actions. */
  audit: Actor;
}

/** Who asks the v2 check: a live API token, or a signed-in person. */
export type CheckCaller =
  | { kind: 'token'; token: { id: number; scope: 'platform' | 'company'; companyId: number | null } }
  | { kind: 'person'; viewer: AdminViewer };

/**
 * One answer for "no such company" and "not yours": a 404 that says nothing about which it was, so
 * an outsider learns nothing about the companies that exist.
 */
export function noSuchCompany(): HttpError {
  return new HttpError('not_found', 'There is no such company.');
}

function auditLabel(viewer: AdminViewer): string {
  return viewer.username ?? `user #${viewer.userId}`;
}

function actorOf(viewer: AdminViewer): Actor {
  return { userId: viewer.userId, label: auditLabel(viewer) };
}

/** The acting person as stored now, or null (signed out, or the account is gone). */
export async function adminViewer(acting: Acting | null | undefined): Promise<AdminViewer | null> {
  if (!acting || !Number.isSafeInteger(acting.userId)) return null;
  const user = await findUserById(acting.userId);
  return user ? { userId: user.id, username: user.username, isPlatformAdmin: user.isPlatformAdmin } : null;
}

/** The rule itself: a platform admin administers every company; anyone else only where their role is `admin`. */
export async function administers(viewer: AdminViewer, companyId: number): Promise<boolean> {
  return viewer.isPlatformAdmin || (await findMembership(companyId, viewer.userId))?.role === 'admin';
}

/**
 * The company, if the acting person administers it; otherwise a 404 (the admin screen does not say
 * whether a company exists to someone who may not see it).
 */
export async function authorizeCompanyAdmin(acting: Acting | null | undefined, companyId: number): Promise<CompanyAccess> {
  const viewer = await adminViewer(acting);
  if (!viewer || !Number.isSafeInteger(companyId) || companyId < 1) throw noSuchCompany();
  const company = await findCompanyById(companyId);
  if (!company || !(await administers(viewer, companyId))) throw noSuchCompany();
  return { company, viewer, audit: actorOf(viewer) };
}

/** The acting person, if they are a platform admin; otherwise a 404 (the feature does not exist for them). */
export async function authorizePlatformAdmin(acting: Acting | null | undefined): Promise<{ viewer: AdminViewer; audit: Actor }> {
  const viewer = await adminViewer(acting);
  if (!viewer?.isPlatformAdmin) throw new HttpError('not_found', 'There is nothing here.');
  return { viewer, audit: actorOf(viewer) };
}

/**
 * May this caller check the company's usernames (the v2 check)? The contract's answers: a company
 * token for another company, or a person who does not administer it → 403; a caller who may see every
 * company (a platform token or platform admin) asking about one that does not exist → 404. A company
 * token's own company exists (its row cascades away with the company), so it costs no lookup.
 */
export async function authorizeCompanyCheck(caller: CheckCaller, companyId: number): Promise<void> {
  const everyCompany = caller.kind === 'token' ? caller.token.scope === 'platform' : caller.viewer.isPlatformAdmin;
  if (everyCompany) {
    if (!(await findCompanyById(companyId))) throw new HttpError('not_found', `There is no company with id ${companyId}.`);
    return;
  }
  if (caller.kind === 'token') {
    if (caller.token.companyId !== companyId) throw new HttpError('forbidden', 'This token belongs to another company.');
    return;
  }
  if (!(await administers(caller.viewer, companyId))) {
    throw new HttpError('forbidden', 'Only an admin of this company may check its usernames.');
  }
}
