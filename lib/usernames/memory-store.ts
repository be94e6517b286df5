// An in-memory NameStore for tests and tools: one namespace (the global users, or one company),
// computing the stored forms with the same functions as the policy.

import { usernameForms } from './forms';
import type { NameStore, Profile, ReservedRule, StoredForms } from './types';

export interface MemoryNameStore extends NameStore {
  /** In memory, every answer is at once. */
  find(forms: StoredForms): { canonicalTaken: boolean; similarTaken: boolean };
  free(candidates: readonly StoredForms[]): Set<string>;
  reservedRules(): readonly ReservedRule[];
  /** Stores a name as the CLI would: no validation, no reserved check. */
  add(name: string): void;
  remove(name: string): void;
  /** Admin-managed rules (global stores only). */
  addReservedRule(rule: ReservedRule): void;
}

export function createMemoryNameStore(
  profile: Profile,
  initial: { names?: Iterable<string>; reservedRules?: Iterable<ReservedRule> } = {},
): MemoryNameStore {
  const canonicals = new Set<string>();
  const keys = new Map<string, number>(); // key → how many stored names have it
  const rules: ReservedRule[] = profile === 'global' ? [...(initial.reservedRules ?? [])] : [];

  const store: MemoryNameStore = {
    find(forms: StoredForms) {
      return {
        canonicalTaken: canonicals.has(forms.canonical),
        similarTaken: forms.key !== null && keys.has(forms.key),
      };
    },
    free(candidates) {
      const free = new Set<string>();
      for (const { canonical, key } of candidates) {
        if (!canonicals.has(canonical) && (key === null || !keys.has(key))) free.add(canonical);
      }
      return free;
    },
    reservedRules() {
      return rules;
    },
    add(name) {
      const { canonical, key } = usernameForms(name, profile);
      if (canonicals.has(canonical)) return;
      canonicals.add(canonical);
      if (key !== null) keys.set(key, (keys.get(key) ?? 0) + 1);
    },
    remove(name) {
      const { canonical, key } = usernameForms(name, profile);
      if (!canonicals.delete(canonical) || key === null) return;
      const count = keys.get(key) ?? 0;
      if (count <= 1) keys.delete(key);
      else keys.set(key, count - 1);
    },
    addReservedRule(rule) {
      if (profile === 'global') rules.push(rule);
    },
  };
  for (const name of initial.names ?? []) store.add(name);
  return store;
}
