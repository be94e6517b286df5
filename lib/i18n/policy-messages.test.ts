import { describe, expect, it } from 'vitest';
import { AVAILABILITY_MESSAGES, companyAvailabilityMessage, validateUsername } from '@/lib/usernames';
import { lengthViolations, mixedScriptViolation } from '@/lib/usernames/rules';
import type { MessageRef } from '@/lib/usernames/types';
import { LOCALES } from './locales';
import { translate } from './translate';

// The username policy returns keys; these are their English words, pinned as they were when the
// policy held them (the contract and the seed documents quote some): a catalogue edit that changes
// one fails here.

const firstError = (input: string, profile: 'global' | 'company' = 'global'): MessageRef => {
  const validation = validateUsername(input, profile);
  if (validation.ok) throw new Error(`${input} is valid`);
  return validation.errors[0]!;
};

describe('the policy’s messages in English', () => {
  it('say each broken rule as before', () => {
    const cases: [string, 'global' | 'company', string][] = [
      [' ab', 'global', "Usernames can't start with a space. Remove it."],
      ['ab ', 'global', "Usernames can't end with a space. Remove it."],
      ['a b', 'global', "Usernames can't contain spaces. Use a dot, an underscore or a hyphen instead."],
      ['a@b', 'global', 'Usernames can\'t contain "@". Use only letters, digits, dots (.), underscores (_) and hyphens (-).'],
      ['ᚠᚢᚦ', 'global', '"ᚠ" is from a writing system usernames don\'t support. Use letters of a widely used script, such as Latin, Cyrillic, Arabic or Han.'],
      ['-ab', 'global', 'Start with a letter or a digit, not a dot, underscore or hyphen.'],
      ['ab-', 'global', 'End with a letter or a digit, not a dot, underscore or hyphen.'],
      ['a..b', 'global', 'Put a letter or a digit between two dots, underscores or hyphens.'],
      ['abcабв', 'global', 'Use letters from one writing system only: this name mixes Latin and Cyrillic.'],
      ['ab', 'global', 'Use at least 3 characters.'],
      ['a'.repeat(31), 'global', 'Use 30 characters or fewer.'],
      ['伟', 'global', 'Use at least 2 Chinese, Japanese or Korean characters, or 3 characters in all.'],
      ['a  b', 'company', 'Use only one space between words.'],
      ['a\u1680b', 'company', 'Use a regular space between words, not a line break or another kind of space.'],
      ['a'.repeat(65), 'company', 'Use 64 characters or fewer.'],
      ['a\u200bb', 'global', 'Remove the invisible formatting character (such as a zero-width space).'],
      ['a\tb', 'global', 'Remove the control character (such as a tab or a line break).'],
      ['a\u202eb', 'global', 'Remove the invisible text-direction character.'],
      ['a\ud800b', 'global', 'Retype the username: it contains a broken character (half of an emoji or symbol).'],
      ['a\ue000b', 'global', 'Remove the private-use character: it has no standard meaning.'],
    ];
    for (const [input, profile, english] of cases) expect(translate(firstError(input, profile)), JSON.stringify(input)).toBe(english);
    expect(translate(lengthViolations('', 'company')[0]!)).toBe('Use at least 1 character.');
    expect(translate(mixedScriptViolation('ひらがな한국')!)).toBe('Use letters from one writing system only: this name mixes Hiragana and Hangul.');
  });

  it('say the verdicts as before: "available" only when the name can be used, "taken" only when it is in use', () => {
    expect(translate(AVAILABILITY_MESSAGES.available)).toBe('That username is available.');
    expect(translate(AVAILABILITY_MESSAGES.own_username)).toBe("That's your current username, so it's available to you.");
    expect(translate(AVAILABILITY_MESSAGES.reserved)).toBe('That username is reserved. Please choose another one.');
    expect(translate(AVAILABILITY_MESSAGES.taken)).toBe('That username is taken.');
    expect(translate(AVAILABILITY_MESSAGES.similar)).toBe("That username is too similar to one that's taken.");
    expect(translate({ key: 'username.verdict.duplicate_in_request', params: { earlier: 'FB1234' } })).toBe(
      'That username is the same as "FB1234", given earlier in this request.',
    );
  });

  it('say the v2 answers as the seed document does, with its key for an available name', () => {
    const available = companyAvailabilityMessage('FB1234', { available: true, reason: 'available', message: AVAILABILITY_MESSAGES.available, suggestions: [] });
    expect(available.key).toBe('base.user_is_available_for_this_company');
    expect(translate(available)).toBe('Username "FB1234" is available for this company');
    const taken = companyAvailabilityMessage('FB12345', { available: false, reason: 'taken', message: AVAILABILITY_MESSAGES.taken, suggestions: [] });
    expect(translate(taken)).toBe('Username "FB12345" is already taken for this company');
    const repeat = companyAvailabilityMessage('fb1234', {
      available: false,
      reason: 'duplicate_in_request',
      message: { key: 'username.verdict.duplicate_in_request', params: { earlier: 'FB1234' } },
      suggestions: [],
      repeats: 'FB1234',
    });
    expect(translate(repeat)).toBe('Username "fb1234" is the same as "FB1234", given earlier in this request');
  });
});

describe('the policy’s messages in every language', () => {
  it('exist for every verdict and every rule these inputs break, with the name or count in them', () => {
    for (const locale of LOCALES) {
      for (const ref of Object.values(AVAILABILITY_MESSAGES)) expect(translate(ref, locale)).not.toBe(ref.key);
      expect(translate(firstError('a@b'), locale)).toContain('@');
      expect(translate(firstError('ab'), locale)).toMatch(/3/);
      expect(translate({ key: 'base.user_is_already_taken_for_this_company', params: { username: 'FB12345' } }, locale)).toContain('FB12345');
    }
  });

  it('are German and Arabic words, not English ones', () => {
    expect(translate(AVAILABILITY_MESSAGES.taken, 'de')).toBe('Dieser Benutzername ist vergeben.');
    expect(translate(AVAILABILITY_MESSAGES.taken, 'ar')).toBe('اسم المستخدم هذا مأخوذ.');
    expect(translate({ key: 'username.invalid.too_short', params: { min: 3 } }, 'ar')).toBe('استخدم 3 أحرف على الأقل.');
    expect(translate({ key: 'username.invalid.too_short', params: { min: 1 } }, 'ar')).toBe('استخدم حرفًا واحدًا على الأقل.');
  });
});
