import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkAvailability, companyAvailabilityMessage } from './availability';
import { canonicalUsername } from './canonical';
import { createMemoryNameStore, type MemoryNameStore } from './memory-store';
import { MAX_QUESTION_ROUNDS, checkAvailabilityOfMany } from './many';
import { reservedRule } from './reserved';
import type { NameSetStore, Profile } from './types';

// The check of many names gives each name exactly what the one-name check gives it, in order,
// marks repeats by canonical form, and asks its store a bounded number of questions whatever the
// number of names.

/** A NameSetStore over an in-memory NameStore, counting its queries and the forms they carried. */
function setStore(names: MemoryNameStore): NameSetStore & { queries: number; forms: number } {
  const store = {
    queries: 0,
    forms: 0,
    async inUse(forms: Parameters<NameSetStore['inUse']>[0]) {
      store.queries++;
      store.forms += forms.length;
      const canonicals = new Set<string>();
      const keys = new Set<string>();
      for (const f of forms) {
        const found = names.find(f);
        if (found.canonicalTaken) canonicals.add(f.canonical);
        if (found.similarTaken && f.key !== null) keys.add(f.key);
      }
      return { canonicals, keys };
    },
    reservedRules: () => names.reservedRules(),
  };
  return store;
}

const COMPANY = ['FB12345', 'John Smith', 'x/y@z.co', 'FB12345_1', 'FB12345_2'];
const companyNames = () => createMemoryNameStore('company', { names: COMPANY });
const fixedRandom = () => 0.5;

describe('checkAvailabilityOfMany', () => {
  it('answers in input order with what the one-name check answers, suggestions included', async () => {
    const names = companyNames();
    const inputs = ['FB1234', 'FB12345', 'john smith', 'a  b', '', 'x/y@z.co', 'Jane Doe'];
    const many = await checkAvailabilityOfMany(setStore(names), inputs, 'company', { random: fixedRandom });
    expect(many).toEqual(await Promise.all(inputs.map((input) => checkAvailability(names, input, 'company', undefined, { random: fixedRandom }))));
    expect(many.map((v) => v.reason)).toEqual(['available', 'taken', 'taken', 'invalid', 'invalid', 'taken', 'available']);
    // FB12345_1 and _2 are taken: the one-name check goes on to 4–6, and so does this one.
    expect(many[1]!.suggestions).toEqual(['FB12345_3', 'FB12345_4', 'FB12345_5']);
  });

  it('marks an input whose canonical form repeats an earlier one, whatever else it is', async () => {
    const names = companyNames();
    const inputs = ['FB1234', 'fb1234', 'ＦＢ１２３４', 'FB12345', 'fb12345', 'FBl234', 'a  b', 'A  B'];
    const many = await checkAvailabilityOfMany(setStore(names), inputs, 'company');
    expect(many.map((v) => v.reason)).toEqual([
      'available',
      'duplicate_in_request',
      'duplicate_in_request',
      'taken',
      'duplicate_in_request',
      'available', // FBl234 is another employee id: no confusable folding for company names
      'invalid',
      'duplicate_in_request',
    ]);
    expect(many[1]).toEqual({
      available: false,
      reason: 'duplicate_in_request',
      message: { key: 'username.verdict.duplicate_in_request', params: { earlier: 'FB1234' } },
      suggestions: [],
      repeats: 'FB1234',
    });
    expect(many[2]!.available).toBe(false);
    expect(companyAvailabilityMessage('ＦＢ１２３４', many[2]!)).toEqual({ key: 'base.user_is_duplicate_in_request', params: { username: 'ＦＢ１２３４', earlier: 'FB1234' } });
  });

  it('asks one query for names that are all free or invalid, one more for the suggestions of taken ones', async () => {
    const free = setStore(companyNames());
    await checkAvailabilityOfMany(free, Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? 'a  b' + i : `new${i}`)), 'company');
    expect(free.queries).toBe(1);

    const taken = setStore(companyNames());
    await checkAvailabilityOfMany(taken, ['John Smith', 'x/y@z.co', 'FB1'], 'company');
    expect(taken.queries).toBe(2);
    expect(taken.forms).toBe(3 + 6); // the three names, then variants 1–3 of the two taken ones
  });

  it('goes as deep as the one-name check, in at most MAX_QUESTION_ROUNDS queries', async () => {
    // Every numbered variant of "ab" is taken: the suggestions come from the random group.
    const names = createMemoryNameStore('company', { names: ['ab', ...Array.from({ length: 6 }, (_, i) => `ab${i + 1}`)] });
    const store = setStore(names);
    const many = await checkAvailabilityOfMany(store, ['ab', 'AB '], 'company', { random: fixedRandom });
    expect(store.queries).toBe(MAX_QUESTION_ROUNDS);
    expect(many[0]).toEqual(await checkAvailability(names, 'ab', 'company', undefined, { random: fixedRandom }));
    expect(many[0]!.suggestions).toHaveLength(1); // one random number drawn, always 0.5: "ab5050"
    expect(many[0]!.suggestions[0]).toBe('ab5050');
  });

  it('holds for any names in both profiles (global look-alikes and admin rules included)', async () => {
    const letters = ['a', 'A', 'а', 'o', '0', 'O', 'l', '1', 'I', 'r', 'n', 'm', 'e', '_', '.', ' '];
    const name = fc.array(fc.constantFrom(...letters), { minLength: 1, maxLength: 6 }).map((chars) => chars.join(''));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<Profile>('global', 'company'),
        fc.array(name, { maxLength: 12 }),
        fc.array(name, { minLength: 1, maxLength: 20 }),
        async (profile, stored, asked) => {
          const names = createMemoryNameStore(profile, { names: stored, reservedRules: [reservedRule('exact', 'r0l')] });
          const store = setStore(names);
          const many = await checkAvailabilityOfMany(store, asked, profile, { random: fixedRandom });
          const verdicts: unknown[] = [];
          for (const input of asked) verdicts.push(await checkAvailability(names, input, profile, undefined, { random: fixedRandom }));
          const seen = new Set<string>();
          asked.forEach((input, index) => {
            const canonical = canonicalUsername(input, profile);
            if (seen.has(canonical)) expect(many[index]!.reason).toBe('duplicate_in_request');
            else expect(many[index]).toEqual(verdicts[index]);
            seen.add(canonical);
          });
          expect(store.queries).toBeLessThanOrEqual(MAX_QUESTION_ROUNDS);
        },
      ),
      { numRuns: 300 },
    );
  });
});
