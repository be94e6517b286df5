import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  approximateCanonicalUsername,
  checkUsernameFormat,
  codePointLength,
  combiningMarkViolations,
  edgeWhitespaceViolations,
  globalCharacterViolations,
  lengthViolations,
  mixedScriptViolation,
  separatorViolations,
} from './rules';
import { validateUsername } from './validate';

/** The modules a file imports, followed through relative imports. */
function importGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const source = readFileSync(new URL(`./${file}.ts`, import.meta.url), 'utf8');
  for (const [, specifier] of source.matchAll(/^(?:import|export)[^'"]*from\s+'([^']+)'/gm)) {
    if (specifier!.startsWith('./')) importGraph(specifier!.slice(2), seen);
    else seen.add(specifier!);
  }
  return seen;
}

describe('rules.ts, the browser part of the policy', () => {
  it('imports no tables: no case folding, confusables, reserved lists or packages', () => {
    expect([...importGraph('rules')].sort()).toEqual(['characters', 'lengths', 'rules', 'scripts', 'types']);
  });

  it('keeps the length bounds apart, for pages that show them before the rules load', () => {
    expect([...importGraph('lengths')].sort()).toEqual(['lengths', 'types']);
  });

  it('gives the server verdict for ordinary names', () => {
    for (const name of ['johndoe123', 'JohnDoe', 'josé.müller', 'иван_петров', 'a b', ' ab', 'pаypal', '张伟', 'ab']) {
      for (const profile of ['global', 'company'] as const) {
        expect(checkUsernameFormat(name, profile)).toEqual(validateUsername(name, profile));
      }
    }
  });

  it('may count length differently where toLowerCase and case folding differ (the server decides)', () => {
    const name = 'ß'.repeat(16); // 16 characters to toLowerCase, 32 after full folding
    expect(approximateCanonicalUsername(name)).toBe(name);
    expect(checkUsernameFormat(name, 'global').ok).toBe(true);
    expect(validateUsername(name, 'global').ok).toBe(false);
  });
});

describe('single rules', () => {
  it('counts code points, an unpaired surrogate as one', () => {
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('𝐩𝐚')).toBe(2);
    expect(codePointLength('a\ud800')).toBe(2);
    expect(codePointLength('\udc00\ud800')).toBe(2);
  });

  it('refuses white space at either edge, including what NFKC turns into a space', () => {
    expect(edgeWhitespaceViolations(' a', ' a').map((v) => v.code)).toEqual(['leading_whitespace']);
    expect(edgeWhitespaceViolations('a\u3000', 'a ').map((v) => v.code)).toEqual(['trailing_whitespace']);
    expect(edgeWhitespaceViolations('\u00b4a', ' \u0301a').map((v) => v.code)).toEqual(['leading_whitespace']);
    expect(edgeWhitespaceViolations('a b', 'a b')).toEqual([]);
  });

  it('names the offending character', () => {
    expect(globalCharacterViolations('a@b')[0]).toMatchObject({ key: 'username.invalid.character_not_allowed', params: { character: '@' } });
    expect(globalCharacterViolations('ᚠᚢᚦ')[0]).toMatchObject({ key: 'username.invalid.unsupported_script', params: { character: 'ᚠ' } });
  });

  it('wants marks on letters, and not too many', () => {
    expect(combiningMarkViolations('e\u0301')).toEqual([]);
    expect(combiningMarkViolations('1\u0301').map((v) => v.code)).toEqual(['mark_without_letter']);
    expect(combiningMarkViolations('a\u0300\u0301\u0302\u0303').map((v) => v.code)).toEqual([]);
    expect(combiningMarkViolations('a\u0300\u0301\u0302\u0303\u0304').map((v) => v.code)).toEqual(['too_many_marks']);
  });

  it('reports each separator problem', () => {
    expect(separatorViolations('-a..b_').map((v) => v.code)).toEqual([
      'starts_with_separator',
      'ends_with_separator',
      'consecutive_separators',
    ]);
    expect(separatorViolations('')).toEqual([]);
  });

  it('treats Japanese, Korean and Chinese as one writing system each, and nothing else', () => {
    expect(mixedScriptViolation('漢字ひらがなカタカナー')).toBeNull();
    expect(mixedScriptViolation('한국漢字')).toBeNull();
    expect(mixedScriptViolation('ㄅㄆ漢字')).toBeNull();
    expect(mixedScriptViolation('ひらがな한국')?.params).toEqual({ first: 'Hiragana', second: 'Hangul' });
    expect(mixedScriptViolation('abc123')).toBeNull();
    expect(mixedScriptViolation('abcабв')?.params).toEqual({ first: 'Latin', second: 'Cyrillic' });
  });

  it('counts a Han, kana or Hangul character twice for the global minimum only', () => {
    expect(lengthViolations('张伟', 'global')).toEqual([]);
    // Their English words: lib/i18n/policy-messages.test.ts.
    expect(lengthViolations('伟', 'global')[0]).toEqual({ code: 'too_short', key: 'username.invalid.too_short_cjk', params: { cjk: 2, min: 3 } });
    expect(lengthViolations('ab', 'global')[0]).toEqual({ code: 'too_short', key: 'username.invalid.too_short', params: { min: 3 } });
    expect(lengthViolations('', 'company')[0]).toEqual({ code: 'too_short', key: 'username.invalid.too_short', params: { min: 1 } });
    expect(lengthViolations('伟'.repeat(31), 'global')[0]?.code).toBe('too_long');
  });
});
