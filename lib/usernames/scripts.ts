// Which writing system a character belongs to, for the one-script rule of global usernames.
// Client-safe: regular-expression property escapes over the engine's Unicode data.
//
// UTS #39 §5.1: a character's *resolved script set* is its Script_Extensions, augmented so that
// Han+Hiragana+Katakana (Japanese), Han+Hangul (Korean) and Han+Bopomofo (Chinese) each count as one
// writing system; Common and Inherited characters (ASCII digits, most combining accents) belong to
// every set. A string is single-script when the intersection of its characters' sets is not empty.
//
// Only the scripts of UAX #31 Table 5 ("Recommended Scripts") are allowed; historic and limited-use
// scripts (Runic, Linear B, Cuneiform, …) are refused outright. The sets are bit masks: 29 scripts
// plus the three augmented writing systems fill exactly 32 bits.

const RECOMMENDED_SCRIPTS = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Arabic',
  'Armenian',
  'Bengali',
  'Bopomofo',
  'Devanagari',
  'Ethiopic',
  'Georgian',
  'Gujarati',
  'Gurmukhi',
  'Han',
  'Hangul',
  'Hebrew',
  'Hiragana',
  'Kannada',
  'Katakana',
  'Khmer',
  'Lao',
  'Malayalam',
  'Myanmar',
  'Oriya',
  'Sinhala',
  'Tamil',
  'Telugu',
  'Thaana',
  'Thai',
  'Tibetan',
] as const;

const bit = (index: number) => 1 << index;
const scriptBit = (name: (typeof RECOMMENDED_SCRIPTS)[number]) => bit(RECOMMENDED_SCRIPTS.indexOf(name));

const JAPANESE = bit(29);
const KOREAN = bit(30);
const CHINESE = bit(31);
const LATIN = scriptBit('Latin');
const HAN = scriptBit('Han');
const HIRAGANA = scriptBit('Hiragana');
const KATAKANA = scriptBit('Katakana');
const HANGUL = scriptBit('Hangul');
const BOPOMOFO = scriptBit('Bopomofo');

/** Belongs to every script (Common or Inherited with no narrower Script_Extensions). */
export const ANY_SCRIPT = -1;
/** Belongs to no recommended script. */
export const NO_SCRIPT = 0;

const SCRIPT_NAMES: readonly string[] = [...RECOMMENDED_SCRIPTS, 'Japanese', 'Korean', 'Chinese'];

const SCRIPT_TESTS = RECOMMENDED_SCRIPTS.map((name) => new RegExp(`^\\p{Script_Extensions=${name}}$`, 'u'));
const COMMON_OR_INHERITED = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u;

// Bounded by the number of distinct code points ever seen; cleared if someone sprays the whole
// repertoire at us.
const cache = new Map<number, number>();
const CACHE_LIMIT = 20_000;

function computeScriptSet(char: string): number {
  if (COMMON_OR_INHERITED.test(char)) return ANY_SCRIPT;
  let set = NO_SCRIPT;
  for (let index = 0; index < SCRIPT_TESTS.length; index += 1) {
    if (SCRIPT_TESTS[index]!.test(char)) set |= bit(index);
  }
  if (set & HAN) set |= JAPANESE | KOREAN | CHINESE;
  if (set & (HIRAGANA | KATAKANA)) set |= JAPANESE;
  if (set & HANGUL) set |= KOREAN;
  if (set & BOPOMOFO) set |= CHINESE;
  return set;
}

/** The resolved script set of one character (a single code point). */
export function scriptSet(char: string): number {
  const codePoint = char.codePointAt(0)!;
  if (codePoint < 0x80) {
    const lower = codePoint | 0x20;
    return lower >= 0x61 && lower <= 0x7a ? LATIN : ANY_SCRIPT;
  }
  let set = cache.get(codePoint);
  if (set === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    set = computeScriptSet(char);
    cache.set(codePoint, set);
  }
  return set;
}

/**
 * Han, kana, Hangul and Bopomofo: one such character carries about as much of a name as two Latin
 * letters, so the minimum length counts it twice (a two-character Chinese or Korean name is whole).
 */
export function isEastAsianIdeographicOrSyllabic(char: string): boolean {
  const codePoint = char.codePointAt(0)!;
  if (codePoint < 0x1100) return false;
  const set = scriptSet(char);
  return set !== ANY_SCRIPT && (set & (JAPANESE | KOREAN | CHINESE)) !== 0;
}

/** A readable name for a (non-empty) script set: its first script. */
export function scriptSetName(set: number): string {
  for (let index = 0; index < 32; index += 1) {
    if (set & bit(index)) return SCRIPT_NAMES[index]!;
  }
  return 'unknown';
}
