// The verdict on a requested username: the reasons of the v1 check, in the contract's precedence
// order (invalid, own_username, reserved, taken, held, similar), with a plain message and suggestions.

import { companyRuleMessage, companyRuleViolation } from './company-rules';
import { isReserved } from './reserved';
import { similarityKey } from './similarity';
import { firstCandidateForms, suggestUsernames, type SuggestionOptions } from './suggestions';
import type { Availability, ManyAvailability, MessageRef, NameStore, Profile, Reason, ReservedRule, Viewer } from './types';
import { validateUsername } from './validate';

/**
 * The verdicts' messages (`username.verdict.<reason>`). In every language the catalogue's English
 * says "available" when the name can be used and "taken" when it (or a look-alike) is in use.
 */
export const AVAILABILITY_MESSAGES: Readonly<Record<Exclude<Reason, 'invalid' | 'held'>, MessageRef>> = {
  available: { key: 'username.verdict.available' },
  own_username: { key: 'username.verdict.own_username' },
  reserved: { key: 'username.verdict.reserved' },
  taken: { key: 'username.verdict.taken' },
  similar: { key: 'username.verdict.similar' },
};

/** A held name's message: until when it is held (`until` in milliseconds; the catalogue formats the date). */
export function heldMessage(until: Date): MessageRef {
  return { key: 'username.verdict.held', params: { until: until.getTime() } };
}

/** The v2 wording of a company username held for the company. */
export function heldCompanyNameMessage(asSent: string, until: Date): MessageRef {
  return { key: 'base.user_is_held_for_this_company', params: { username: asSent, until: until.getTime() } };
}

function isViewersOwn(viewer: Viewer, canonical: string, key: string | null): boolean {
  // Global names are the viewer's in any form that shares their key; company names by canonical form.
  if (key !== null && viewer.key !== null) return viewer.key === key;
  return viewer.canonical === canonical;
}

const ownUsername = (): Availability => ({ available: true, reason: 'own_username', message: AVAILABILITY_MESSAGES.own_username, suggestions: [] });

export async function checkAvailability(
  store: NameStore,
  input: string,
  profile: Profile,
  viewer?: Viewer,
  options: Pick<SuggestionOptions, 'random' | 'companyRules'> = {},
): Promise<Availability> {
  const validation = validateUsername(input, profile);
  if (!validation.ok) {
    const { key, params } = validation.errors[0]!;
    return { available: false, reason: 'invalid', message: params ? { key, params } : { key }, suggestions: [] };
  }
  const { canonical } = validation;
  const key = profile === 'global' ? similarityKey(canonical) : null;
  // A company's own rules (company names only): a broken length or pattern is `invalid` before
  // anything else is asked; a company-reserved name is `reserved`, after the viewer's own name.
  const companyRule = profile === 'company' && options.companyRules ? companyRuleViolation(input, options.companyRules, canonical) : null;
  if (companyRule?.reason === 'invalid') {
    return { available: false, reason: 'invalid', message: companyRuleMessage(input, companyRule), suggestions: [], rule: companyRule };
  }

  if (viewer && isViewersOwn(viewer, canonical, key)) return ownUsername();

  const refuse = async (reason: 'reserved' | 'taken' | 'similar', adminRules: readonly ReservedRule[]): Promise<Availability> => ({
    available: false,
    reason,
    message: AVAILABILITY_MESSAGES[reason],
    suggestions: await suggestUsernames(store, { input, canonical, key }, profile, { random: options.random, companyRules: options.companyRules, adminRules }),
  });

  // The stored name is asked first: a name the viewer gave up and that is still held for them is
  // theirs (own_username comes before reserved in the precedence: a rule made since does not take
  // it from them). Anyone else's hold is `held` for the name itself and `similar` for a look-alike.
  const found = await store.find({ canonical, key }, () => firstCandidateForms({ input, canonical, key }, profile, options.companyRules));
  const hold = found.hold ?? null;
  if (hold && viewer?.userId !== undefined && hold.forUserId === viewer.userId) return ownUsername();
  if (companyRule) return { ...(await refuse('reserved', [])), message: companyRuleMessage(input, companyRule), rule: companyRule };

  const adminRules = key === null ? [] : await store.reservedRules();
  if (key !== null && isReserved(key, adminRules)) return refuse('reserved', adminRules);

  if (found.canonicalTaken) {
    if (hold) return { available: false, reason: 'held', message: heldMessage(hold.until), suggestions: [] };
    return refuse('taken', adminRules);
  }
  if (found.similarTaken) return refuse('similar', adminRules);
  return { available: true, reason: 'available', message: AVAILABILITY_MESSAGES.available, suggestions: [] };
}

/**
 * The v2 company endpoints' message, quoting the name as sent. The keys of the available and taken
 * answers are the seed document's (`base.user_is_available_for_this_company`).
 */
export function companyAvailabilityMessage(asSent: string, availability: ManyAvailability): MessageRef {
  if (availability.reason === 'duplicate_in_request') {
    return { key: 'base.user_is_duplicate_in_request', params: { username: asSent, earlier: availability.repeats } };
  }
  if (availability.available) return { key: 'base.user_is_available_for_this_company', params: { username: asSent } };
  if (availability.reason === 'invalid') return availability.message;
  if (availability.reason === 'held') return { key: 'base.user_is_held_for_this_company', params: { ...availability.message.params, username: asSent } };
  // A company's own rules word their message for the v2 answer ("… is reserved by this company").
  if (availability.rule) return availability.message;
  return { key: 'base.user_is_already_taken_for_this_company', params: { username: asSent } };
}
