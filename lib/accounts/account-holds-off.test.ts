// Holds off for this file (lib/config.ts reads the environment once per process).
process.env.USERNAME_HOLD_DAYS = '0';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection } from '@/db/client';
import { useFreshDatabase } from '@/lib/testing/fixtures';
import { createUser } from '@/lib/accounts/users';
import { changeUsername, heldNamesOf, releasedNotice } from '@/lib/accounts/account';
import { globalHoldDays } from '@/lib/holds';

beforeAll(async () => {
  await useFreshDatabase('namecheck-account-holds-off-');
});
afterAll(async () => {
  await closeConnection();
});

describe('with USERNAME_HOLD_DAYS=0', () => {
  it('a rename says the old name is free now, and nothing is held for the person', async () => {
    expect(globalHoldDays()).toBe(0);
    const { id } = await createUser({ username: 'free-one', password: 'a long passphrase' });
    const renamed = await changeUsername(id, 'free-two');
    expect(releasedNotice(renamed)).toEqual({ kind: 'free', username: 'free-one' });
    expect(await heldNamesOf(id)).toEqual([]);
  });
});
