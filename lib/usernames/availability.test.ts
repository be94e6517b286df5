import { describe, expect, it, vi } from 'vitest';
import { AVAILABILITY_MESSAGES, checkAvailability, companyAvailabilityMessage } from './availability';
import { usernameForms } from './forms';
import { createMemoryNameStore } from './memory-store';
import { reservedRule } from './reserved';
import type { Profile, Reason, Viewer } from './types';
import { validateUsername } from './validate';

const GLOBAL_NAMES = [
  'johndoe123',
  'paypal',
  'google',
  'modern',
  'office',
  'strasse',
  'ivan',
  'scope',
  'exo',
  'vol',
  'josé.müller',
  'αλέξανδρος',
  'admin', // created by the CLI, which may create reserved names
];
const COMPANY_NAMES = ['FB12345', 'John Smith', 'x/y@z.co'];

function globalStore() {
  return createMemoryNameStore('global', {
    names: GLOBAL_NAMES,
    reservedRules: [reservedRule('exact', 'acme'), reservedRule('prefix', 'support')],
  });
}
function companyStore() {
  return createMemoryNameStore('company', { names: COMPANY_NAMES });
}

const viewer = (name: string): Viewer => usernameForms(name, 'global');

interface Case {
  input: string;
  expected: Reason;
  /** for `invalid`: the code of the first broken rule */
  code?: string;
  viewer?: Viewer;
  why: string;
}

