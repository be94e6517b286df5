// The username policy: pure TypeScript, no framework, no database. Server code imports from here.
// Browser code imports `@/lib/usernames/rules` instead, which holds the format rules without the
// case-folding data, the confusables table or the reserved lists.

export type {
  Availability,
  Hold,
  NameMatch,
  ManyAvailability,
  MessageRef,
  NameSetStore,
  NameStore,
  Profile,
  Reason,
  ReservedRule,
  RuleViolation,
  StoredForms,
  Validation,
  Viewer,
} from './types';
export type { RuleCode } from './rules';
export { USERNAME_LENGTH, approximateCanonicalUsername, checkUsernameFormat, validateFormat } from './rules';
export { canonicalUsername } from './canonical';
export { validateUsername } from './validate';
export { similarityKey } from './similarity';
export { usernameForms } from './forms';
export { ROUTE_NAMES, NOT_RESERVED_ORDINARY_WORDS, isReserved, reservedRule, reservedRuleMatches } from './reserved';
export { MAX_SUGGESTIONS, firstCandidateForms, suggestUsernames, type RequestedName, type SuggestionOptions } from './suggestions';
export { AVAILABILITY_MESSAGES, checkAvailability, companyAvailabilityMessage, heldCompanyNameMessage, heldMessage } from './availability';
export { MAX_QUESTION_ROUNDS, checkAvailabilityOfMany } from './many';
export {
  COMPANY_RULE_LENGTH,
  NO_COMPANY_RULES,
  companyRuleViolation,
  fullMatchPattern,
  matchesCompanyPattern,
  type CompanyRuleCode,
  type CompanyRuleViolation,
  type CompanyUsernameRules,
} from './company-rules';
