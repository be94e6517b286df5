import { z } from 'zod';
import { PROBLEM_CODES, problemType } from '@/lib/http/problem';

// The request and response shapes of the documented endpoints: what the handlers parse with, and
// what /api/openapi.json is generated from.

export const REASONS = ['available', 'own_username', 'taken', 'similar', 'reserved', 'invalid'] as const;

export const CheckUserExistenceRequest = z
  .object({ username: z.string().describe('The username to check') })
  .meta({ example: { username: 'johndoe123' } });

export const CheckUserExistenceResponse = z
  .object({
    username: z.string().describe('The username as sent'),
    available: z.boolean(),
    reason: z.enum(REASONS).describe('Why: the first of invalid, own_username, reserved, taken, similar that applies'),
    message: z.string().describe('A plain-language verdict; for invalid names, which rule is broken and how to fix it'),
    suggestions: z.array(z.string()).max(3).describe('1 to 3 free, valid names when the reason is taken, similar or reserved'),
  })
  ;

export const RegisterRequest = z
  .strictObject({
    username: z.string().describe('The global username to register'),
    password: z.string().describe('8 to 256 characters'),
    email: z.email().max(254).optional(),
  })
  .meta({ example: { username: 'janedoe', password: 'a long passphrase' } });

export const RegisterResponse = z
  .object({ id: z.number().int(), username: z.string() })
  .meta({ example: { id: 42, username: 'janedoe' } });

export const CompanyCheckResponse = z
  .object({
    company_id: z.string().describe('The company id, as a string (as in the seed document)'),
    company_username: z.string().describe('The company username as sent, percent-decoded once'),
    is_available: z.boolean(),
    message: z.string(),
    reason: z.enum(REASONS).optional(),
    suggestions: z.array(z.string()).max(3).optional(),
  })
  ;

/** Every problem `type` the server sends, from the one table (lib/http/problem.ts PROBLEMS). */
const PROBLEM_TYPES = PROBLEM_CODES.map(problemType) as [string, ...string[]];

// Loose: a problem may carry extension members (a 409's `reason` and `suggestions`), as RFC 9457 allows.
export const Problem = z.looseObject({
  type: z.enum(PROBLEM_TYPES).describe('What went wrong; /docs explains each type'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.record(z.string(), z.array(z.string())).optional(),
});

/** A zod failure as the contract's `errors` map: field → messages. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) (errors[key] ??= []).push('This field is not accepted.');
      continue;
    }
    const field = issue.path.length > 0 ? issue.path.join('.') : 'body';
    const message =
      issue.code === 'invalid_type' && issue.input === undefined ? 'This field is required.' : issue.message;
    (errors[field] ??= []).push(message);
  }
  return errors;
}
