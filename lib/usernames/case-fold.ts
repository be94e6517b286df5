// Full Unicode case folding (CaseFolding.txt statuses C + F, not T): the "caseless matching" fold
// of the Unicode Standard §3.13. Unlike `toLowerCase` it folds ß and ẞ to "ss", final sigma to σ,
// the Kelvin sign to k, Cherokee small letters to their capitals, and ignores the locale.
// Server-side only: the data (unicode-case-folding, generated from the UCD's CaseFolding.txt,
// Unicode 17) is kept out of the browser bundle, see rules.ts.

import { lookupFolding } from 'unicode-case-folding';

export function fullCaseFold(text: string): string {
  let out = '';
  let unchangedUpTo = 0; // text[0, unchangedUpTo) is copied lazily: most names fold to themselves
  for (let index = 0; index < text.length; ) {
    const codePoint = text.codePointAt(index)!;
    const width = codePoint > 0xffff ? 2 : 1;
    let folded: string | undefined;
    if (codePoint < 0x80) {
      if (codePoint >= 0x41 && codePoint <= 0x5a) folded = String.fromCharCode(codePoint + 0x20);
    } else {
      const mapping = lookupFolding(codePoint);
      if (mapping) folded = String.fromCodePoint(...mapping);
    }
    if (folded !== undefined) {
      out += text.slice(unchangedUpTo, index) + folded;
      unchangedUpTo = index + width;
    }
    index += width;
  }
  return unchangedUpTo === 0 ? text : out + text.slice(unchangedUpTo);
}
