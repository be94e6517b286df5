import { describe, expect, it } from 'vitest';
import { directionOf, localeFromAcceptLanguage, pageLocale } from './locales';

describe('localeFromAcceptLanguage', () => {
  it('is English without a header, or for languages we do not speak', () => {
    expect(localeFromAcceptLanguage(undefined)).toBe('en');
    expect(localeFromAcceptLanguage('')).toBe('en');
    expect(localeFromAcceptLanguage('fr-FR, fr;q=0.9')).toBe('en');
    expect(localeFromAcceptLanguage('*')).toBe('en');
    expect(localeFromAcceptLanguage(';;;,,,q=')).toBe('en');
    expect(localeFromAcceptLanguage(`de${',x'.repeat(600)}`)).toBe('en');
  });

  it('matches by the primary subtag', () => {
    expect(localeFromAcceptLanguage('de')).toBe('de');
    expect(localeFromAcceptLanguage('de-CH')).toBe('de');
    expect(localeFromAcceptLanguage('AR-eg')).toBe('ar');
    expect(localeFromAcceptLanguage('fr, ar;q=0.5')).toBe('ar');
  });

  it('honours q-values, keeps the header order for ties, and treats q=0 as "not this one"', () => {
    expect(localeFromAcceptLanguage('en;q=0.5, de;q=0.8')).toBe('de');
    expect(localeFromAcceptLanguage('ar;q=0.9, de;q=0.9')).toBe('ar');
    expect(localeFromAcceptLanguage('de;q=0, ar;q=0.1')).toBe('ar');
    expect(localeFromAcceptLanguage('de-AT, de;q=0')).toBe('en');
    expect(localeFromAcceptLanguage('de;q=1.0, en;q=0.999')).toBe('de');
    expect(localeFromAcceptLanguage('de;q=5')).toBe('de');
  });
});

describe('pageLocale', () => {
  it('takes the cookie when it names one of ours, else Accept-Language', () => {
    expect(pageLocale('ar', 'de')).toBe('ar');
    expect(pageLocale('xx', 'de')).toBe('de');
    expect(pageLocale(undefined, undefined)).toBe('en');
  });
});

describe('directionOf', () => {
  it('is right to left for Arabic only', () => {
    expect(directionOf('ar')).toBe('rtl');
    expect(directionOf('de')).toBe('ltr');
    expect(directionOf('en')).toBe('ltr');
  });
});
