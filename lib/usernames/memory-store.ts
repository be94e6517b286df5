// An in-memory NameStore for tests and tools: one namespace (the global users, or one company),
// computing the stored forms with the same functions as the policy. Names are in use or held; a hold
// past its time (by the store's clock) is not there at all, as in the database.

import { usernameForms } from './forms';
import type { Hold, NameMatch, NameStore, Profile, ReservedRule, StoredForms } from './types';

export interface MemoryNameStore extends NameStore {
  /** In memory, every answer is at once. */
  find(forms: StoredForms): NameMatch;
  free(candidates: readonly StoredForms[]): Set<string>;
  reservedRules(): readonly ReservedRule[];
  /** Stores a name as the CLI would: no validation, no reserved check. */
  add(name: string): void;
  /** Stores a name as given up and held (for `hold.forUserId` to take back). */
  hold(name: string, hold: Hold): void;
  remove(name: string): void;
  /** Admin-managed rules (global stores only). */
  addReservedRule(rule: ReservedRule): void;
}

interface Entry {
  canonical: string;
  key: string | null;
  hold: Hold | null;
}

export function createMemoryNameStore(
  profile: Profile,
  initial: { names?: Iterable<string>; reservedRules?: Iterable<ReservedRule>; now?: () => Date } = {},
): MemoryNameStore {
  const byCanonical = new Map<string, Entry>();
  const byKey = new Map<string, Entry>(); // global: one name per key, as the unique index
  const rules: ReservedRule[] = profile === 'global' ? [...(initial.reservedRules ?? [])] : [];
  const now = initial.now ?? (() => new Date());

  const live = (entry: Entry | undefined): Entry | undefined =>
    entry && (entry.hold === null || entry.hold.until.getTime() > now().getTime()) ? entry : undefined;
  const lookup = ({ canonical, key }: StoredForms): Entry | undefined =>
    live(byCanonical.get(canonical)) ?? (key === null ? undefined : live(byKey.get(key)));

  const put = (name: string, hold: Hold | null) => {
    const { canonical, key } = usernameForms(name, profile);
    if (lookup({ canonical, key })) return;
    const entry = { canonical, key, hold };
    byCanonical.set(canonical, entry);
    if (key !== null) byKey.set(key, entry);
  };

  const store: MemoryNameStore = {
    find(forms: StoredForms) {
      const entry = lookup(forms);
      return {
        canonicalTaken: entry?.canonical === forms.canonical,
        similarTaken: entry !== undefined && forms.key !== null && entry.key === forms.key,
        hold: entry?.hold ?? null,
      };
    },
    free(candidates) {
      const free = new Set<string>();
      for (const forms of candidates) if (!lookup(forms)) free.add(forms.canonical);
      return free;
    },
    reservedRules() {
      return rules;
    },
    add: (name) => put(name, null),
    hold: (name, hold) => put(name, hold),
    remove(name) {
      const { canonical } = usernameForms(name, profile);
      const entry = byCanonical.get(canonical);
      if (!entry) return;
      byCanonical.delete(canonical);
      if (entry.key !== null && byKey.get(entry.key) === entry) byKey.delete(entry.key);
    },
    addReservedRule(rule) {
      if (profile === 'global') rules.push(rule);
    },
  };
  for (const name of initial.names ?? []) store.add(name);
  return store;
}