const GLOBAL_CASES: Case[] = [
  // taken: the same canonical form through case, width, compatibility characters
  { input: 'johndoe123', expected: 'taken', why: 'exact' },
  { input: 'JohnDoe123', expected: 'taken', why: 'case' },
  { input: 'ＪＯＨＮＤＯＥ１２３', expected: 'taken', why: 'full-width letters and digits' },
  { input: 'PayPal', expected: 'taken', why: 'case' },
  { input: 'PAYPAL', expected: 'taken', why: 'upper case' },
  { input: 'ｐａｙｐａｌ', expected: 'taken', why: 'full width' },
  { input: '𝐩𝐚𝐲𝐩𝐚𝐥', expected: 'taken', why: 'mathematical bold' },
  { input: '𝓅𝒶𝓎𝓅𝒶𝓁', expected: 'taken', why: 'mathematical script' },
  { input: 'ⓟⓐⓨⓟⓐⓛ', expected: 'taken', why: 'circled letters' },
  { input: 'oﬃce', expected: 'taken', why: 'ffi ligature' },
  { input: 'OFFICE', expected: 'taken', why: 'case' },
  { input: 'file', expected: 'reserved', why: 'in the maintained list' },
  { input: 'ﬁle', expected: 'reserved', why: 'fi ligature' },
  { input: 'Straße', expected: 'taken', why: 'ß folds to ss' },
  { input: 'STRAẞE', expected: 'taken', why: 'capital sharp s folds to ss' },
  { input: 'Ｇｏｏｇｌｅ', expected: 'taken', why: 'full width' },
  { input: 'JOSÉ.MÜLLER', expected: 'taken', why: 'case with diacritics' },
  { input: 'jose\u0301.mu\u0308ller', expected: 'taken', why: 'decomposed accents (NFKC composes)' },
  { input: 'ΑΛΈΞΑΝΔΡΟΣ', expected: 'taken', why: 'Greek capitals, final sigma' },
  // similar: equal under the confusable skeleton or the separator rule
  { input: 'pay.pal', expected: 'similar', why: 'separator inserted' },
  { input: 'pay_pal', expected: 'similar', why: 'underscore' },
  { input: 'pay-pal', expected: 'similar', why: 'hyphen' },
  { input: 'p.a.y.p.a.l', expected: 'similar', why: 'many separators' },
  { input: 'paypa1', expected: 'similar', why: 'digit one for l' },
  { input: 'PaypaI', expected: 'similar', why: 'capital I for l' },
  { input: 'paypai', expected: 'similar', why: 'i stands for I, which looks like l' },
  { input: 'goog1e', expected: 'similar', why: 'digit one for l' },
  { input: 'g00gle', expected: 'similar', why: 'digit zero for o' },
  { input: 'G0OGLE', expected: 'similar', why: 'zero and capital O' },
  { input: 'rnodern', expected: 'similar', why: 'rn for m' },
  { input: 'johndoel23', expected: 'similar', why: 'l for 1' },
  { input: 'johnd0e123', expected: 'similar', why: '0 for o' },
  { input: 'john.doe.123', expected: 'similar', why: 'separators' },
  { input: 'ıvan', expected: 'similar', why: 'dotless i' },
  { input: 'ѕсоре', expected: 'similar', why: 'all-Cyrillic look-alike of scope' },
  { input: 'ЅСОРЕ', expected: 'similar', why: 'all-Cyrillic capitals' },
  { input: 'ехо', expected: 'similar', why: 'all-Cyrillic look-alike of exo' },
  { input: 'раураӏ', expected: 'similar', why: 'all-Cyrillic look-alike of paypal (palochka)' },
  { input: 'νοι', expected: 'similar', why: 'all-Greek look-alike of vol' },
  { input: 'ｐａｙ．ｐａｌ', expected: 'similar', why: 'full-width separator' },
  // mixed scripts: look-alikes that mix alphabets never get that far
  { input: 'pаypal', expected: 'invalid', code: 'mixed_scripts', why: 'Cyrillic а inside Latin' },
  { input: 'рауpal', expected: 'invalid', code: 'mixed_scripts', why: 'Cyrillic р а у then Latin' },
  { input: 'gοogle', expected: 'invalid', code: 'mixed_scripts', why: 'Greek omicron inside Latin' },
  { input: 'abc漢字', expected: 'invalid', code: 'mixed_scripts', why: 'Latin and Han' },
  { input: '김たろう', expected: 'invalid', code: 'mixed_scripts', why: 'Hangul and Hiragana' },
  { input: 'a٠b', expected: 'invalid', code: 'mixed_scripts', why: 'Arabic-Indic digit in Latin' },
  // invisible, format, bidi and other refused characters
  { input: 'pay\u200bpal', expected: 'invalid', code: 'format_character', why: 'zero-width space' },
  { input: 'pay\u200dpal', expected: 'invalid', code: 'format_character', why: 'zero-width joiner' },
  { input: 'pay\u00adpal', expected: 'invalid', code: 'format_character', why: 'soft hyphen' },
  { input: '\ufeffpaypal', expected: 'invalid', code: 'format_character', why: 'byte order mark' },
  { input: '\u202epaypal', expected: 'invalid', code: 'bidi_control', why: 'right-to-left override' },
  { input: 'pay\u2066pal', expected: 'invalid', code: 'bidi_control', why: 'left-to-right isolate' },
  { input: 'محمد\u200f', expected: 'invalid', code: 'bidi_control', why: 'right-to-left mark' },
  { input: 'pay\u3164pal', expected: 'invalid', code: 'invisible_character', why: 'Hangul filler' },
  { input: 'pay\uffa0pal', expected: 'invalid', code: 'invisible_character', why: 'half-width Hangul filler' },
  { input: '\u115fpaypal', expected: 'invalid', code: 'invisible_character', why: 'Hangul choseong filler' },
  { input: 'pay\u034fpal', expected: 'invalid', code: 'invisible_character', why: 'combining grapheme joiner' },
  { input: 'paypal\ufe0f', expected: 'invalid', code: 'invisible_character', why: 'variation selector' },
  { input: 'محــمد', expected: 'invalid', code: 'invisible_character', why: 'tatweel' },
  { input: 'pay\ue000pal', expected: 'invalid', code: 'private_use_character', why: 'private use' },
  { input: 'pay\u0378pal', expected: 'invalid', code: 'unassigned_character', why: 'unassigned' },
  { input: 'pay\ufffepal', expected: 'invalid', code: 'unassigned_character', why: 'noncharacter' },
  { input: 'pay\ud800pal', expected: 'invalid', code: 'unpaired_surrogate', why: 'lone high surrogate' },
  { input: 'paypal\udc00', expected: 'invalid', code: 'unpaired_surrogate', why: 'lone low surrogate' },
  { input: 'pay\u0007pal', expected: 'invalid', code: 'control_character', why: 'bell' },
  { input: 'pay\npal', expected: 'invalid', code: 'control_character', why: 'line feed' },
  // white space
  { input: ' paypal', expected: 'invalid', code: 'leading_whitespace', why: 'leading space, not trimmed' },
  { input: 'paypal ', expected: 'invalid', code: 'trailing_whitespace', why: 'trailing space, not trimmed' },
  { input: '\u00a0newname', expected: 'invalid', code: 'leading_whitespace', why: 'leading no-break space' },
  { input: '\tnewname', expected: 'invalid', code: 'leading_whitespace', why: 'leading tab' },
  { input: 'new name', expected: 'invalid', code: 'contains_space', why: 'inner space' },
  { input: 'new\u3000name', expected: 'invalid', code: 'contains_space', why: 'ideographic space' },
  { input: 'new\u2028name', expected: 'invalid', code: 'contains_space', why: 'line separator' },
  // length, counted in code points of the canonical form
  { input: '', expected: 'invalid', code: 'too_short', why: 'empty' },
  { input: 'ab', expected: 'invalid', code: 'too_short', why: 'two letters' },
  { input: 'abc', expected: 'available', why: 'three letters' },
  { input: 'a'.repeat(30), expected: 'available', why: '30 letters' },
  { input: 'a'.repeat(31), expected: 'invalid', code: 'too_long', why: '31 letters' },
  { input: 'ａ'.repeat(30), expected: 'available', why: '30 full-width letters are 30 after NFKC' },
  { input: 'ß'.repeat(15), expected: 'available', why: '15 ß are 30 letters after folding' },
  { input: 'ß'.repeat(16), expected: 'invalid', code: 'too_long', why: '16 ß are 32 letters after folding' },
  { input: 'ﬃ'.repeat(11), expected: 'invalid', code: 'too_long', why: '11 ligatures are 33 letters' },
  { input: 'ﬃ'.repeat(10), expected: 'available', why: '10 ligatures are 30 letters' },
  { input: '伟', expected: 'invalid', code: 'too_short', why: 'one Han character' },
  // separators
  { input: '.newname', expected: 'invalid', code: 'starts_with_separator', why: 'leading dot' },
  { input: 'newname_', expected: 'invalid', code: 'ends_with_separator', why: 'trailing underscore' },
  { input: 'new..name', expected: 'invalid', code: 'consecutive_separators', why: 'two dots' },
  { input: 'new._name', expected: 'invalid', code: 'consecutive_separators', why: 'dot then underscore' },
  { input: 'new-_name', expected: 'invalid', code: 'consecutive_separators', why: 'hyphen then underscore' },
  // characters
  { input: 'new@name', expected: 'invalid', code: 'character_not_allowed', why: 'at sign' },
  { input: 'new/name', expected: 'invalid', code: 'character_not_allowed', why: 'slash' },
  { input: 'new😀name', expected: 'invalid', code: 'character_not_allowed', why: 'emoji' },
  { input: 'new\u2010name', expected: 'invalid', code: 'character_not_allowed', why: 'Unicode hyphen' },
  { input: 'joˈhn', expected: 'invalid', code: 'character_not_allowed', why: 'modifier letter vertical line (a letter of no script)' },
  { input: 'мʼята', expected: 'available', why: 'modifier apostrophe belongs to Cyrillic and Latin (Script_Extensions)' },
  { input: 'ᚠᚢᚦᚨ', expected: 'invalid', code: 'unsupported_script', why: 'Runic' },
  { input: '\u0301abc', expected: 'invalid', code: 'mark_without_letter', why: 'accent with no letter' },
  { input: 'a\u0301\u0301bc', expected: 'invalid', code: 'too_many_marks', why: 'same accent twice' },
  // valid names in many scripts
  { input: 'josé.mueller', expected: 'available', why: 'Latin with diacritics' },
  { input: 'illés.zoë', expected: 'available', why: 'Latin with diacritics' },
  { input: 'иван_петров', expected: 'available', why: 'Cyrillic' },
  { input: 'αλεξανδροσ', expected: 'available', why: 'Greek without the accent is another name' },
  { input: 'محمد99', expected: 'available', why: 'Arabic with ASCII digits' },
  { input: 'محمد٩٩', expected: 'available', why: 'Arabic with Arabic-Indic digits' },
  { input: 'देवनागरी', expected: 'available', why: 'Devanagari with vowel signs' },
  { input: 'क्षत्रिय', expected: 'available', why: 'Devanagari conjuncts (virama)' },
  { input: '张伟', expected: 'available', why: 'Han: two characters count as four for the minimum' },
  { input: '山田たろう', expected: 'available', why: 'Han with Hiragana (Japanese)' },
  { input: 'ヤマダ・タロウ'.replace('・', ''), expected: 'available', why: 'Katakana' },
  { input: '김민수', expected: 'available', why: 'Hangul' },
  { input: '한국漢字', expected: 'available', why: 'Hangul with Han (Korean)' },
  { input: 'שלום', expected: 'available', why: 'Hebrew' },
  { input: 'สมชาย', expected: 'available', why: 'Thai' },
  { input: 'music', expected: 'available', why: 'ordinary word dropped from the maintained list' },
  { input: 'acme-corp', expected: 'available', why: 'admin rule "acme" is equals, not contains' },
  // reserved
  { input: 'login', expected: 'reserved', why: 'route of this app' },
  { input: 'Login', expected: 'reserved', why: 'route, case' },
  { input: 'api', expected: 'reserved', why: 'route' },
  { input: 'favicon.ico', expected: 'reserved', why: 'metadata route' },
  { input: 'ad.min', expected: 'reserved', why: 'separators fold' },
  { input: 'ADMIN', expected: 'reserved', why: 'reserved before taken' },
  { input: 'postmaster', expected: 'reserved', why: 'RFC 2142 mailbox' },
  { input: 'root', expected: 'reserved', why: 'system account' },
  { input: 'r00t', expected: 'reserved', why: 'zero for o' },
  { input: 'acme', expected: 'reserved', why: 'admin rule, equals' },
  { input: 'ACME', expected: 'reserved', why: 'admin rule, case' },
  { input: 'supportdesk', expected: 'reserved', why: 'admin rule, prefix' },
  // the viewer's own name, in any form sharing its key
  { input: 'JohnDoe123', expected: 'own_username', viewer: viewer('johndoe123'), why: 'own name, case' },
  { input: 'johndoel23', expected: 'own_username', viewer: viewer('johndoe123'), why: 'own name, look-alike' },
  { input: 'admin', expected: 'own_username', viewer: viewer('admin'), why: 'own beats reserved' },
  { input: 'paypal', expected: 'taken', viewer: viewer('johndoe123'), why: "someone else's name" },
  { input: 'john doe', expected: 'invalid', code: 'contains_space', viewer: viewer('johndoe123'), why: 'invalid beats own' },
];

