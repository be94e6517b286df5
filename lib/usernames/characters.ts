// Characters that no username may contain, in either profile. Client-safe: regular expressions
// over the engine's own Unicode data, no tables.
//
// Each class gets its own code so the message can say what to remove. The order below is the order
// in which a character is classified when it belongs to several classes (a tab is a control
// character before it is white space; U+FFF0 is unassigned before it is default-ignorable).

import type { RuleViolation } from './types';

export type ForbiddenCharacterCode =
  | 'unpaired_surrogate'
  | 'control_character'
  | 'bidi_control'
  | 'format_character'
  | 'invisible_character'
  | 'private_use_character'
  | 'unassigned_character';

/** The order in which found classes are reported (each one's message is `username.invalid.<code>`). */
const FORBIDDEN_CODES: readonly ForbiddenCharacterCode[] = [
  'unpaired_surrogate',
  'control_character',
  'bidi_control',
  'format_character',
  'invisible_character',
  'private_use_character',
  'unassigned_character',
];

/** One pass over the whole string: most names have none of these, and then nothing else runs. */
const ANY_FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Default_Ignorable_Code_Point}]/u;
const CONTROL = /^\p{Cc}$/u;
const BIDI_CONTROL = /^\p{Bidi_Control}$/u;
const FORMAT = /^\p{Cf}$/u;
const PRIVATE_USE = /^\p{Co}$/u;
const UNASSIGNED = /^\p{Cn}$/u;
const DEFAULT_IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;

/**
 * Refused although visible: U+0640 ARABIC TATWEEL only stretches the letters around it, so
 * `محمــد` would be a second, different-looking-but-same-word registration of `محمد`.
 */
const STRETCHING_CHARACTERS = new Set([0x0640]);

function isSurrogate(codePoint: number): boolean {
  return codePoint >= 0xd800 && codePoint <= 0xdfff;
}

export function forbiddenCharacterCode(char: string): ForbiddenCharacterCode | null {
  const codePoint = char.codePointAt(0)!;
  // for…of yields a lone surrogate as a one-unit string; it is never a valid scalar value.
  if (isSurrogate(codePoint)) return 'unpaired_surrogate';
  if (CONTROL.test(char)) return 'control_character';
  if (BIDI_CONTROL.test(char)) return 'bidi_control';
  if (PRIVATE_USE.test(char)) return 'private_use_character';
  if (UNASSIGNED.test(char)) return 'unassigned_character';
  if (FORMAT.test(char)) return 'format_character';
  if (DEFAULT_IGNORABLE.test(char) || STRETCHING_CHARACTERS.has(codePoint)) return 'invisible_character';
  return null;
}

export function hasForbiddenCharacter(text: string): boolean {
  return ANY_FORBIDDEN.test(text) || text.includes('\u0640');
}

/** Rule: no control, format, bidi, invisible, private-use, unassigned or surrogate characters. */
export function forbiddenCharacterViolations(input: string): RuleViolation[] {
  if (!hasForbiddenCharacter(input)) return [];
  const seen = new Set<ForbiddenCharacterCode>();
  for (const char of input) {
    const code = forbiddenCharacterCode(char);
    if (code) seen.add(code);
  }
  // Report in a fixed order, so the first message does not depend on where the character sits.
  return FORBIDDEN_CODES.filter((code) => seen.has(code)).map((code) => ({ code, key: `username.invalid.${code}` }));
}
