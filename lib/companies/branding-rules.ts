// What a company's login page may look like: its display name, its accent colour and its logo's
// limits, judged without a server. Client-safe on purpose (it imports nothing): the /admin form
// shows the same limits and the accent's contrast as the server enforces (lib/companies/branding.ts).

/** A display name: 1 to this many characters, once trimmed. */
export const DISPLAY_NAME_MAX_LENGTH = 80;

/** A logo: at most this many bytes (256 KiB), counted on the file itself. */
export const LOGO_MAX_BYTES = 256 * 1024;

/** The image types a logo may be, decided by the file's bytes. */
export const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type LogoType = (typeof LOGO_TYPES)[number];

/** WCAG 2.x's minimum contrast for normal text (success criterion 1.4.3, level AA). */
export const MIN_CONTRAST_WITH_WHITE = 4.5;

const ACCENT = /^#[0-9a-fA-F]{6}$/;
// C0 and C1 controls, and format characters (bidi overrides, zero-width joiners …), which can make
// a name read differently from what is stored.
const CONTROL_OR_FORMAT = /[\p{Cc}\p{Cf}]/u;

/** A rule's answer: the value to store, or the reason it is refused. */
export type RuleAnswer<T> = { ok: true; value: T } | { ok: false; message: string };

/** WCAG 2.x relative luminance of an sRGB colour `#RRGGBB`. */
export function relativeLuminance(hex: string): number {
  const channel = (offset: number) => {
    const c = parseInt(hex.slice(offset, offset + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG 2.x contrast ratio of two colours `#RRGGBB`, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** A ratio as people read it: two decimals (#777777 on white is "4.48:1"); one just under the minimum never reads as "4.50:1". */
export function formatRatio(ratio: number): string {
  let rounded = Math.round(ratio * 100) / 100;
  if (ratio < MIN_CONTRAST_WITH_WHITE && rounded >= MIN_CONTRAST_WITH_WHITE) rounded = MIN_CONTRAST_WITH_WHITE - 0.01;
  return `${rounded.toFixed(2)}:1`;
}

/**
 * Rule: the accent colour is `#RRGGBB` (stored in lower case), and white text on it has a contrast
 * of at least 4.5:1, so the Sign in button stays readable. '' means none (the site's own colour).
 */
export function parseAccentColor(input: string): RuleAnswer<string | null> {
  const value = input.trim();
  if (value === '') return { ok: true, value: null };
  if (!ACCENT.test(value)) return { ok: false, message: 'Give the accent colour as #RRGGBB, for example #1f5fd1.' };
  const ratio = contrastRatio(value, '#ffffff');
  if (ratio < MIN_CONTRAST_WITH_WHITE) {
    return {
      ok: false,
      message: `White text on ${value.toLowerCase()} has a contrast ratio of ${formatRatio(ratio)}; it needs at least ${MIN_CONTRAST_WITH_WHITE}:1. Choose a darker colour.`,
    };
  }
  return { ok: true, value: value.toLowerCase() };
}

/** Rule: a display name is 1 to 80 characters once trimmed, without control or format characters. '' means none (the company's name). */
export function parseDisplayName(input: string): RuleAnswer<string | null> {
  const value = input.trim();
  if (value === '') return { ok: true, value: null };
  if (CONTROL_OR_FORMAT.test(value)) return { ok: false, message: 'The display name cannot contain control characters, line breaks or invisible formatting characters.' };
  const length = [...value].length;
  if (length > DISPLAY_NAME_MAX_LENGTH) {
    return { ok: false, message: `The display name is ${length} characters long; use at most ${DISPLAY_NAME_MAX_LENGTH}.` };
  }
  return { ok: true, value };
}
