// A company's own format rules, its name and its slug, judged without a server.
//
// Client-safe on purpose (it imports nothing): the create-company form takes its `maxLength`,
// `pattern` and hint from here, and lib/companies/companies.ts enforces the very same values, so the
// browser can never be looser (or stricter) than the server.

/** A company's name: 1 to this many characters, once trimmed. */
export const COMPANY_NAME_MAX_LENGTH = 100;

/** A slug (the company's sign-in page is /login/<slug>): 1 to this many characters. */
export const SLUG_MAX_LENGTH = 40;

/**
 * The slug rule as an HTML `pattern`, which matches the whole value and takes no flags: ASCII letters
 * in either case, digits, and hyphens between them. The slug is stored in lower case. The server
 * tests this same pattern under the `u` flag, the browser under `v`; it uses only syntax that means
 * the same under both (hence the escaped hyphen).
 */
export const SLUG_PATTERN = `[a-zA-Z0-9](?:[a-zA-Z0-9\\-]{0,${SLUG_MAX_LENGTH - 2}}[a-zA-Z0-9])?`;

const SLUG = new RegExp(`^(?:${SLUG_PATTERN})$`, 'u');

/** The slug rule in words, for the form's hint and the refusals. */
export const SLUG_RULE = `1 to ${SLUG_MAX_LENGTH} lower-case letters, digits or inner hyphens`;

/** What the server and the form say about a slug that breaks the rule. */
export const SLUG_REFUSAL = `Use ${SLUG_RULE} for the slug.`;

/** The slug as stored (lower case), or null when it breaks the rule. */
export function parseSlug(input: string): string | null {
  return SLUG.test(input) ? input.toLowerCase() : null;
}

/** The create-company form's live answer about a slug. */
export interface SlugVerdict {
  slug: string;
  available: boolean;
  message: string;
}
