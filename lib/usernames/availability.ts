// The verdict on a requested username: the reasons of the v1 check, in the contract's precedence
// order (invalid, own_username, reserved, taken, similar), with a plain message and suggestions.

import { companyRuleViolation } from './company-rules';
import { isReserved } from './reserved';
import { similarityKey } from './similarity';
import { suggestUsernames, type SuggestionOptions } from './suggestions';
import type { Availability, ManyAvailability, NameStore, Profile, Reason, ReservedRule, Viewer } from './types';
import { validateUsername } from './validate';

/** Verdicts people read: "available" when the name can be used, "taken" when it (or a look-alike) is in use. */
export const AVAILABILITY_MESSAGES: Readonly<Record<Exclude<Reason, 'invalid'>, string>> = {
  available: 'That username is available.',
  own_username: "That's your current username, so it's available to you.",
  reserved: 'That username is reserved. Please choose another one.',
  taken: 'That username is taken.',
  similar: "That username is too similar to one that's taken.",
};

function isViewersOwn(viewer: Viewer, canonical: string, key: string | null): boolean {
  // Global names are the viewer's in any form that shares their key; company names by canonical form.
  if (key !== null && viewer.key !== null) return viewer.key === key;
  return viewer.canonical === canonical;
}

export async function checkAvailability(
  store: NameStore,
  input: string,
  profile: Profile,
  viewer?: Viewer,
  options: Pick<SuggestionOptions, 'random' | 'companyRules'> = {},
): Promise<Availability> {
  const validation = validateUsername(input, profile);
  if (!validation.ok) {
    return { available: false, reason: 'invalid', message: validation.errors[0]!.message, suggestions: [] };
  }
  const { canonical } = validation;
  const key = profile === 'global' ? similarityKey(canonical) : null;
  // A company's own rules (company names only): a broken length or pattern is `invalid` before
  // anything else is asked; a company-reserved name is `reserved`, after the viewer's own name.
  const companyRule = profile === 'company' && options.companyRules ? companyRuleViolation(input, options.companyRules, canonical) : null;
  if (companyRule?.reason === 'invalid') {
    return { available: false, reason: 'invalid', message: companyRule.message, suggestions: [], rule: companyRule };
  }

  if (viewer && isViewersOwn(viewer, canonical, key)) {
    return { available: true, reason: 'own_username', message: AVAILABILITY_MESSAGES.own_username, suggestions: [] };
  }

  const refuse = async (reason: 'reserved' | 'taken' | 'similar', adminRules: readonly ReservedRule[]): Promise<Availability> => ({
    available: false,
    reason,
    message: AVAILABILITY_MESSAGES[reason],
    suggestions: await suggestUsernames(store, { input, canonical, key }, profile, { ...options, adminRules }),
  });

  if (companyRule) return { ...(await refuse('reserved', [])), message: companyRule.message, rule: companyRule };

  const adminRules = key === null ? [] : await store.reservedRules();
  if (key !== null && isReserved(key, adminRules)) return refuse('reserved', adminRules);

  const found = await store.find({ canonical, key });
  if (found.canonicalTaken) return refuse('taken', adminRules);
  if (found.similarTaken) return refuse('similar', adminRules);
  return { available: true, reason: 'available', message: AVAILABILITY_MESSAGES.available, suggestions: [] };
}

/** The v2 company endpoints' message, quoting the name as sent. */
export function companyAvailabilityMessage(asSent: string, availability: ManyAvailability): string {
  if (availability.reason === 'duplicate_in_request') {
    return `Username "${asSent}" is the same as "${availability.repeats}", given earlier in this request`;
  }
  if (availability.available) return `Username "${asSent}" is available for this company`;
  if (availability.reason === 'invalid') return availability.message;
  // A company's own rules already word their message for the v2 answer ("… is reserved by this company").
  if (availability.rule) return availability.rule.message;
  return `Username "${asSent}" is already taken for this company`;
}
