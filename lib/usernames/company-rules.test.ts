// A company's own rules: which rule a name breaks and how the message names it, and how the verdict
// (one name, and many at once) applies them.
import { describe, expect, it } from 'vitest';
import { checkAvailability } from './availability';
import { companyRuleViolation, matchesCompanyPattern, NO_COMPANY_RULES } from './company-rules';
import { checkAvailabilityOfMany } from './many';
import { createMemoryNameStore } from './memory-store';
import type { CompanyUsernameRules, NameSetStore } from './types';

const rules = (r: Partial<CompanyUsernameRules>): CompanyUsernameRules => ({ ...NO_COMPANY_RULES, ...r });

describe('companyRuleViolation', () => {
  it('has nothing to say without rules of the company', () => {
    for (const name of ['a', 'FB12345', 'x'.repeat(64), 'J/Smith@hq']) expect(companyRuleViolation(name, NO_COMPANY_RULES)).toBeNull();
  });

  it('names the length rule and its bound, counted in code points of the canonical form', () => {
    const r = rules({ minLength: 5, maxLength: 7 });
    expect(companyRuleViolation('FB12', r)).toEqual({
      code: 'company_too_short',
      reason: 'invalid',
      params: { min: 5 },
      message: 'Username "FB12" is too short for this company (at least 5 characters)',
    });
    expect(companyRuleViolation('FB123456', r)).toMatchObject({
      code: 'company_too_long',
      params: { max: 7 },
      message: 'Username "FB123456" is too long for this company (at most 7 characters)',
    });
    expect(companyRuleViolation('FB123', r)).toBeNull();
    // Five code points (one of them outside the BMP, two UTF-16 units): long enough.
    expect(companyRuleViolation('FB1𝟚3', r)).toBeNull();
    expect(companyRuleViolation('a', rules({ minLength: 2 }))?.message).toBe('Username "a" is too short for this company (at least 2 characters)');
    expect(companyRuleViolation('ab', rules({ maxLength: 1 }))?.message).toBe('Username "ab" is too long for this company (at most 1 character)');
  });

  it('wants the whole name as sent to match the pattern (u flag)', () => {
    const r = rules({ pattern: 'FB\\d{5}' });
    expect(companyRuleViolation('FB12345', r)).toBeNull();
    for (const name of ['xFB12345', 'FB123456', 'FB12345 ', 'fb12345', 'FB1234']) {
      expect(companyRuleViolation(name, r)).toEqual({
        code: 'company_pattern',
        reason: 'invalid',
        params: { pattern: 'FB\\d{5}' },
        message: `Username "${name}" does not match this company's pattern (FB\\d{5})`,
      });
    }
    // An alternation is grouped before it is anchored: `a|b` does not match "ab".
    expect(matchesCompanyPattern('ab', 'a|b')).toBe(false);
    expect(matchesCompanyPattern('b', 'a|b')).toBe(true);
    // The u flag: \p{…} classes, and a character outside the BMP is one character.
    expect(matchesCompanyPattern('Zoë', '\\p{Lu}\\p{Ll}+')).toBe(true);
    expect(matchesCompanyPattern('𝒳', '.')).toBe(true);
  });

  it('matches reserved names by canonical form (case and width)', () => {
    const r = rules({ reserved: new Set(['ceo', 'it-support']) });
    for (const name of ['ceo', 'CEO', 'ＣＥＯ', 'IT-Support']) {
      expect(companyRuleViolation(name, r)).toEqual({
        code: 'company_reserved',
        reason: 'reserved',
        params: {},
        message: `Username "${name}" is reserved by this company`,
      });
    }
    expect(companyRuleViolation('ceo2', r)).toBeNull();
  });

  it('says the length first, then the pattern, then a reservation', () => {
    const r = rules({ minLength: 4, pattern: '[a-z]+', reserved: new Set(['abc', 'ABCD'.toLowerCase()]) });
    expect(companyRuleViolation('ABC', r)?.code).toBe('company_too_short');
    expect(companyRuleViolation('ABCD', r)?.code).toBe('company_pattern');
    expect(companyRuleViolation('abcd', r)?.code).toBe('company_reserved');
  });
});

describe('the verdict with a company\u2019s rules', () => {
  const store = createMemoryNameStore('company', { names: ['FB12345', 'FB12346'] });
  const acme = rules({ minLength: 7, maxLength: 7, pattern: 'FB\\d{5}', reserved: new Set(['fb00000']) });

  it('is invalid, naming the rule, for a name off the pattern or the lengths; the format rules come first', async () => {
    expect(await checkAvailability(store, 'jdoe', 'company', undefined, { companyRules: acme })).toMatchObject({
      available: false,
      reason: 'invalid',
      message: 'Username "jdoe" is too short for this company (at least 7 characters)',
      suggestions: [],
      rule: { code: 'company_too_short', params: { min: 7 } },
    });
    expect(await checkAvailability(store, 'XX12345', 'company', undefined, { companyRules: acme })).toMatchObject({
      reason: 'invalid',
      rule: { code: 'company_pattern' },
    });
    // A name the company profile refuses says that rule, not the company's.
    expect((await checkAvailability(store, ' FB12345', 'company', undefined, { companyRules: acme })).message).toBe("Usernames can't start with a space. Remove it.");
  });

  it('is reserved for a company-reserved name, with suggestions that follow the rules', async () => {
    const verdict = await checkAvailability(store, 'FB00000', 'company', undefined, { companyRules: acme });
    expect(verdict).toMatchObject({ available: false, reason: 'reserved', message: 'Username "FB00000" is reserved by this company' });
    // "FB00000" + a digit is too long and off the pattern: no variant can follow these rules.
    expect(verdict.suggestions).toEqual([]);
    const loose = rules({ maxLength: 10, reserved: new Set(['ceo']) });
    const suggested = await checkAvailability(store, 'CEO', 'company', undefined, { companyRules: loose, random: () => 0.5 });
    expect(suggested.suggestions).toEqual(['CEO1', 'CEO2', 'CEO3']);
  });

  it('keeps the taken and available answers as they were', async () => {
    expect(await checkAvailability(store, 'FB12345', 'company', undefined, { companyRules: acme })).toMatchObject({ reason: 'taken', available: false });
    expect(await checkAvailability(store, 'FB12347', 'company', undefined, { companyRules: acme })).toMatchObject({ reason: 'available', available: true });
    // Taken: the suggestions follow the company's lengths (a 7-character maximum cuts the stem).
    const taken = await checkAvailability(store, 'FB12345', 'company', undefined, { companyRules: rules({ maxLength: 7 }), random: () => 0.5 });
    for (const s of taken.suggestions) expect([...s].length).toBeLessThanOrEqual(7);
  });

  it('gives each of many names what the one-name check gives it', async () => {
    const setStore: NameSetStore = {
      inUse: (forms) => ({ canonicals: new Set(forms.map((f) => f.canonical).filter((c) => store.find({ canonical: c, key: null }).canonicalTaken)), keys: new Set() }),
      reservedRules: () => [],
    };
    const names = ['FB12345', 'FB1', 'xx12345', 'FB00000', 'FB12347', 'fb12347'];
    const many = await checkAvailabilityOfMany(setStore, names, 'company', { companyRules: acme, random: () => 0.5 });
    expect(many.map((v) => v.reason)).toEqual(['taken', 'invalid', 'invalid', 'reserved', 'available', 'duplicate_in_request']);
    for (const [i, name] of names.slice(0, 5).entries()) {
      expect(many[i]).toEqual(await checkAvailability(store, name, 'company', undefined, { companyRules: acme, random: () => 0.5 }));
    }
  });
});
