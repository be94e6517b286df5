import { isUniqueViolation } from '@/db/errors';
import { findCompanyById, findCompanyBySlug as findBySlug, insertCompany, type Company } from '@/db/queries/companies';
import { writeTransaction } from '@/db/transactions';
import { recordAudit, type Actor } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';
import { validateUsername } from '@/lib/usernames';

// A company and its own namespace: its slug (the login page's address) and the forms of its
// company usernames. Who may administer it: access.ts; its members: members.ts.

export type { Company };
export { findCompanyById };

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** A company slug as stored: lower case ASCII letters, digits and inner hyphens, 1 to 40 characters. */
export function normalizeSlug(slug: string): string {
  const value = slug.toLowerCase();
  if (!SLUG.test(value)) {
    throw new HttpError('validation_error', 'Use 1 to 40 lower-case letters, digits or inner hyphens for the slug.', {
      errors: { slug: ['Use 1 to 40 lower-case letters, digits or inner hyphens.'] },
    });
  }
  return value;
}

export function createCompany(input: { name: string; slug: string }, actor: Actor): Company {
  const name = input.name.trim();
  if (name.length === 0 || name.length > 100) {
    throw new HttpError('validation_error', 'Give the company a name of 1 to 100 characters.', {
      errors: { name: ['Use 1 to 100 characters.'] },
    });
  }
  const slug = normalizeSlug(input.slug);
  try {
    return writeTransaction(() => {
      const company = insertCompany({ name, slug });
      recordAudit(actor, { action: 'company.create', companyId: company.id, target: slug });
      return company;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'companies.slug')) {
      throw new HttpError('conflict', `The slug "${slug}" is already used by another company.`);
    }
    throw error;
  }
}

/** A company by its slug, in any case (slugs are stored in lower case). */
export function findCompanyBySlug(slug: string): Company | undefined {
  return findBySlug(slug.toLowerCase());
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
    return new HttpError('conflict', `Username "${companyUsername}" is already taken for this company`);
  }
  return null;
}
