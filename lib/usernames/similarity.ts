// The similarity key of a global username: two names with the same key look alike, and only one of
// them may exist. Server-side only (the table is ~60 kB).
//
// UTS #39 §4 skeleton: NFD, map every character to its confusables.txt prototype, NFD again. On top
// of that, from the generated table (scripts/generate-confusables.ts):
// - prototypes are case folded, so that a skeleton that introduces a capital ("0" → "O") does not
//   split keys that the canonical form (already folded) had joined;
// - the separators ".", "_", "-" and their look-alikes are dropped: `pay.pal`, `pay_pal` and
//   `paypal` are one name.

import { CONFUSABLES_TABLE } from './confusables-table';

function parseTable(encoded: string): Map<number, string> {
  const table = new Map<number, string>();
  for (const entry of encoded.split(',')) {
    const colon = entry.indexOf(':');
    const source = parseInt(entry.slice(0, colon), 16);
    const target = entry.slice(colon + 1);
    table.set(source, target === '' ? '' : String.fromCodePoint(...target.split(' ').map((code) => parseInt(code, 16))));
  }
  return table;
}

const PROTOTYPES = parseTable(CONFUSABLES_TABLE);

// The common case, lower-case ASCII letters, digits and separators, needs no normalization:
// a regular expression finds the few characters that change ("0", "1", "m", separators).
const SIMPLE_NAME = /^[a-z0-9._-]*$/;
const SIMPLE_REPLACEMENTS: Record<string, string> = {};
for (const char of 'abcdefghijklmnopqrstuvwxyz0123456789._-') {
  const target = PROTOTYPES.get(char.charCodeAt(0));
  if (target !== undefined) SIMPLE_REPLACEMENTS[char] = target;
}
const SIMPLE_CHANGING = new RegExp(
  `[${Object.keys(SIMPLE_REPLACEMENTS)
    .map((char) => (char === '-' ? '\\-' : char))
    .join('')}]`,
  'g',
);
const replaceSimple = (char: string) => SIMPLE_REPLACEMENTS[char]!;

/** The similarity key of a canonical global username (see `canonicalUsername`). */
export function similarityKey(canonical: string): string {
  if (SIMPLE_NAME.test(canonical)) return canonical.replace(SIMPLE_CHANGING, replaceSimple);
  return skeletonKey(canonical);
}

/** The general path of `similarityKey`, without the ASCII shortcut (exported for its test). */
export function skeletonKey(canonical: string): string {
  let mapped = '';
  for (const char of canonical.normalize('NFD')) {
    const target = PROTOTYPES.get(char.codePointAt(0)!);
    mapped += target ?? char;
  }
  return mapped.normalize('NFD');
}
