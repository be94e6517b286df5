// The canonical form: what decides uniqueness (the unique index) in both profiles.
//
// NFKC (compatibility and width folding: ｐ→p, ﬁ→fi, 𝐩→p, ①→1), then the full Unicode case fold
// (RFC 8265's UsernameCaseMapped uses toLowerCase; we fold fully so that "STRASSE" and "straße"
// are one name), then NFKC again because folding can leave text that is not normalized. The result
// is NFKC_Casefold-like and idempotent: canonicalUsername(canonicalUsername(x)) === canonicalUsername(x).
// Nothing is trimmed or removed: the format rules refuse white space at the edges and invisible
// characters instead of silently changing what the person typed.

import { fullCaseFold } from './case-fold';
import type { Profile } from './types';

/** Both profiles canonicalize alike today; the profile is taken so that they can diverge in one place. */
export function canonicalUsername(input: string, _profile: Profile = 'global'): string {
  let ascii = true;
  let upper = false;
  for (let index = 0; index < input.length; index += 1) {
    const unit = input.charCodeAt(index);
    if (unit >= 0x80) {
      ascii = false;
      break;
    }
    if (unit >= 0x41 && unit <= 0x5a) upper = true;
  }
  // ASCII is its own NFKC, and its case fold is its lower case.
  if (ascii) return upper ? input.toLowerCase() : input;

  let canonical = fullCaseFold(input.normalize('NFKC')).normalize('NFKC');
  // Folding can produce text whose NFKC folds again (e.g. U+0345 → ι next to a capital
  // produced by NFKC); repeat until nothing changes. One extra round at most in practice.
  for (let round = 0; round < 4; round += 1) {
    const again = fullCaseFold(canonical).normalize('NFKC');
    if (again === canonical) break;
    canonical = again;
  }
  return canonical;
}
