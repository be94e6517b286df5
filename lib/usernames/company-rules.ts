// A company's own username rules, on top of the company profile's format rules (rules.ts): length
// bounds inside 1–64, a pattern the whole name as sent must match, and names the company keeps for
// itself (compared by canonical form). One function, `companyRuleViolation`, decides whether a name
// breaks them and which rule; the checks (single and bulk), the admin screen, CSV import and the
// company login all ask it.
//
// Pure and framework-free like the rest of lib/usernames. Whether a pattern is safe to run is
// decided when it is set (lib/companies/username-rules.ts refuses any pattern with super-linear
// backtracking), so running a stored pattern here is linear in the name, which is at most 64
// characters.

import { canonicalUsername } from './canonical';
import { USERNAME_LENGTH } from './lengths';
import { codePointLength } from './rules';
import type { CompanyRuleViolation, CompanyUsernameRules, MessageRef } from './types';

export type { CompanyRuleViolation, CompanyUsernameRules };

/** The bounds a company may choose its own length limits within: the company profile's. */
export const COMPANY_RULE_LENGTH = USERNAME_LENGTH.company;

/** No rules of its own: the company profile's rules alone. */
export const NO_COMPANY_RULES: CompanyUsernameRules = Object.freeze({
  minLength: COMPANY_RULE_LENGTH.min,
  maxLength: COMPANY_RULE_LENGTH.max,
  pattern: null,
  reserved: new Set<string>(),
});

export type CompanyRuleCode = CompanyRuleViolation['code'];

const characters = (n: number) => `${n} ${n === 1 ? 'character' : 'characters'}`;

/**
 * The pattern as the checks run it: anchored at both ends around a group, so that the whole name
 * must match (`FB\d+` refuses `xFB1`), with the `u` flag. Throws SyntaxError for invalid syntax.
 */
export function fullMatchPattern(pattern: string): RegExp {
  return new RegExp(`^(?:${pattern})$`, 'u');
}

// Compiled patterns by source: a check compiles its company's pattern once, not once per name or
// per request. Bounded, since every company may have its own.
const compiled = new Map<string, RegExp | null>();
const MAX_COMPILED = 256;

function compiledPattern(pattern: string): RegExp | null {
  let regexp = compiled.get(pattern);
  if (regexp === undefined) {
    try {
      regexp = fullMatchPattern(pattern);
    } catch {
      // Patterns are checked when they are set; one that no longer compiles matches nothing.
      regexp = null;
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(pattern, regexp);
  }
  return regexp;
}

/** Does the whole name, as sent, match the pattern? */
export function matchesCompanyPattern(asSent: string, pattern: string): boolean {
  return compiledPattern(pattern)?.test(asSent) ?? false;
}

/**
 * The company rule that `asSent` breaks, or null. Call it for a name that already follows the
 * company profile's format rules; `canonical` is its canonical form (computed here when omitted).
 * Length first, then the pattern, then the reserved names: a name is `invalid` before it is
 * `reserved`, as in the v1 check's precedence.
 */
export function companyRuleViolation(asSent: string, rules: CompanyUsernameRules, canonical?: string): CompanyRuleViolation | null {
  const form = canonical ?? canonicalUsername(asSent, 'company');
  const length = codePointLength(form);
  if (length < rules.minLength) {
    return {
      code: 'company_too_short',
      reason: 'invalid',
      params: { min: rules.minLength },
      message: `Username "${asSent}" is too short for this company (at least ${characters(rules.minLength)})`,
    };
  }
  if (length > rules.maxLength) {
    return {
      code: 'company_too_long',
      reason: 'invalid',
      params: { max: rules.maxLength },
      message: `Username "${asSent}" is too long for this company (at most ${characters(rules.maxLength)})`,
    };
  }
  if (rules.pattern !== null && !matchesCompanyPattern(asSent, rules.pattern)) {
    return {
      code: 'company_pattern',
      reason: 'invalid',
      params: { pattern: rules.pattern },
      message: `Username "${asSent}" does not match this company's pattern (${rules.pattern})`,
    };
  }
  if (rules.reserved.size > 0 && rules.reserved.has(form)) {
    return { code: 'company_reserved', reason: 'reserved', params: {}, message: `Username "${asSent}" is reserved by this company` };
  }
  return null;
}

/**
 * The violation as a message of the catalogue (lib/i18n/messages: `username.company_rules.*`), for
 * the edges that speak the caller's language; `violation.message` is its English text.
 */
export function companyRuleMessage(asSent: string, violation: CompanyRuleViolation): MessageRef {
  return { key: `username.company_rules.${violation.code.replace(/^company_/, '')}`, params: { username: asSent, ...violation.params } };
}
