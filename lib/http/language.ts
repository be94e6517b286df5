import { localeFromAcceptLanguage, type Locale } from '@/lib/i18n/locales';
import { header, type PlainRequest } from './request';

// The API's language: `message` follows Accept-Language (q-values honoured, English otherwise), so
// every answer whose message depends on it says so to caches.

/** The language a request's Accept-Language asks for; English without the header. */
export function apiLocale(req: PlainRequest): Locale {
  return localeFromAcceptLanguage(header(req, 'accept-language'));
}

/** `headers` plus `Vary: Accept-Language` (after any Vary already there, such as CORS's Origin). */
export function varyOnLanguage(headers: Readonly<Record<string, string>>): Record<string, string> {
  const vary = headers.vary;
  return { ...headers, vary: vary ? `${vary}, Accept-Language` : 'Accept-Language' };
}
