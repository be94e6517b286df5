import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import { flattenMessages } from '@/lib/testing/messages';
import { CATALOGUES } from './catalogues';
import { LOCALES } from './locales';

// Every catalogue has every key of the English one, no other keys, and the same ICU arguments
// (names and kinds: plain, plural, date, rich-text tag…), so a translation can never drop a name or
// a count that the English message shows, nor ask for one the code does not pass.

const KIND: Partial<Record<TYPE, string>> = {
  [TYPE.argument]: 'argument',
  [TYPE.number]: 'number',
  [TYPE.date]: 'date',
  [TYPE.time]: 'time',
  [TYPE.select]: 'select',
  [TYPE.plural]: 'plural',
  [TYPE.tag]: 'tag',
};

/** `name:kind` of every argument and tag in a message, sorted; `argument` and `plural` of one name count as one. */
function argumentsOf(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      const kind = KIND[element.type];
      if (kind && 'value' in element) found.add(`${element.value}:${kind === 'plural' || kind === 'number' ? 'argument' : kind}`);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
      if (element.type === TYPE.tag) walk(element.children);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

const english = flattenMessages(CATALOGUES.en);

describe('the catalogues', () => {
  it('has an English catalogue with messages in it', () => {
    expect(english.size).toBeGreaterThan(100);
  });

  for (const locale of LOCALES) {
    describe(locale, () => {
      const catalogue = flattenMessages(CATALOGUES[locale]);

      it('has exactly the English keys', () => {
        expect([...catalogue.keys()].sort()).toEqual([...english.keys()].sort());
      });

      it('parses as ICU MessageFormat, with the English arguments', () => {
        const differences: string[] = [];
        for (const [key, message] of catalogue) {
          const source = english.get(key);
          if (source === undefined) continue;
          const mine = argumentsOf(message).join(' ');
          const theirs = argumentsOf(source).join(' ');
          if (mine !== theirs) differences.push(`${key}: ${locale} {${mine}} vs en {${theirs}}`);
        }
        expect(differences).toEqual([]);
      });

      it('has no empty message', () => {
        expect([...catalogue].filter(([, message]) => message.trim() === '').map(([key]) => key)).toEqual([]);
      });
    });
  }

  it('puts plural rules where a language needs them: every plural has an `other` case', () => {
    for (const locale of LOCALES) {
      for (const [key, message] of flattenMessages(CATALOGUES[locale])) {
        const walk = (elements: MessageFormatElement[]) => {
          for (const element of elements) {
            if (element.type === TYPE.plural) expect(Object.keys(element.options), `${locale} ${key}`).toContain('other');
            if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
            if (element.type === TYPE.tag) walk(element.children);
          }
        };
        walk(parse(message));
      }
    }
  });
});