const COMPANY_CASES: Case[] = [
  { input: 'FB12345', expected: 'taken', why: 'exact' },
  { input: 'fb12345', expected: 'taken', why: 'case' },
  { input: 'ＦＢ１２３４５', expected: 'taken', why: 'full width' },
  { input: 'FB1234', expected: 'available', why: 'the seed example' },
  { input: 'FBl2345', expected: 'available', why: 'no confusable folding for company names' },
  { input: 'FB.12345', expected: 'available', why: 'no separator folding either' },
  { input: 'JOHN SMITH', expected: 'taken', why: 'case, inner space' },
  { input: 'John\u00a0Smith', expected: 'taken', why: 'a no-break space is a space after NFKC' },
  { input: 'a b', expected: 'available', why: 'one inner space' },
  { input: 'Ann Marie Smith', expected: 'available', why: 'single spaces between words' },
  { input: 'a  b', expected: 'invalid', code: 'consecutive_spaces', why: 'two spaces in a row' },
  { input: ' ab', expected: 'invalid', code: 'leading_whitespace', why: 'leading space' },
  { input: 'ab ', expected: 'invalid', code: 'trailing_whitespace', why: 'trailing space' },
  { input: 'X/Y@Z.CO', expected: 'taken', why: 'symbols, case' },
  { input: 'x/y@z.com', expected: 'available', why: '@ . / allowed' },
  { input: 'a', expected: 'available', why: 'one character' },
  { input: '', expected: 'invalid', code: 'too_short', why: 'empty' },
  { input: 'a'.repeat(64), expected: 'available', why: '64 characters' },
  { input: 'a'.repeat(65), expected: 'invalid', code: 'too_long', why: '65 characters' },
  { input: 'a\tb', expected: 'invalid', code: 'control_character', why: 'tab' },
  { input: 'a\u200bb', expected: 'invalid', code: 'format_character', why: 'zero-width space' },
  { input: '\u202eab', expected: 'invalid', code: 'bidi_control', why: 'bidi override' },
  { input: 'a\ue000', expected: 'invalid', code: 'private_use_character', why: 'private use' },
  { input: 'a\u3164b', expected: 'invalid', code: 'invisible_character', why: 'Hangul filler' },
  { input: 'a\u2028b', expected: 'invalid', code: 'whitespace_not_allowed', why: 'line separator' },
  { input: 'ab\ud83d', expected: 'invalid', code: 'unpaired_surrogate', why: 'half an emoji' },
  { input: '😀 team', expected: 'available', why: 'symbols are printable' },
  { input: 'Émile-Zoë', expected: 'available', why: 'any script' },
  { input: 'abc漢字', expected: 'available', why: 'no script rule' },
  { input: 'admin', expected: 'available', why: 'no reserved names per company' },
];

