import { describe, expect, it } from 'vitest';
import { fullCaseFold } from './case-fold';
import { canonicalUsername } from './canonical';

describe('canonicalUsername', () => {
  it.each([
    ['JohnDoe', 'johndoe', 'ASCII lower case'],
    ['johndoe', 'johndoe', 'already canonical'],
    ['\u212Aelvin', 'kelvin', 'Kelvin sign K (U+212A)'],
    ['Straße', 'strasse', 'ß folds to ss (full folding, status F)'],
    ['STRAẞE', 'strasse', 'capital ẞ folds to ss'],
    ['ὈΔΥΣΣΕΎΣ', 'ὀδυσσεύσ', 'capital sigma and final sigma fold to σ'],
    ['ὀδυσσεύς', 'ὀδυσσεύσ', 'final sigma ς folds to σ'],
    ['ıi', 'ıi', 'dotless ı stays distinct (no Turkic T mapping)'],
    ['İstanbul', 'i̇stanbul', 'İ folds to i + combining dot above (status F)'],
    ['ꭰꭱꭲ', 'ᎠᎡᎢ', 'Cherokee small letters fold to the capitals'],
    ['ᾳ', 'αι', 'iota subscript expands'],
    ['ｐａｙｐａｌ', 'paypal', 'full width (NFKC)'],
    ['ｶﾞｷﾞ', 'ガギ', 'half-width katakana with voicing marks compose'],
    ['ﬁle', 'file', 'ligature (NFKC)'],
    ['𝐩𝐚𝐲𝐩𝐚𝐥', 'paypal', 'mathematical bold (NFKC)'],
    ['①②', '12', 'circled digits (NFKC)'],
    ['ǅemal', 'džemal', 'title-case digraph'],
    ['\u00b5', 'μ', 'micro sign'],
    ['jose\u0301', 'josé', 'composed by NFKC'],
    ['a\u00a0b', 'a b', 'no-break space becomes a space; nothing is trimmed or removed'],
    [' ab ', ' ab ', 'edges are kept for the rules to refuse'],
    ['a\u200bb', 'a\u200bb', 'invisible characters are kept for the rules to refuse'],
  ])('%s → %s (%s)', (input, expected) => {
    expect(canonicalUsername(input, 'global')).toBe(expected);
    expect(canonicalUsername(input, 'company')).toBe(expected);
  });

  it('does not throw on unpaired surrogates', () => {
    expect(canonicalUsername('A\ud800', 'global')).toBe('a\ud800');
    expect(canonicalUsername('\udc00É', 'global')).toBe('\udc00é');
  });

  it('takes an ASCII shortcut that agrees with the full pipeline', () => {
    const fullPipeline = (text: string) =>
      fullCaseFold(fullCaseFold(text.normalize('NFD')).normalize('NFKD')).normalize('NFKC');
    for (let code = 0; code < 0x80; code += 1) {
      const char = String.fromCharCode(code);
      expect(canonicalUsername(`x${char}Y`)).toBe(fullPipeline(`x${char}Y`));
    }
  });

  it('is the same for canonically equivalent inputs, even around the iota subscript U+0345', () => {
    for (const text of ['ᾀ्', 'Ώ्ͅ', 'áͅ', 'ǰ̣', 'Άͅ']) {
      expect(canonicalUsername(text.normalize('NFD'))).toBe(canonicalUsername(text.normalize('NFC')));
      expect(canonicalUsername(text.normalize('NFD').toUpperCase())).toBe(canonicalUsername(text));
      expect(canonicalUsername(text.normalize('NFD').toLowerCase())).toBe(canonicalUsername(text));
    }
  });

  it('is idempotent for every code point of planes 0–3 and 14, alone and after a capital', () => {
    const broken: string[] = [];
    const check = (codePoint: number) => {
      const text = String.fromCodePoint(codePoint);
      for (const input of [text, `A${text}`]) {
        const once = canonicalUsername(input);
        if (canonicalUsername(once) !== once) broken.push(codePoint.toString(16));
      }
    };
    for (let codePoint = 0; codePoint < 0x40000; codePoint += 1) check(codePoint);
    for (let codePoint = 0xe0000; codePoint < 0xe1000; codePoint += 1) check(codePoint);
    expect(broken).toEqual([]);
  });
});
