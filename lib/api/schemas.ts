import { z } from 'zod';
import { HttpError, PROBLEM_CODES, problemType } from '@/lib/http/problem';

// The request and response shapes of the documented endpoints: what the handlers parse with, and
// what /api/openapi.json is generated from.

export const REASONS = ['available', 'own_username', 'taken', 'held', 'similar', 'reserved', 'invalid'] as const;

export const CheckUserExistenceRequest = z
  .object({ username: z.string().describe('The username to check') })
  .meta({ example: { username: 'johndoe123' } });

export const CheckUserExistenceResponse = z
  .object({
    username: z.string().describe('The username as sent'),
    available: z.boolean(),
    reason: z
      .enum(REASONS)
      .describe(
        'Why: the first of invalid, own_username, reserved, taken, held, similar that applies. held: given up by its owner recently and held for USERNAME_HOLD_DAYS (the message says until when); own_username also for a name the caller gave up that is still held for them',
      ),
    message: z.string().describe('A plain-language verdict; for invalid names, which rule is broken and how to fix it. In the language Accept-Language asks for (en, de, ar; English without the header)'),
    message_key: z.string().describe('A stable key for the message, the same in every language (username.verdict.taken, username.invalid.too_short, …)'),
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
    message: z.string().describe('In the language Accept-Language asks for (en, de, ar); without the header, English as in the seed document'),
    reason: z.enum(REASONS).optional(),
    message_key: z
      .string()
      .describe('A stable key for the message, the same in every language: base.user_is_available_for_this_company, base.user_is_already_taken_for_this_company, or the broken rule’s username.invalid.*')
      .optional(),
    suggestions: z.array(z.string()).max(3).optional(),
  })
  ;

/** How many names one bulk check may carry. */
export const MAX_BULK_USERNAMES = 1000;

/**
 * The bulk check's body limit, in the router's table of limits (lib/api/endpoints.ts): 1000 names
 * of the longest valid company username, 64 characters, fit even when every character takes four
 * bytes of UTF-8 (about 259,000 bytes).
 */
export const BULK_CHECK_MAX_BODY_BYTES = 256 * 1024;

/** The bulk check's 400 for a body that is not `{"usernames": [1 to 1000 strings]}`. */
export function invalidBulkCheckRequest(errors: Record<string, string[]>): HttpError {
  return new HttpError('validation_error', `Send {"usernames": [1 to ${MAX_BULK_USERNAMES} strings]} and no other field.`, { errors });
}

export const CompanyBulkCheckRequest = z
  .strictObject({
    usernames: z
      .array(z.string(), { error: 'Send the usernames as an array of strings.' })
      .min(1, 'Send at least one username.')
      .max(MAX_BULK_USERNAMES, `Send at most ${MAX_BULK_USERNAMES} usernames per request.`)
      .describe(`1 to ${MAX_BULK_USERNAMES} company usernames to check, as sent (not percent-encoded)`),
  })
  .meta({ example: { usernames: ['FB1234', 'FB12345'] } });

export const BULK_REASONS = [...REASONS, 'duplicate_in_request'] as const;

export const CompanyBulkCheckItem = CompanyCheckResponse.extend({
  company_username: z.string().describe('The company username as sent'),
  reason: z
    .enum(BULK_REASONS)
    .describe('As in the single check; duplicate_in_request when the canonical form repeats an earlier input of this request')
    .optional(),
});

export const CompanyBulkCheckResponse = z
  .array(CompanyBulkCheckItem)
  .describe('One item per input, in input order: what the single check answers for that name');

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

/**
 * Parses a request body with `schema`. Always with `reportInput`: zod 4 leaves an issue's input out
 * otherwise, and `fieldErrors` needs it to tell a missing field from one of the wrong type.
 */
export function parseRequest<T extends z.ZodType>(schema: T, value: unknown): z.ZodSafeParseResult<z.output<T>> {
  return schema.safeParse(value, { reportInput: true });
}

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
