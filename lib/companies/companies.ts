import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { writeTransaction } from '@/db/transactions';
import { companies, memberships, type Company } from '@/db/schema';
import { recordAudit, type Actor } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';
import { isUniqueViolation } from '@/db/errors';
import { findUserByUsername } from '@/lib/accounts/users';
import { validateUsername } from '@/lib/usernames';
import { COMPANY_NAME_MAX_LENGTH, parseSlug, SLUG_REFUSAL, SLUG_RULE } from '@/lib/companies/rules';

export type Role = 'admin' | 'member';

/** A company slug as stored (lib/companies/rules.ts has the rule), or a 400 that says the rule. */
export function normalizeSlug(slug: string): string {
  const value = parseSlug(slug);
  if (value === null) {
    throw new HttpError('validation_error', SLUG_REFUSAL, {
      errors: { slug: [`Use ${SLUG_RULE}.`] },
    });
  }
  return value;
}

export function createCompany(input: { name: string; slug: string }, actor: Actor): Company {
  const name = input.name.trim();
  if (name.length === 0 || name.length > COMPANY_NAME_MAX_LENGTH) {
    throw new HttpError('validation_error', `Give the company a name of 1 to ${COMPANY_NAME_MAX_LENGTH} characters.`, {
      errors: { name: [`Use 1 to ${COMPANY_NAME_MAX_LENGTH} characters.`] },
    });
  }
  const slug = normalizeSlug(input.slug);
  try {
    return writeTransaction((db) => {
      const company = db.insert(companies).values({ name, slug }).returning().get();
      recordAudit(db, actor, { action: 'company.create', companyId: company.id, target: slug });
      return company;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'companies.slug')) {
      throw new HttpError('conflict', `The slug "${slug}" is already used by another company.`);
    }
    throw error;
  }
}

export function findCompanyById(id: number): Company | undefined {
  return getDb().select().from(companies).where(eq(companies.id, id)).get();
}

export function findCompanyBySlug(slug: string): Company | undefined {
  return getDb().select().from(companies).where(eq(companies.slug, slug.toLowerCase())).get();
}

/** The stored forms of a company username, or a 400 naming the broken rules. */
export function companyUsernameForms(companyUsername: string): { display: string; canonical: string } {
  const validation = validateUsername(companyUsername, 'company');
  if (!validation.ok) {
    throw new HttpError('validation_error', validation.errors[0]?.message ?? 'This company username cannot be used.', {
      errors: { companyUsername: validation.errors.map((e) => e.message) },
    });
  }
  return { display: companyUsername, canonical: validation.canonical };
}

export function companyUsernameConflict(error: unknown, companyUsername: string): HttpError | null {
  if (isUniqueViolation(error, 'company_username_canonical')) {
    return new HttpError('conflict', `Username "${companyUsername}" is already taken for this company`, { extensions: { reason: 'taken' } });
  }
  return null;
}

export interface AddMemberInput {
  companyId: number;
  username: string;
  role?: Role;
  companyUsername?: string | null;
}

export interface MemberView {
  companyId: number;
  userId: number;
  username: string | null;
  role: Role;
  companyUsername: string | null;
}

/** Adds an existing user (by global username) to a company, optionally with a company username. */
export function addMember(input: AddMemberInput, actor: Actor): MemberView {
  const company = findCompanyById(input.companyId);
  if (!company) throw new HttpError('not_found', `There is no company with id ${input.companyId}.`);
  const user = findUserByUsername(input.username);
  if (!user) throw new HttpError('not_found', `There is no user named "${input.username}".`);
  const role = input.role ?? 'member';
  const forms = input.companyUsername ? companyUsernameForms(input.companyUsername) : null;
  try {
    return writeTransaction((db) => {
      const existing = db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.companyId, company.id), eq(memberships.userId, user.id)))
        .get();
      if (existing) {
        throw new HttpError('conflict', `"${user.username}" is already a member of ${company.name}.`);
      }
      db.insert(memberships)
        .values({
          companyId: company.id,
          userId: user.id,
          role,
          companyUsername: forms?.display ?? null,
          companyUsernameCanonical: forms?.canonical ?? null,
        })
        .run();
      recordAudit(db, actor, {
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

/** The role a user holds in a company, or null when they are not a member. Read fresh every time. */
export function roleInCompany(companyId: number, userId: number): Role | null {
  const row = getDb()
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.companyId, companyId), eq(memberships.userId, userId)))
    .get();
  return row?.role ?? null;
}
