// The format rules of both profiles: what a username may look like, judged without a server.
//
// Client-safe on purpose: the signup page imports this module for its instant verdict, so it holds
// no tables (no case-folding data, no confusables, no reserved lists) and imports nothing but the
// small modules next to it. The server runs the very same rules through `validateUsername`,
// which feeds them the full canonical form; the browser feeds them an approximation (see
// `approximateCanonicalUsername`). The server's answer is the one that counts.

import {
  forbiddenCharacterCode,
  forbiddenCharacterViolations,
  hasForbiddenCharacter,
  type ForbiddenCharacterCode,
} from './characters';
import { USERNAME_LENGTH } from './lengths';
import { ANY_SCRIPT, isEastAsianIdeographicOrSyllabic, NO_SCRIPT, scriptSet, scriptSetName } from './scripts';
import type { Profile, RuleViolation, Validation } from './types';

export type RuleCode =
  | ForbiddenCharacterCode
  | 'leading_whitespace'
  | 'trailing_whitespace'
  | 'contains_space'
  | 'consecutive_spaces'
  | 'whitespace_not_allowed'
  | 'character_not_allowed'
  | 'unsupported_script'
  | 'mark_without_letter'
  | 'too_many_marks'
  | 'starts_with_separator'
  | 'ends_with_separator'
  | 'consecutive_separators'
  | 'mixed_scripts'
  | 'too_short'
  | 'too_long';

interface Violation extends RuleViolation {
  code: RuleCode;
}

export { USERNAME_LENGTH };

/** A broken rule; its message is the catalogue's `username.invalid.<code>` (lib/i18n/messages). */
function violation(code: RuleCode, params?: Record<string, string | number>): Violation {
  return params ? { code, key: `username.invalid.${code}`, params } : { code, key: `username.invalid.${code}` };
}

const SEPARATORS = '._-';
const LETTER = /^\p{L}$/u;
const MARK = /^\p{M}$/u;
const NONSPACING_MARK = /^\p{Mn}$/u;
const LETTER_MARK_OR_DIGIT = /^[\p{L}\p{M}\p{Nd}]$/u;
const WHITE_SPACE = /^\p{White_Space}$/u;
const ANY_MARK = /\p{M}/u;
const ANY_WHITE_SPACE = /\p{White_Space}/u;
const INNER_WHITE_SPACE = /\P{White_Space}\p{White_Space}+\P{White_Space}/u;
const STARTS_WITH_WHITE_SPACE = /^\p{White_Space}/u;
const ENDS_WITH_WHITE_SPACE = /\p{White_Space}$/u;
/** White space other than U+0020 that is not already refused as a control character. */
const OTHER_WHITE_SPACE = /(?! )(?!\p{Cc})\p{White_Space}/u;

/** Names that need no Unicode work at all: the common case, decided by one regular expression. */
const SIMPLE_GLOBAL = /^[A-Za-z0-9]+(?:[._-][A-Za-z0-9]+)*$/;
const SIMPLE_COMPANY = /^[!-~]+(?: [!-~]+)*$/;

/** UTS #39 §5.4: more than four nonspacing marks in a row is a display attack, not a language. */
const MAX_CONSECUTIVE_NONSPACING_MARKS = 4;

function isAsciiLetterOrDigit(codePoint: number): boolean {
  const lower = codePoint | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (codePoint >= 0x30 && codePoint <= 0x39);
}

/** Code points, counting an unpaired surrogate as one. */
export function codePointLength(text: string): number {
  let length = text.length;
  for (let index = 0; index < text.length - 1; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length -= 1;
        index += 1;
      }
    }
  }
  return length;
}

/** Rule: leading or trailing white space is an error, never trimmed. */
export function edgeWhitespaceViolations(input: string, canonical: string): Violation[] {
  const violations: Violation[] = [];
  if (STARTS_WITH_WHITE_SPACE.test(input) || STARTS_WITH_WHITE_SPACE.test(canonical)) {
    violations.push(violation('leading_whitespace'));
  }
  if (ENDS_WITH_WHITE_SPACE.test(input) || ENDS_WITH_WHITE_SPACE.test(canonical)) {
    violations.push(violation('trailing_whitespace'));
  }
  return violations;
}