async function expectCase(profile: Profile, testCase: Case) {
  const store = profile === 'global' ? globalStore() : companyStore();
  const verdict = await checkAvailability(store, testCase.input, profile, testCase.viewer);
  expect(verdict.reason, testCase.why).toBe(testCase.expected);
  expect(verdict.available).toBe(testCase.expected === 'available' || testCase.expected === 'own_username');
  if (testCase.expected === 'invalid') {
    const validation = validateUsername(testCase.input, profile);
    expect(validation.ok).toBe(false);
    if (!validation.ok) {
      expect(validation.errors[0]!.code, testCase.why).toBe(testCase.code);
      expect(verdict.message).toEqual({ key: validation.errors[0]!.key, ...(validation.errors[0]!.params ? { params: validation.errors[0]!.params } : {}) });
    }
  } else {
    // The words ("available" when usable, "taken" when taken or too similar): lib/i18n/policy-messages.test.ts.
    expect(verdict.message).toEqual({ key: `username.verdict.${testCase.expected}` });
  }
  // Suggestions: 1 to 3 for taken, similar and reserved, valid and free; none otherwise.
  if (['taken', 'similar', 'reserved'].includes(testCase.expected)) {
    expect(verdict.suggestions.length).toBeGreaterThanOrEqual(1);
    expect(verdict.suggestions.length).toBeLessThanOrEqual(3);
    for (const suggestion of verdict.suggestions) {
      expect((await checkAvailability(store, suggestion, profile)).reason, suggestion).toBe('available');
    }
  } else {
    expect(verdict.suggestions).toEqual([]);
  }
}

