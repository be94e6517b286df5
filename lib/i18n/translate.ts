// Keys into words, outside React: the API's `message`, and the domain's English texts (problem
// details, CLI output). One translator per language, made once: its formatters and parsed messages
// are cached, so a check's answer costs a lookup, not a parse.

import { createTranslator } from 'use-intl/core';
import type { MessageRef } from '@/lib/usernames/types';
import { CATALOGUES } from './catalogues';
import { LOCALES, type Locale } from './locales';

type Translate = (key: string, params?: Record<string, string | number>) => string;

function translatorFor(locale: Locale): Translate {
  const t = createTranslator({ locale, messages: CATALOGUES[locale], timeZone: 'UTC' });
  // A message without parameters always reads the same: formatted once (a few µs of ICU formatting
  // on every check otherwise), at most one entry per key of the catalogue.
  const plain = new Map<string, string>();
  return (key, params) => {
    if (params !== undefined) return t(key as never, params as never);
    let text = plain.get(key);
    if (text === undefined) {
      text = t(key as never);
      plain.set(key, text);
    }
    return text;
  };
}

const TRANSLATORS = Object.fromEntries(LOCALES.map((locale) => [locale, translatorFor(locale)])) as Record<Locale, Translate>;

/** A message in the given language (English by default). */
export function translate(ref: MessageRef, locale: Locale = 'en'): string {
  return TRANSLATORS[locale](ref.key, ref.params);
}

/** Shorthand for the English text of a key, where the domain speaks English (problem details, the CLI). */
export function english(key: string, params?: Record<string, string | number>): string {
  return TRANSLATORS.en(key, params);
}