/**
 * Rule (global): only letters of a recommended script, combining marks, digits and the separators
 * `.` `_` `-`.
 */
export function globalCharacterViolations(canonical: string): Violation[] {
  // White space at the edges has its own rule; this one is about spaces between words.
  const space = INNER_WHITE_SPACE.test(canonical);
  let notAllowed: string | null = null;
  let unsupported: string | null = null;
  for (const char of canonical) {
    const codePoint = char.codePointAt(0)!;
    if (isAsciiLetterOrDigit(codePoint) || SEPARATORS.includes(char)) continue;
    if (LETTER_MARK_OR_DIGIT.test(char)) {
      const set = scriptSet(char);
      if (set === NO_SCRIPT) unsupported ??= char;
      // A letter of no script (ˈ ː ˌ …) is punctuation in disguise: `joˈhn` is not a name.
      else if (set === ANY_SCRIPT && LETTER.test(char)) notAllowed ??= char;
    } else if (!WHITE_SPACE.test(char) && !forbiddenCharacterCode(char)) {
      notAllowed ??= char;
    }
  }
  const violations: Violation[] = [];
  if (space) {
    violations.push(violation('contains_space'));
  }
  if (notAllowed !== null) {
    violations.push(violation('character_not_allowed', { character: notAllowed }));
  }
  if (unsupported !== null) {
    violations.push(violation('unsupported_script', { character: unsupported }));
  }
  return violations;
}

/** Rule (global): a combining mark follows a letter, and marks don't pile up. */
export function combiningMarkViolations(canonical: string): Violation[] {
  if (!ANY_MARK.test(canonical)) return [];
  const violations: Violation[] = [];
  let previousIsLetterOrMark = false;
  for (const char of canonical) {
    const isMark = MARK.test(char);
    if (isMark && !previousIsLetterOrMark) {
      violations.push(violation('mark_without_letter'));
      break;
    }
    previousIsLetterOrMark = isMark || LETTER.test(char);
  }
  // Judged on NFD, as UTS #39 says, so "é" + U+0301 counts as the same accent twice.
  let run = 0;
  let previousMark = '';
  for (const char of canonical.normalize('NFD')) {
    if (!NONSPACING_MARK.test(char)) {
      run = 0;
      previousMark = '';
      continue;
    }
    run += 1;
    if (run > MAX_CONSECUTIVE_NONSPACING_MARKS || char === previousMark) {
      violations.push(violation('too_many_marks'));
      break;
    }
    previousMark = char;
  }
  return violations;
}

/** Rule (global): separators are not first, not last, and never two in a row. */
export function separatorViolations(canonical: string): Violation[] {
  const violations: Violation[] = [];
  const last = canonical.length - 1;
  if (last < 0) return violations;
  if (SEPARATORS.includes(canonical[0]!)) {
    violations.push(violation('starts_with_separator'));
  }
  if (SEPARATORS.includes(canonical[last]!)) {
    violations.push(violation('ends_with_separator'));
  }
  for (let index = 0; index < last; index += 1) {
    if (SEPARATORS.includes(canonical[index]!) && SEPARATORS.includes(canonical[index + 1]!)) {
      violations.push(violation('consecutive_separators'));
      break;
    }
  }
  return violations;
}

/** Rule (global): the letters, marks and digits share one writing system (UTS #39 single script). */
export function mixedScriptViolation(canonical: string): Violation | null {
  // A Hangul filler is a letter of the Hangul script, but it is refused as invisible: don't let it
  // also count as Korean.
  const skipForbidden = hasForbiddenCharacter(canonical);
  let common = ANY_SCRIPT;
  for (const char of canonical) {
    const codePoint = char.codePointAt(0)!;
    if (codePoint >= 0x80 && !LETTER_MARK_OR_DIGIT.test(char)) continue;
    if (skipForbidden && forbiddenCharacterCode(char)) continue;
    const set = scriptSet(char);
    if (set === ANY_SCRIPT || set === NO_SCRIPT) continue;
    if ((common & set) === 0) {
      return violation('mixed_scripts', { first: scriptSetName(common), second: scriptSetName(set) });
    }
    common &= set;
  }
  return null;
}

