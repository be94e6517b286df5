import { canonicalUsername } from './canonical';
import { validateFormat } from './rules';
import type { Profile, Validation } from './types';

/** The authoritative format check: the rules of rules.ts applied to the full canonical form. */
export function validateUsername(input: string, profile: Profile): Validation {
  return validateFormat(input, canonicalUsername(input, profile), profile);
}
