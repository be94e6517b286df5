// Property-based tests (fast-check). Generated strings mix random code points (any plane,
// unpaired surrogates included) with characters chosen because they stress one of the rules.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAvailability } from './availability';
import { canonicalUsername } from './canonical';
import { createMemoryNameStore } from './memory-store';
import { approximateCanonicalUsername, checkUsernameFormat, codePointLength } from './rules';
import { similarityKey } from './similarity';
import type { Profile } from './types';
import { validateUsername } from './validate';

const TRICKY = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-',
  'ß', 'ẞ', 'ς', 'Σ', 'ı', 'İ', '\u212A', 'ſ', 'ǅ', 'µ', 'ﬁ', 'ﬃ', 'ꭰ', 'Ꭰ', '\u0345', 'ᾳ', 'ΐ', 'ǰ', 'ŉ',
  '㍿', '①', 'ｐ', 'Ａ', '１', '．', '𝐩', 'é', 'e\u0301', '\u0301', '\u0308', 'ё', 'а', 'р', 'ѕ', 'α', 'ο', 'Ω',
  '\u2126', 'ー', 'ｶ', 'ﾞ', 'た', '漢', '한', 'ㄅ', 'م', '٠', '١', 'क', '्', 'ा', ' ', '\u00a0', '\u3000',
  '\t', '\u200b', '\u200d', '\u202e', '\u3164', '\uffa0', '\ue000', '\u0378', '\ud800', '\udc00', '@', '/',
  '\u00b4', '\u2028', '😀',
];

const anyCodePoint = fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint));
const trickyChar = fc.constantFrom(...TRICKY);
const text = fc.array(fc.oneof({ arbitrary: trickyChar, weight: 4 }, { arbitrary: anyCodePoint, weight: 1 }), { maxLength: 40 }).map((chars) => chars.join(''));

/** Strings that are often valid global names: letters of one script, digits, single separators. */
const nameLike = fc
  .tuple(
    fc.constantFrom('abcdefghijklmnopqrstuvwxyz', 'абвгдежзиклмнопрстуф', 'αβγδεζηθικλμνξοπρστυφ', 'あいうえおかきくけこ漢字'),
    fc.array(fc.nat(), { minLength: 3, maxLength: 12 }),
    fc.constantFrom('', '.', '_', '-'),
    fc.constantFrom('', '1', '42'),
  )
  .map(([alphabet, picks, separator, digits]) => {
    const letters = picks.map((pick) => [...alphabet][pick % [...alphabet].length]).join('');
    const middle = Math.floor(letters.length / 2);
    return letters.slice(0, middle) + separator + letters.slice(middle) + digits;
  });

const toUpper = (s: string) => s.toUpperCase();
const toLower = (s: string) => s.toLowerCase();
const toFullWidth = (s: string) =>
  s.replace(/[!-~]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

const PROFILES: Profile[] = ['global', 'company'];
const RUNS = { numRuns: 500 };

describe('properties', () => {
  it('canonical form is idempotent', () => {
    fc.assert(
      fc.property(text, (input) => {
        const canonical = canonicalUsername(input);
        expect(canonicalUsername(canonical)).toBe(canonical);
      }),
      RUNS,
    );
  });

  // This holds for every input, not only those without edge white space: the rules that look at the
  // input as sent (edge white space, forbidden characters) reach the same verdict on the canonical
  // form, because NFKC maps white space to white space, never removes or creates a forbidden
  // character, and the length is counted on the canonical form in both cases.
  it('validating the canonical form gives the same verdict and the same canonical form', () => {
    fc.assert(
      fc.property(text, fc.constantFrom(...PROFILES), (input, profile) => {
        const direct = validateUsername(input, profile);
        const viaCanonical = validateUsername(canonicalUsername(input, profile), profile);
        expect(viaCanonical.ok).toBe(direct.ok);
        if (direct.ok && viaCanonical.ok) expect(viaCanonical.canonical).toBe(direct.canonical);
      }),
      RUNS,
    );
  });

  // Case variants are taken of the decomposed (NFD) text, as the Unicode Standard's caseless
  // matching does. Taken of composed text the property fails around exactly one character,
  // U+0345 COMBINING YPOGEGRAMMENI (iota subscript): its upper case Ι is a base letter, so
  // `toUpperCase("ᾀ्")` gives "ἈΙ्", which is not canonically equivalent to the upper case of the
  // same text decomposed ("Ἀ्Ι": the virama sorts before the iota subscript). Such strings mix
  // scripts and are refused anyway.
  it('a name and its case and width variants share a similarity key', () => {
    fc.assert(
      fc.property(fc.oneof(text, nameLike), (raw) => {
        const input = raw.normalize('NFD');
        const key = similarityKey(canonicalUsername(input));
        expect(similarityKey(canonicalUsername(raw))).toBe(key);
        for (const variant of [toUpper(input), toLower(input), toFullWidth(input)]) {
          expect(similarityKey(canonicalUsername(variant))).toBe(key);
        }
      }),
      RUNS,
    );
  });

  it('the browser check agrees with the server whenever both count the same length', () => {
    fc.assert(
      fc.property(fc.oneof(text, nameLike), fc.constantFrom(...PROFILES), (input, profile) => {
        fc.pre(codePointLength(approximateCanonicalUsername(input)) === codePointLength(canonicalUsername(input, profile)));
        expect(checkUsernameFormat(input, profile).ok).toBe(validateUsername(input, profile).ok);
      }),
      RUNS,
    );
  });

  it('every suggestion is valid, free, and unlike the other suggestions', async () => {
    await fc.assert(
      fc.asyncProperty(
        nameLike,
        fc.array(fc.integer({ min: 1, max: 99 }), { maxLength: 12 }),
        fc.constantFrom(...PROFILES),
        async (name, takenNumbers, profile) => {
          fc.pre(validateUsername(name, profile).ok);
          const store = createMemoryNameStore(profile, { names: [name, ...takenNumbers.map((n) => `${name}${n}`)] });
          const verdict = await checkAvailability(store, name, profile);
          expect(['taken', 'reserved']).toContain(verdict.reason);
          expect(verdict.suggestions.length).toBeGreaterThanOrEqual(1);
          expect(verdict.suggestions.length).toBeLessThanOrEqual(3);
          const identities = new Set<string>();
          for (const suggestion of verdict.suggestions) {
            const validation = validateUsername(suggestion, profile);
            expect(validation.ok).toBe(true);
            if (!validation.ok) continue;
            const key = profile === 'global' ? similarityKey(validation.canonical) : null;
            expect(store.find({ canonical: validation.canonical, key })).toEqual({ canonicalTaken: false, similarTaken: false, hold: null });
            identities.add(key ?? validation.canonical);
          }
          expect(identities.size).toBe(verdict.suggestions.length);
        },
      ),
      RUNS,
    );
  });

  it('never throws, whatever the string', async () => {
    const store = createMemoryNameStore('global', { names: ['paypal'] });
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom(...PROFILES), async (input, profile) => {
        const verdict = await checkAvailability(store, input, profile);
        expect(typeof verdict.message.key).toBe('string');
      }),
      RUNS,
    );
  });
});