/** Rule (company): spaces are single ASCII spaces between other characters. */
export function companySpaceViolations(canonical: string): Violation[] {
  if (!ANY_WHITE_SPACE.test(canonical)) return [];
  const violations: Violation[] = [];
  if (canonical.includes('  ')) {
    violations.push(violation('consecutive_spaces'));
  }
  if (OTHER_WHITE_SPACE.test(canonical)) {
    violations.push(violation('whitespace_not_allowed'));
  }
  return violations;
}

/**
 * Rule: length in code points of the canonical form. For the global minimum, a Han, kana, Hangul or
 * Bopomofo character counts as two, so that two-character names such as 张伟 or 민수 are allowed.
 */
export function lengthViolations(canonical: string, profile: Profile): Violation[] {
  const { min, max } = USERNAME_LENGTH[profile];
  const length = codePointLength(canonical);
  if (length > max) return [violation('too_long', { max })];
  if (length >= min) return [];
  let weighted = length;
  if (profile === 'global') {
    for (const char of canonical) if (isEastAsianIdeographicOrSyllabic(char)) weighted += 1;
    if (weighted >= min) return [];
    if (weighted > length) {
      return [{ ...violation('too_short', { cjk: Math.ceil(min / 2), min }), key: 'username.invalid.too_short_cjk' }];
    }
  }
  return [violation('too_short', { min })];
}

function isSimpleValidName(input: string, profile: Profile): boolean {
  const { min, max } = USERNAME_LENGTH[profile];
  if (input.length < min || input.length > max) return false;
  return profile === 'global' ? SIMPLE_GLOBAL.test(input) : SIMPLE_COMPANY.test(input);
}

/**
 * Every format rule of the profile, given the input as sent and its canonical form. The errors come
 * in a fixed order (white space at the edges, forbidden characters, the other character rules,
 * separators, script, length), so `errors[0]` is a stable "first rule" to show.
 */
export function validateFormat(input: string, canonical: string, profile: Profile): Validation {
  if (isSimpleValidName(input, profile)) return { ok: true, canonical };
  const errors: Violation[] = [...edgeWhitespaceViolations(input, canonical), ...forbiddenCharacterViolations(input) as Violation[]];
  if (profile === 'global') {
    errors.push(...globalCharacterViolations(canonical), ...combiningMarkViolations(canonical), ...separatorViolations(canonical));
    const mixed = mixedScriptViolation(canonical);
    if (mixed) errors.push(mixed);
  } else {
    errors.push(...companySpaceViolations(canonical));
  }
  errors.push(...lengthViolations(canonical, profile));
  return errors.length === 0 ? { ok: true, canonical } : { ok: false, errors };
}

/**
 * The browser's stand-in for `canonicalUsername`: NFKC, `toLowerCase`, NFKC. It differs from the
 * full case fold only for a few hundred characters (ß stays ß instead of becoming "ss", final
 * sigma, Cherokee, …), which can shift the length by a character or two; it keeps the full
 * case-folding table out of the page bundle.
 */
export function approximateCanonicalUsername(input: string): string {
  let ascii = true;
  for (let index = 0; index < input.length && ascii; index += 1) ascii = input.charCodeAt(index) < 0x80;
  if (ascii) return input.toLowerCase();
  return input.normalize('NFKC').toLowerCase().normalize('NFKC');
}

/** The browser's instant format check; the server's `validateUsername` has the last word. */
export function checkUsernameFormat(input: string, profile: Profile): Validation {
  return validateFormat(input, approximateCanonicalUsername(input), profile);
}
