// Pending invitations to join a company (see the `invitations` table in db/schema.ts): a row exists
// only while its invitation waits for an answer.
import { and, asc, count, desc, eq } from 'drizzle-orm';
// sqlite-core's alias is pg-core's, line for line (a Proxy over the table): it serves both engines' tables.
import { alias } from 'drizzle-orm/sqlite-core';
import { first, getDb, one } from '@/db/client';
import { companies, invitations, users } from '@/db/tables';
import type { Invitation } from '@/db/schema';

export type { Invitation };

export interface NewInvitation {
  companyId: number;
  userId: number;
  role: Invitation['role'];
  companyUsername: string | null;
  invitedBy: number | null;
}

/** An invitation with the names a page shows: the company, the invited person, who invited them. */
export interface InvitationRecord {
  id: number;
  companyId: number;
  companyName: string;
  companySlug: string;
  userId: number;
  /** The invited person's global username (only people who have one can be invited). */
  username: string | null;
  role: Invitation['role'];
  /** The company username offered, as the admin typed it; decided when the person accepts. */
  companyUsername: string | null;
  /** The inviting admin's global username; null once that account is gone. */
  invitedBy: string | null;
  createdAt: Date;
}

/** Inserts an invitation; a second pending one for the same company and person fails on its unique index. */
export async function insertInvitation(row: NewInvitation): Promise<{ id: number }> {
  return getDb().insert(invitations).values(row).returning({ id: invitations.id }).then(one);
}

const inviter = alias(users, 'inviter');

function records() {
  return getDb()
    .select({
      id: invitations.id,
      companyId: invitations.companyId,
      companyName: companies.name,
      companySlug: companies.slug,
      userId: invitations.userId,
      username: users.username,
      role: invitations.role,
      companyUsername: invitations.companyUsername,
      invitedBy: inviter.username,
      createdAt: invitations.createdAt,
    })
    .from(invitations)
    .innerJoin(companies, eq(companies.id, invitations.companyId))
    .innerJoin(users, eq(users.id, invitations.userId))
    .leftJoin(inviter, eq(inviter.id, invitations.invitedBy));
}

export async function findInvitationById(id: number): Promise<InvitationRecord | undefined> {
  return records().where(eq(invitations.id, id)).then(first);
}

/** The pending invitation of `userId` to `companyId`, if there is one. */
export async function findInvitationOf(companyId: number, userId: number): Promise<InvitationRecord | undefined> {
  return records()
    .where(and(eq(invitations.companyId, companyId), eq(invitations.userId, userId)))
    .then(first);
}

/** Removes an invitation; true for the one caller that removed it (two answers at once: one wins). */
export async function deleteInvitation(id: number): Promise<boolean> {
  const gone = await getDb().delete(invitations).where(eq(invitations.id, id)).returning({ id: invitations.id });
  return gone.length === 1;
}

/** Removes the pending invitation of `userId` to `companyId`, if any (they joined another way). */
export async function deleteInvitationOf(companyId: number, userId: number): Promise<void> {
  await getDb()
    .delete(invitations)
    .where(and(eq(invitations.companyId, companyId), eq(invitations.userId, userId)))
    ;
}

/** A company's pending invitations, newest first. */
export async function listCompanyInvitationRecords(companyId: number, limit: number): Promise<InvitationRecord[]> {
  return records()
    .where(eq(invitations.companyId, companyId))
    .orderBy(desc(invitations.createdAt), desc(invitations.id))
    .limit(limit)
    ;
}

export async function countCompanyInvitations(companyId: number): Promise<number> {
  return (await getDb().select({ n: count() }).from(invitations).where(eq(invitations.companyId, companyId)).then(first))?.n ?? 0;
}

/** A person's pending invitations, by company name. */
export async function listInvitationsOfUser(userId: number): Promise<InvitationRecord[]> {
  return records()
    .where(eq(invitations.userId, userId))
    .orderBy(asc(companies.name), asc(invitations.id))
    ;
}
