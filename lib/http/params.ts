import { HttpError } from '@/lib/http/problem';

// Ids in paths and forms: what the v2 checks' {companyId}, the admin pages' /admin/companies/{id}
// and the admin forms' hidden id fields accept.

export const MAX_ID = Number.MAX_SAFE_INTEGER;

const PLAIN_DECIMAL = /^[1-9][0-9]{0,15}$/;

/**
 * An id: an integer from 1 to 2^53−1 (9007199254740991) in plain decimal, nothing around it (no
 * sign, leading zero, exponent, space or fraction). Null for anything else.
 */
export function parseId(raw: string): number | null {
  if (!PLAIN_DECIMAL.test(raw)) return null;
  const id = Number(raw);
  return id <= MAX_ID ? id : null;
}

/** The v2 checks' 400 for a `{companyId}` that `parseId` refuses. */
export function invalidCompanyId(): HttpError {
  return new HttpError('validation_error', `companyId must be an integer from 1 to ${MAX_ID} in plain decimal.`, {
    errors: { companyId: [`Use an integer from 1 to ${MAX_ID}.`] },
  });
}

/** The v2 checks' `{companyId}`, or their 400 problem naming the rule. */
export function companyIdFromPath(raw: string): number {
  const id = parseId(raw);
  if (id === null) throw invalidCompanyId();
  return id;
}