describe('checkAvailability, global usernames', () => {
  it.each(GLOBAL_CASES.map((c) => [JSON.stringify(c.input), c.expected, c.why, c] as const))(
    '%s → %s (%s)',
    (_input, _expected, _why, testCase) => expectCase('global', testCase),
  );
});

describe('checkAvailability, company usernames', () => {
  it.each(COMPANY_CASES.map((c) => [JSON.stringify(c.input), c.expected, c.why, c] as const))(
    '%s → %s (%s)',
    (_input, _expected, _why, testCase) => expectCase('company', testCase),
  );

  it('tells FB1234 and FBl234 apart whichever is taken', async () => {
    const withDigit = createMemoryNameStore('company', { names: ['FB1234'] });
    const withLetter = createMemoryNameStore('company', { names: ['FBl234'] });
    expect((await checkAvailability(withDigit, 'FBl234', 'company')).reason).toBe('available');
    expect((await checkAvailability(withLetter, 'FB1234', 'company')).reason).toBe('available');
    expect((await checkAvailability(withDigit, 'FB1234', 'company')).reason).toBe('taken');
  });

  it('compares a company viewer by canonical form', async () => {
    const me: Viewer = usernameForms('FB12345', 'company');
    expect((await checkAvailability(companyStore(), 'fb12345', 'company', me)).reason).toBe('own_username');
    expect((await checkAvailability(companyStore(), 'FBl2345', 'company', me)).reason).toBe('available');
  });
});

