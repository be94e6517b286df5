import { canonicalUsername } from './canonical';
import { similarityKey } from './similarity';
import type { Profile, StoredForms } from './types';

/**
 * The forms a store keeps and compares for a name: the canonical form (unique), and for global
 * names the similarity key (unique too). Computed for any input, valid or not: the CLI may store
 * names that signup refuses.
 */
export function usernameForms(input: string, profile: Profile): StoredForms {
  const canonical = canonicalUsername(input, profile);
  return { canonical, key: profile === 'global' ? similarityKey(canonical) : null };
}
