// Suggestions when a name is taken, too similar or reserved: variants of the requested name with
// a number appended, each valid under the same profile, not reserved, and free in the store.
// Built only from the requested name (never from other people's names), deterministic, and
// checked a group at a time with `store.free`: variants 1–3, then 4–6 if fewer than three were free.
// If none of the six is free, one more group with random numbers, which also holds a few neutral
// `user<number>` names for the case where every variant of the request is caught by an admin
// `prefix` rule.

import { companyRuleViolation, type CompanyUsernameRules } from './company-rules';
import { isReserved } from './reserved';
import { USERNAME_LENGTH } from './rules';
import { similarityKey } from './similarity';
import type { NameStore, Profile, ReservedRule, StoredForms } from './types';
import { validateUsername } from './validate';

export const MAX_SUGGESTIONS = 3;
// The first six variants, asked three at a time: three free names (the common case) end the search
// after three index probes; otherwise the next three are asked. Each candidate is an
// index probe on the hot path of every taken-name check (docs/decisions/004-performance.md).
const FIRST_BATCHES = [
  [1, 2, 3],
  [4, 5, 6],
];
/** The numbers of the first one, two, … groups. */
const FIRST_NUMBERS = FIRST_BATCHES.map((_, index) => FIRST_BATCHES.slice(0, index + 1).flat());
const RANDOM_BATCH_SIZE = 8;
const NEUTRAL_STEM = 'user';
const TRAILING_SEPARATORS_OR_SPACES = /[._\-\s]+$/u;
const ENDS_WITH_DIGIT = /\p{Nd}$/u;

export interface RequestedName {
  /** as sent; already valid under the profile */
  input: string;
  canonical: string;
  key: string | null;
}

export interface SuggestionOptions {
  /** the admin rules already loaded for this check, so the store is not asked twice */
  adminRules?: readonly ReservedRule[];
  /** for the fallback batch; defaults to Math.random */
  random?: () => number;
  /** a company's own rules: every suggestion follows them too */
  companyRules?: CompanyUsernameRules;
}

interface Candidate {
  name: string;
  forms: StoredForms;
}

/** `base` shortened so that `base + suffix` fits the maximum length (the profile's, or the company's shorter one). */
function withSuffix(base: string, suffix: string, profile: Profile, companyRules: CompanyUsernameRules | undefined): string {
  const room = Math.min(USERNAME_LENGTH[profile].max, companyRules?.maxLength ?? Infinity) - suffix.length;
  // A string has at most as many code points as UTF-16 units: most names fit without counting.
  if (base.length <= room) return base + suffix;
  const codePoints = [...base];
  const stem = codePoints.length <= room ? base : codePoints.slice(0, room).join('').replace(TRAILING_SEPARATORS_OR_SPACES, '');
  return stem + suffix;
}

function buildCandidates(
  base: string,
  numbers: readonly number[],
  profile: Profile,
  adminRules: readonly ReservedRule[],
  seen: Set<string>,
  companyRules?: CompanyUsernameRules,
): Candidate[] {
  const joiner = ENDS_WITH_DIGIT.test(base) ? '_' : '';
  const candidates: Candidate[] = [];
  for (const number of numbers) {
    const name = withSuffix(base, `${joiner}${number}`, profile, companyRules);
    const validation = validateUsername(name, profile);
    if (!validation.ok) continue;
    if (companyRules && companyRuleViolation(name, companyRules, validation.canonical)) continue;
    const key = profile === 'global' ? similarityKey(validation.canonical) : null;
    const identity = key ?? validation.canonical;
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (key !== null && isReserved(key, adminRules)) continue;
    candidates.push({ name, forms: { canonical: validation.canonical, key } });
  }
  return candidates;
}

/**
 * The forms of the first suggestions suggestUsernames would ask the store about (variants 1–6, or
 * only the first `groups` of three), before any admin rule is known: a superset of what it asks,
 * for a store that answers them beside the name itself (NameStore.find's `likelyFree`, the bulk
 * check's second question).
 */
export function firstCandidateForms(
  requested: RequestedName,
  profile: Profile,
  companyRules?: CompanyUsernameRules,
  groups: number = FIRST_BATCHES.length,
): StoredForms[] {
  const seen = new Set([requested.key ?? requested.canonical]);
  const base = requested.input.normalize('NFKC');
  return buildCandidates(base, FIRST_NUMBERS[groups - 1] ?? FIRST_NUMBERS.at(-1)!, profile, [], seen, companyRules).map((candidate) => candidate.forms);
}

/** One `store.free` query for all groups; the first group with a free name wins. */
async function pickFree(store: NameStore, groups: Candidate[][]): Promise<string[]> {
  const all = groups.length === 1 ? groups[0]! : groups.flat();
  if (all.length === 0) return [];
  const free = await store.free(all.map((candidate) => candidate.forms));
  for (const group of groups) {
    const names: string[] = [];
    for (const candidate of group) {
      if (free.has(candidate.forms.canonical) && names.push(candidate.name) === MAX_SUGGESTIONS) break;
    }
    if (names.length > 0) return names;
  }
  return [];
}

export async function suggestUsernames(
  store: NameStore,
  requested: RequestedName,
  profile: Profile,
  options: SuggestionOptions = {},
): Promise<string[]> {
  const adminRules = options.adminRules ?? (profile === 'global' ? await store.reservedRules() : []);
  const seen = new Set([requested.key ?? requested.canonical]);
  // NFKC but not case folded: "JohnDoe" suggests "JohnDoe1", "ｊｏｈｎ" suggests "john1".
  const base = requested.input.normalize('NFKC');
  const first: string[] = [];
  for (const numbers of FIRST_BATCHES) {
    first.push(...(await pickFree(store, [buildCandidates(base, numbers, profile, adminRules, seen, options.companyRules)])));
    if (first.length >= MAX_SUGGESTIONS) break;
  }
  if (first.length > 0) return first.slice(0, MAX_SUGGESTIONS);
  const random = options.random ?? Math.random;
  const numbers = Array.from({ length: RANDOM_BATCH_SIZE }, () => 100 + Math.floor(random() * 9900));
  const neutral = Array.from({ length: MAX_SUGGESTIONS }, () => 10_000 + Math.floor(random() * 90_000));
  return pickFree(store, [
    buildCandidates(base, numbers, profile, adminRules, seen, options.companyRules),
    buildCandidates(NEUTRAL_STEM, neutral, profile, adminRules, seen, options.companyRules),
  ]);
}
