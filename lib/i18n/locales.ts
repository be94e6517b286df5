// The languages namecheck speaks, and how a request chooses one. Plain TypeScript, no framework:
// the pages (through next-intl, lib/i18n/request.ts) and the API (lib/api/, on the server's main
// thread, outside Next) choose with the same function.

export const LOCALES = ['en', 'de', 'ar'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

/** The cookie the language picker sets; it beats Accept-Language on pages. next-intl's own name for it. */
export const LOCALE_COOKIE = 'NEXT_LOCALE';

/** A year: a language chosen once stays chosen. */
export const LOCALE_COOKIE_MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

const RIGHT_TO_LEFT: ReadonlySet<Locale> = new Set(['ar']);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** `<html dir>` for a locale. */
export function directionOf(locale: Locale): 'ltr' | 'rtl' {
  return RIGHT_TO_LEFT.has(locale) ? 'rtl' : 'ltr';
}

/** Longer than any sensible header; past it the header is ignored rather than parsed. */
const MAX_ACCEPT_LANGUAGE = 1024;
const QUALITY = /^q=([01](?:\.\d{0,3})?)$/i;

/**
 * The locale an `Accept-Language` header (RFC 9110 §12.5.4) asks for: the supported language with
 * the highest q-value, a language range matching by its primary subtag (`de-CH` → `de`, `ar-EG` →
 * `ar`); ties keep the header's order; `q=0` means "not this one"; `*` means any, which is English.
 * A missing, malformed or unmatched header gives English.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header || header.length > MAX_ACCEPT_LANGUAGE) return DEFAULT_LOCALE;
  const asked: { locale: Locale; quality: number }[] = [];
  for (const part of header.split(',')) {
    const [rangeRaw, ...parameters] = part.split(';');
    const range = rangeRaw!.trim().toLowerCase();
    if (range === '') continue;
    let quality = 1;
    for (const parameter of parameters) {
      const match = QUALITY.exec(parameter.trim());
      if (match) quality = Math.min(1, Number(match[1]));
    }
    const primary = range === '*' ? DEFAULT_LOCALE : range.split('-')[0]!;
    if (isLocale(primary)) asked.push({ locale: primary, quality });
  }
  const refused = new Set(asked.filter((entry) => entry.quality === 0).map((entry) => entry.locale));
  let best: { locale: Locale; quality: number } | null = null;
  for (const entry of asked) {
    if (refused.has(entry.locale)) continue;
    if (!best || entry.quality > best.quality) best = entry;
  }
  return best?.locale ?? DEFAULT_LOCALE;
}

/** The page's locale: the picker's cookie when it names a supported language, else Accept-Language. */
export function pageLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(cookieValue) ? cookieValue : localeFromAcceptLanguage(acceptLanguage);
}
