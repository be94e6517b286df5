import { english, translate } from '@/lib/i18n/translate';
import { HeldNameError, isUniqueViolation } from '@/db/errors';
import { findCompanyById, findCompanyBySlug as findBySlug, insertCompany, type Company } from '@/db/queries/companies';
import { writeTransaction } from '@/db/transactions';
import { recordAudit, type Actor } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';
import { companyRuleViolation, heldCompanyNameMessage, validateUsername } from '@/lib/usernames';
import { companyUsernameRules } from '@/lib/companies/username-rules';
import { COMPANY_NAME_MAX_LENGTH, parseSlug, SLUG_REFUSAL, SLUG_RULE } from '@/lib/companies/rules';

// A company and its own namespace: its slug (the login page's address) and the forms of its
// company usernames. Who may administer it: access.ts; its members: members.ts.

export type { Company };
export { findCompanyById };

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

export async function createCompany(input: { name: string; slug: string }, actor: Actor): Promise<Company> {
  const name = input.name.trim();
  if (name.length === 0 || name.length > COMPANY_NAME_MAX_LENGTH) {
    throw new HttpError('validation_error', `Give the company a name of 1 to ${COMPANY_NAME_MAX_LENGTH} characters.`, {
      errors: { name: [`Use 1 to ${COMPANY_NAME_MAX_LENGTH} characters.`] },
    });
  }
  const slug = normalizeSlug(input.slug);
  try {
    return await writeTransaction(async () => {
      const company = await insertCompany({ name, slug });
      await recordAudit(actor, { action: 'company.create', companyId: company.id, target: slug });
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
export async function findCompanyBySlug(slug: string): Promise<Company | undefined> {
  return findBySlug(slug.toLowerCase());
}

/**
 * The stored forms of a company username, or a 400 naming the broken rule: the company profile's
 * format rules, then company `companyId`'s own rules (lengths, pattern, reserved names).
 */
export async function companyUsernameForms(companyUsername: string, companyId: number): Promise<{ display: string; canonical: string }> {
  const validation = validateUsername(companyUsername, 'company');
  if (!validation.ok) {
    throw new HttpError('validation_error', translate(validation.errors[0]!), {
      errors: { companyUsername: validation.errors.map((e) => translate(e)) },
      messageRef: validation.errors[0],
    });
  }
  const broken = companyRuleViolation(companyUsername, await companyUsernameRules(companyId), validation.canonical);
  if (broken) {
    throw new HttpError('validation_error', `${broken.message}.`, {
      errors: { companyUsername: [`${broken.message}.`] },
      extensions: { reason: broken.reason },
    });
  }
  return { display: companyUsername, canonical: validation.canonical };
}

export function companyUsernameConflict(error: unknown, companyUsername: string): HttpError | null {
  if (error instanceof HeldNameError) {
    const message = heldCompanyNameMessage(companyUsername, error.heldUntil);
    return new HttpError('conflict', english(message.key, message.params), { extensions: { reason: 'held' }, messageRef: message });
  }
  if (isUniqueViolation(error, 'company_username_canonical')) {
    return new HttpError('conflict', `Username "${companyUsername}" is already taken for this company`, { extensions: { reason: 'taken' } });
  }
  return null;
}
