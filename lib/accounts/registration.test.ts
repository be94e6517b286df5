import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '@/lib/http/problem';
import { registerUser } from '@/lib/accounts/registration';
import { globalNameStore } from '@/db/queries/names';
import { checkAvailability } from '@/lib/usernames';
import { useFreshDatabase } from '@/lib/testing/fixtures';

// A real database for this file (each test file runs in its own process), on this run's engine.

const PASSWORD = 'a long enough passphrase';
const counts = { registered: 0, refused: 0 };

beforeAll(async () => {
  await useFreshDatabase('namecheck-reg-');
});

/** Check, then register: a name the check calls available registers; any other is refused. */
async function agree(username: string): Promise<void> {
  const verdict = await checkAvailability(globalNameStore(), username, 'global');
  let outcome: 'registered' | 'refused';
  try {
    await registerUser({ username, password: PASSWORD });
    outcome = 'registered';
  } catch (error) {
    if (!(error instanceof HttpError) || (error.status !== 400 && error.status !== 409)) throw error;
    outcome = 'refused';
  }
  expect({ username, outcome }).toEqual({ username, outcome: verdict.available ? 'registered' : 'refused' });
  counts[outcome]++;
  if (outcome === 'registered') {
    expect((await checkAvailability(globalNameStore(), username, 'global')).reason).toBe('taken');
  }
}

describe('the check and registration never disagree', () => {
  it('on names built to collide: case, width, separators, look-alikes, reserved, invalid', { timeout: 60_000 }, async () => {
    const names = [
      'paypal', 'PayPal', 'pаypal', 'ｐａｙｐａｌ', 'pay.pal', 'pay_pal', 'рауpal', 'payp4l', 'paypa1', 'paypaI',
      'john.doe', 'john_doe', 'john-doe', 'JOHN.DOE', 'johndoe', 'jöhn', 'jöhn', 'straße', 'strasse', 'STRASSE',
      'admin', 'administrator', 'root', 'support', 'login', 'signup', 'api',
      'ab', 'a', 'x'.repeat(31), ' lead', 'trail ', 'two  spaces', 'a..b', '.dot', 'dot.', 'a\u200bb', 'a\u202eb',
      'иван', 'ИВАН', 'αλέξανδρος', 'ΑΛΈΞΑΝΔΡΟΣ', 'محمد99', 'देवनागरी', '张伟', '山田たろう', 'ﬁsh', 'fish', '𝐩𝐚𝐲𝐩𝐚𝐥',
      'user0000001', 'USER0000001', 'user.0000001',
    ];
    for (const name of names) await agree(name);
    // Both sides were exercised: names that registered and names that were refused.
    expect(counts.registered).toBeGreaterThanOrEqual(10);
    expect(counts.refused).toBeGreaterThanOrEqual(25);
    console.log(`curated names: ${counts.registered} registered, ${counts.refused} refused, none disagreeing`);
  });

  it('on random strings, including Unicode and white space', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ minLength: 0, maxLength: 12 }),
          fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 }),
          fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9._-]{1,12}$/),
        ),
        async (name) => agree(name),
      ),
      { numRuns: 150 },
    );
  });
});
