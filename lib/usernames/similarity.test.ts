import { describe, expect, it } from 'vitest';
import { renderConfusablesTable } from '../../scripts/generate-confusables';
import { canonicalUsername } from './canonical';
import { CONFUSABLES_NORMALIZATION_UNICODE_VERSION } from './confusables-table';
import { similarityKey, skeletonKey } from './similarity';

const keyOf = (name: string) => similarityKey(canonicalUsername(name, 'global'));

describe('similarityKey', () => {
  it('gives paypal and its impersonations one key', () => {
    const variants = [
      'paypal',
      'PayPal',
      'pаypal', // Cyrillic а
      'ｐａｙｐａｌ',
      'pay.pal',
      'pay_pal',
      'pay-pal',
      'рауpal', // Cyrillic р а у
      '𝐩𝐚𝐲𝐩𝐚𝐥',
      'paypa1',
      'PaypaI', // capital i
      'раураӏ', // all Cyrillic, palochka
    ];
    expect(new Set(variants.map(keyOf))).toEqual(new Set(['paypal']));
  });

  it.each([
    ['rn', 'm', 'rn looks like m'],
    ['l', '1', 'digit one'],
    ['l', 'I', 'capital i'],
    ['l', '|', 'vertical line'],
    ['o', '0', 'digit zero'],
    ['ivan', 'ıvan', 'dotless i'],
    ['scope', 'ѕсоре', 'Cyrillic'],
    ['vol', 'νοι', 'Greek'],
    ['office', 'oﬃce', 'ligature'],
    ['a.b', 'a-b', 'separators are one'],
    ['a.b', 'ab', 'and ignored'],
  ])('%s ~ %s (%s)', (a, b) => {
    expect(keyOf(a)).toBe(keyOf(b));
  });

  it.each([
    ['josé', 'jose', 'diacritics matter'],
    ['john', 'jon', 'different letters'],
    ['ivan', 'иван', 'different words in different scripts'],
    ['abc1', 'abc2', 'different digits'],
  ])('%s ≁ %s (%s)', (a, b) => {
    expect(keyOf(a)).not.toBe(keyOf(b));
  });

  it('takes the ASCII shortcut only where the general path agrees', () => {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789._-';
    for (const a of alphabet) for (const b of alphabet) expect(similarityKey(`x${a}${b}`)).toBe(skeletonKey(`x${a}${b}`));
  });

  it('is stable under its own mapping', () => {
    for (const name of ['paypal', 'mmm', 'ѕсоре', 'αλέξανδροσ', 'محمد99', 'देवनागरी', '山田たろう']) {
      const key = keyOf(name);
      expect(skeletonKey(key)).toBe(key);
    }
  });
});

describe('confusables-table.ts', () => {
  it.runIf(process.versions.unicode === CONFUSABLES_NORMALIZATION_UNICODE_VERSION)(
    'is exactly what scripts/generate-confusables.ts generates (never edited by hand)',
    async () => {
      const { readFile } = await import('node:fs/promises');
      const committed = await readFile(new URL('./confusables-table.ts', import.meta.url), 'utf8');
      expect(committed === renderConfusablesTable()).toBe(true);
    },
  );
});
