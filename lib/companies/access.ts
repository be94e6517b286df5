import { and, eq } from 'drizzle-orm';
import { getDb, type Db } from '@/db/client';
import { companies, memberships, users, type Company } from '@/db/schema';
import type { Actor } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';

// The one place that decides who may administer what. Every admin page, server action and route
// handler goes through a lib/admin function that calls one of these first, with the person taken
// from the session (never from the request body). Everything is re-read from the database on each
// call, so a role taken away by another admin or the CLI counts on the next request.

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

/** The acting person as stored now, or null (signed out, or the account is gone). */
export function adminViewer(acting: Acting | null | undefined, db: Db = getDb()): AdminViewer | null {
  if (!acting || !Number.isSafeInteger(acting.userId)) return null;
  const row = db
    .select({ userId: users.id, username: users.username, isPlatformAdmin: users.isPlatformAdmin })
    .from(users)
    .where(eq(users.id, acting.userId))
    .get();
  return row ?? null;
}

/**
 * The company, if the acting person administers it (role `admin`) or is a platform admin; otherwise
 * a 404. Pass the transaction's `db` to decide inside the transaction that makes the change.
 */
export function authorizeCompanyAdmin(acting: Acting | null | undefined, companyId: number, db: Db = getDb()): CompanyAccess {
  const viewer = adminViewer(acting, db);
  if (!viewer || !Number.isSafeInteger(companyId) || companyId < 1) throw noSuchCompany();
  const company = db.select().from(companies).where(eq(companies.id, companyId)).get();
  if (!company) throw noSuchCompany();
  if (!viewer.isPlatformAdmin) {
    const membership = db
      .select({ role: memberships.role })
      .from(memberships)
      .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, viewer.userId)))
      .get();
    if (membership?.role !== 'admin') throw noSuchCompany();
  }
  return { company, viewer, audit: { userId: viewer.userId, label: auditLabel(viewer) } };
}

/** The acting person, if they are a platform admin; otherwise a 404 (the feature does not exist for them). */
export function authorizePlatformAdmin(
  acting: Acting | null | undefined,
  db: Db = getDb(),
): { viewer: AdminViewer; audit: Actor } {
  const viewer = adminViewer(acting, db);
  if (!viewer?.isPlatformAdmin) throw new HttpError('not_found', 'There is nothing here.');
  return { viewer, audit: { userId: viewer.userId, label: auditLabel(viewer) } };
}
