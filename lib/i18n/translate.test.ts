import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { createTranslator } from 'use-intl/core';
import { describe, expect, it } from 'vitest';
import { flattenMessages } from '@/lib/testing/messages';
import { CATALOGUES } from './catalogues';
import { LOCALES } from './locales';
import { translate } from './translate';

// translate fills messages of text and plain arguments from a template of its own and leaves the
// rest to use-intl: for every message of every catalogue, it must read exactly as use-intl reads it.

/** The names of a message's plain arguments, when it has nothing but text and plain arguments. */
function plainArguments(message: string): string[] | null {
  const names: string[] = [];
  for (const element of parse(message)) {
    if (element.type === TYPE.argument) names.push(element.value);
    else if (element.type !== TYPE.literal) return null;
  }
  return names;
}

/** Every argument a message asks for, however deep, and whether it has dates, times or tags. */
function argumentsOf(elements: readonly MessageFormatElement[], names = new Set<string>()): { names: Set<string>; other: boolean } {
  let other = false;
  for (const element of elements) {
    if (element.type === TYPE.date || element.type === TYPE.time || element.type === TYPE.tag) other = true;
    if ('value' in element && element.type !== TYPE.literal) names.add(element.value as string);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) other = argumentsOf(option.value, names).other || other;
    }
  }
  return { names, other };
}

describe('translate', () => {
  for (const locale of LOCALES) {
    it(`reads every plain-argument message of ${locale} as use-intl does, for text and numbers`, () => {
      const t = createTranslator({ locale, messages: CATALOGUES[locale], timeZone: 'UTC' });
      let checked = 0;
      for (const [key, message] of flattenMessages(CATALOGUES[locale])) {
        const names = plainArguments(message);
        if (names === null) continue;
        for (const value of [`O'Brien "{x}" <b>&`, 42, '']) {
          const params = Object.fromEntries(names.map((name) => [name, value]));
          expect(translate({ key, params }, locale), key).toBe(t(key as never, params as never));
        }
        checked++;
      }
      // The v2 answers' messages, at least, are of this kind.
      expect(checked).toBeGreaterThan(5);
      const username = 'Zoë';
      expect(translate({ key: 'base.user_is_available_for_this_company', params: { username } }, locale)).toContain(username);
    });
  }

  for (const locale of LOCALES) {
    it(`reads every message of counts of ${locale} as use-intl does, remembered or not`, () => {
      const t = createTranslator({ locale, messages: CATALOGUES[locale], timeZone: 'UTC' });
      let checked = 0;
      for (const [key, message] of flattenMessages(CATALOGUES[locale])) {
        const { names, other } = argumentsOf(parse(message));
        if (other || names.size === 0 || plainArguments(message) !== null) continue;
        for (const value of [1, 3, 30, 1, 3]) {
          const params = Object.fromEntries([...names].map((name) => [name, value]));
          expect(translate({ key, params }, locale), `${key} ${value}`).toBe(t(key as never, params as never));
        }
        checked++;
      }
      expect(checked).toBeGreaterThan(2);
    });
  }

  it('leaves plurals and dates to use-intl', () => {
    const t = createTranslator({ locale: 'en', messages: CATALOGUES.en, timeZone: 'UTC' });
    const held = { key: 'username.verdict.held', params: { until: Date.UTC(2027, 0, 2) } };
    expect(translate(held, 'en')).toBe(t(held.key as never, held.params as never));
    expect(translate(held, 'en')).toMatch(/2027/);
  });
});