describe('the v1 contract examples', () => {
  it('answers the seed examples', async () => {
    const taken = await checkAvailability(globalStore(), 'johndoe123', 'global');
    expect(taken).toMatchObject({ available: false, reason: 'taken', message: { key: 'username.verdict.taken' } });
    expect(taken.suggestions).toEqual(['johndoe123_1', 'johndoe123_2', 'johndoe123_3']);
    expect(await checkAvailability(globalStore(), 'janedoe', 'global')).toEqual({
      available: true,
      reason: 'available',
      message: { key: 'username.verdict.available' },
      suggestions: [],
    });
  });

  it('never throws on unpaired surrogates or control characters', async () => {
    for (const input of ['\ud800', '\udfff\ud800', '\u0000', 'a\u0000b\ud834']) {
      expect((await checkAvailability(globalStore(), input, 'global')).reason).toBe('invalid');
      expect((await checkAvailability(companyStore(), input, 'company')).reason).toBe('invalid');
    }
  });
});

describe('suggestions', () => {
  it('keeps the case and script of the request and skips names in use', async () => {
    const store = createMemoryNameStore('global', { names: ['JaneDoe', 'janedoe1', 'jane.doe2'] });
    expect((await checkAvailability(store, 'JaneDoe', 'global')).suggestions).toEqual(['JaneDoe3', 'JaneDoe4', 'JaneDoe5']);
    const cyrillic = createMemoryNameStore('global', { names: ['иван'] });
    expect((await checkAvailability(cyrillic, 'Иван', 'global')).suggestions).toEqual(['Иван1', 'Иван2', 'Иван3']);
  });

  it('skips look-alikes of names in use (janedoel is janedoe1)', async () => {
    const store = createMemoryNameStore('global', { names: ['janedoe', 'janedoel'] });
    expect((await checkAvailability(store, 'janedoe', 'global')).suggestions).toEqual(['janedoe2', 'janedoe3', 'janedoe4']);
  });

  it('shortens long names to fit the maximum length', async () => {
    const long = 'a'.repeat(29) + 'b';
    const store = createMemoryNameStore('global', { names: [long] });
    const { suggestions } = await checkAvailability(store, long, 'global');
    expect(suggestions).toEqual(['a'.repeat(29) + '1', 'a'.repeat(29) + '2', 'a'.repeat(29) + '3']);
    // Counted in code points, not UTF-16 units: 28 characters beyond the BMP take 56 units and fit
    // with a suffix; 30 of them are shortened to 29.
    const han = (n: number) => '𠀀'.repeat(n);
    const astral = createMemoryNameStore('global', { names: [han(28), han(30)] });
    expect((await checkAvailability(astral, han(28), 'global')).suggestions).toEqual([han(28) + '1', han(28) + '2', han(28) + '3']);
    expect((await checkAvailability(astral, han(30), 'global')).suggestions).toEqual([han(29) + '1', han(29) + '2', han(29) + '3']);
  });

  it('asks the store for three variants, for three more only when fewer than three were free, then for random numbers', async () => {
    const store = createMemoryNameStore('global', { names: ['sam'] });
    const free = vi.spyOn(store, 'free');
    await checkAvailability(store, 'sam', 'global');
    expect(free).toHaveBeenCalledTimes(1);
    expect(free.mock.calls[0]![0]).toHaveLength(3);

    const two = createMemoryNameStore('global', { names: ['sam', 'sam1'] });
    const twoFree = vi.spyOn(two, 'free');
    expect((await checkAvailability(two, 'sam', 'global')).suggestions).toEqual(['sam2', 'sam3', 'sam4']);
    expect(twoFree).toHaveBeenCalledTimes(2);

    const full = createMemoryNameStore('global', {
      names: ['sam', ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 21, 22, 23, 99].map((n) => `sam${n}`)],
    });
    const fullFree = vi.spyOn(full, 'free');
    const verdict = await checkAvailability(full, 'sam', 'global', undefined, { random: () => 0.5 });
    expect(fullFree).toHaveBeenCalledTimes(3);
    expect(verdict.suggestions).toEqual(['sam5050']);
  });

  it('falls back to neutral names when every variant is caught by a prefix rule', async () => {
    const verdict = await checkAvailability(globalStore(), 'supportdesk', 'global', undefined, { random: () => 0 });
    expect(verdict.reason).toBe('reserved');
    expect(verdict.suggestions).toEqual(['user10000']);
  });

  it('does not suggest names caught by an admin rule', async () => {
    const store = createMemoryNameStore('global', {
      names: ['bob'],
      reservedRules: [reservedRule('exact', 'bob1'), reservedRule('exact', 'bob2')],
    });
    expect((await checkAvailability(store, 'bob', 'global')).suggestions).toEqual(['bob3', 'bob4', 'bob5']);
  });

  it('suggests company names under the company rules', async () => {
    expect((await checkAvailability(companyStore(), 'FB12345', 'company')).suggestions).toEqual([
      'FB12345_1',
      'FB12345_2',
      'FB12345_3',
    ]);
    expect((await checkAvailability(companyStore(), 'John Smith', 'company')).suggestions).toEqual([
      'John Smith1',
      'John Smith2',
      'John Smith3',
    ]);
  });
});

describe('companyAvailabilityMessage', () => {
  it('quotes the name as sent', async () => {
    const store = companyStore();
    // Their English words: lib/i18n/policy-messages.test.ts.
    expect(companyAvailabilityMessage('FB12345', await checkAvailability(store, 'FB12345', 'company'))).toEqual({
      key: 'base.user_is_already_taken_for_this_company',
      params: { username: 'FB12345' },
    });
    expect(companyAvailabilityMessage('FB1234', await checkAvailability(store, 'FB1234', 'company'))).toEqual({
      key: 'base.user_is_available_for_this_company',
      params: { username: 'FB1234' },
    });
    expect(companyAvailabilityMessage('a  b', await checkAvailability(store, 'a  b', 'company'))).toEqual({ key: 'username.invalid.consecutive_spaces' });
  });
});

describe('messages', () => {
  it('are keys of the username.verdict namespace, one per reason (their words: lib/i18n/policy-messages.test.ts)', () => {
    for (const [reason, ref] of Object.entries(AVAILABILITY_MESSAGES)) expect(ref).toEqual({ key: `username.verdict.${reason}` });
  });
});
