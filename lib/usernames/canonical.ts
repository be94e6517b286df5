// The canonical form: what decides uniqueness (the unique index) in both profiles.
//
// Compatibility caseless matching of the Unicode Standard (§3.13, D146):
//   NFKD(fold(NFKD(fold(NFD(x))))), stored composed, i.e. NFKC(fold(NFKD(fold(NFD(x))))).
// NFKC/NFKD fold compatibility and width variants (ｐ→p, ﬁ→fi, 𝐩→p, ①→1); `fold` is the full
// Unicode case fold (RFC 8265's UsernameCaseMapped uses toLowerCase; the full fold also makes
// "STRASSE" and "straße" one name). Folding the decomposed text, twice, is what makes the result
// independent of case and idempotent even around U+0345 COMBINING YPOGEGRAMMENI, whose case fold
// (ι) is a base letter: folding composed text instead lets `ῴ्` and `Ώ्ͅ` part ways.
// Nothing is trimmed or removed: the format rules refuse white space at the edges and invisible
// characters instead of silently changing what the person typed.

import { fullCaseFold } from './case-fold';
import type { Profile } from './types';

function compatibilityCaselessForm(text: string): string {
  return fullCaseFold(fullCaseFold(text.normalize('NFD')).normalize('NFKD')).normalize('NFKC');
}

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

  let canonical = compatibilityCaselessForm(input);
  // D146 is stable by design; the loop only guards against a data version where it is not.
  for (let round = 0; round < 4; round += 1) {
    const again = compatibilityCaselessForm(canonical);
    if (again === canonical) break;
    canonical = again;
  }
  return canonical;
}
