// Suggestions when a name is taken, too similar or reserved: variants of the requested name with
// a number appended, each valid under the same profile, not reserved, and free in the store.
// Built only from the requested name (never from other people's names), deterministic, and
// checked with one batched `store.free` query. If none of that batch is free, one more batch with
// random numbers, which also holds a few neutral `user<number>` names for the case where every
// variant of the request is caught by an admin `contains` rule.

import { isReserved } from './reserved';
import { USERNAME_LENGTH } from './rules';
import { similarityKey } from './similarity';
import type { NameStore, Profile, ReservedRule, StoredForms } from './types';
import { validateUsername } from './validate';

export const MAX_SUGGESTIONS = 3;
// Six are enough for three free names in the common case, and the batch is one indexed query on the
// hot path of every taken-name check: each extra candidate costs two index probes.
const FIRST_BATCH_NUMBERS = [1, 2, 3, 4, 5, 6];
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
}

interface Candidate {
  name: string;
  forms: StoredForms;
}

/** `base` shortened so that `base + suffix` fits the profile's maximum length. */
function withSuffix(base: string, suffix: string, profile: Profile): string {
  const room = USERNAME_LENGTH[profile].max - suffix.length;
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
): Candidate[] {
  const joiner = ENDS_WITH_DIGIT.test(base) ? '_' : '';
  const candidates: Candidate[] = [];
  for (const number of numbers) {
    const name = withSuffix(base, `${joiner}${number}`, profile);
    const validation = validateUsername(name, profile);
    if (!validation.ok) continue;
    const key = profile === 'global' ? similarityKey(validation.canonical) : null;
    const identity = key ?? validation.canonical;
    if (seen.has(identity)) continue;
    seen.add(identity);
    if (key !== null && isReserved(key, adminRules)) continue;
    candidates.push({ name, forms: { canonical: validation.canonical, key } });
  }
  return candidates;
}

/** One `store.free` query for all groups; the first group with a free name wins. */
function pickFree(store: NameStore, groups: Candidate[][]): string[] {
  const all = groups.flat();
  if (all.length === 0) return [];
  const free = store.free(all.map((candidate) => candidate.forms));
  for (const group of groups) {
    const names = group.filter((candidate) => free.has(candidate.forms.canonical)).map((candidate) => candidate.name);
    if (names.length > 0) return names.slice(0, MAX_SUGGESTIONS);
  }
  return [];
}

export function suggestUsernames(
  store: NameStore,
  requested: RequestedName,
  profile: Profile,
  options: SuggestionOptions = {},
): string[] {
  const adminRules = options.adminRules ?? (profile === 'global' ? store.reservedRules() : []);
  const seen = new Set([requested.key ?? requested.canonical]);
  // NFKC but not case folded: "JohnDoe" suggests "JohnDoe1", "ｊｏｈｎ" suggests "john1".
  const base = requested.input.normalize('NFKC');
  const first = pickFree(store, [buildCandidates(base, FIRST_BATCH_NUMBERS, profile, adminRules, seen)]);
  if (first.length > 0) return first;
  const random = options.random ?? Math.random;
  const numbers = Array.from({ length: RANDOM_BATCH_SIZE }, () => 100 + Math.floor(random() * 9900));
  const neutral = Array.from({ length: MAX_SUGGESTIONS }, () => 10_000 + Math.floor(random() * 90_000));
  return pickFree(store, [
    buildCandidates(base, numbers, profile, adminRules, seen),
    buildCandidates(NEUTRAL_STEM, neutral, profile, adminRules, seen),
  ]);
}
