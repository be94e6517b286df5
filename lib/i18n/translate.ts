// Keys into words, outside React: the API's `message`, and the domain's English texts (problem
// details, CLI output). One translator per language, made once: its formatters and parsed messages
// are cached, so a check's answer costs a lookup, not a parse.

import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { createTranslator } from 'use-intl/core';
import type { MessageRef } from '@/lib/usernames/types';
import { CATALOGUES } from './catalogues';
import { LOCALES, type Locale } from './locales';

type Translate = (key: string, params?: Record<string, string | number>) => string;

/** A message of text and plain `{name}` arguments only: its pieces, names at the odd indexes. */
type Template = readonly string[];

function messageAt(messages: unknown, key: string): string | undefined {
  let node = messages;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' ? node : undefined;
}

/**
 * The message's template when it holds nothing but text and plain arguments (as parsed by the ICU
 * parser that use-intl uses, so quoting reads the same), else null: a plural, a date, a tag.
 */
function templateOf(elements: readonly MessageFormatElement[]): Template | null {
  const pieces = [''];
  for (const element of elements) {
    if (element.type === TYPE.literal) pieces[pieces.length - 1] += element.value;
    else if (element.type === TYPE.argument) pieces.push(element.value, '');
    else return null;
  }
  return pieces;
}

/** Whether a message shows a date or a time (whose values are many: not worth remembering). */
function showsTime(elements: readonly MessageFormatElement[]): boolean {
  return elements.some(
    (element) =>
      element.type === TYPE.date ||
      element.type === TYPE.time ||
      ((element.type === TYPE.plural || element.type === TYPE.select) && Object.values(element.options).some((option) => showsTime(option.value))) ||
      (element.type === TYPE.tag && showsTime(element.children)),
  );
}

/** How a message is formatted fast: from its template, from remembered texts (plurals of a few counts), or not. */
type Fast = { template: Template } | { remembered: Map<string, string> } | null;

function fastFormOf(message: string | undefined): Fast {
  if (message === undefined) return null;
  let elements: MessageFormatElement[];
  try {
    elements = parse(message);
  } catch {
    return null;
  }
  const template = templateOf(elements);
  if (template) return { template };
  return showsTime(elements) ? null : { remembered: new Map() };
}

/** At most this many texts are remembered per message (its counts are lengths and limits: a few). */
const MAX_REMEMBERED = 64;

/** The template filled in as intl-messageformat fills a plain argument (String(value)), or null if a value is missing. */
function fill(template: Template, params: Record<string, string | number>): string | null {
  let text = template[0]!;
  for (let i = 1; i < template.length; i += 2) {
    const value = params[template[i]!];
    if (typeof value !== 'string' && typeof value !== 'number') return null;
    text += String(value) + template[i + 1]!;
  }
  return text;
}

function translatorFor(locale: Locale): Translate {
  const t = createTranslator({ locale, messages: CATALOGUES[locale], timeZone: 'UTC' });
  // A message without parameters always reads the same: formatted once (a few µs of ICU formatting
  // on every check otherwise), at most one entry per key of the catalogue.
  const plain = new Map<string, string>();
  // A message of text and plain arguments (the v2 answers' "Username "{username}" is available…")
  // is filled in from its template; use-intl would serialise its arguments into a cache key on
  // every call (7 µs a v2 check). Dates, tags and text arguments of other messages go to use-intl.
  // One with plurals of numbers ("at least {min, plural, …}") is remembered by its values: the
  // same few lengths come back on every too-short name.
  const fast = new Map<string, Fast>();
  return (key, params) => {
    if (params !== undefined) {
      let form = fast.get(key);
      if (form === undefined) {
        form = fastFormOf(messageAt(CATALOGUES[locale], key));
        fast.set(key, form);
      }
      if (form && 'template' in form) return fill(form.template, params) ?? t(key as never, params as never);
      if (!form) return t(key as never, params as never);
      let id = '';
      for (const name in params) {
        const value = params[name];
        if (typeof value !== 'number') return t(key as never, params as never);
        id += `${name}=${value};`;
      }
      let text = form.remembered.get(id);
      if (text === undefined) {
        text = t(key as never, params as never);
        if (form.remembered.size < MAX_REMEMBERED) form.remembered.set(id, text);
      }
      return text;
    }
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
