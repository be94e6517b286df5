// With USERNAME_HOLD_DAYS=0 and COMPANY_USERNAME_HOLD_DAYS=0 nothing is held: a name given up is free
// for anyone at once (the contract: `0` turns the hold off). Set before anything reads the config.
process.env.USERNAME_HOLD_DAYS = '0';
process.env.COMPANY_USERNAME_HOLD_DAYS = '0';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testValue } from '@/db/testing/sql';
import { changeUsername, heldNamesOf, releasedNotice, removeAccount } from '@/lib/accounts/account';
import { globalHoldDays } from '@/lib/holds';
import { registerUser } from '@/lib/accounts/registration';
import { CLI_ACTOR } from '@/lib/audit';
import { removeMember, setCompanyUsername } from '@/lib/companies/members';
import { addToCompany, makeCompany, makeUser, useFreshDatabase } from '@/lib/testing/fixtures';

const PASSWORD = 'a long passphrase';

beforeAll(async () => {
  await useFreshDatabase('namecheck-holds-off-');
});
// The worker process runs other test files after this one: they get the defaults back.
afterAll(() => {
  delete process.env.USERNAME_HOLD_DAYS;
  delete process.env.COMPANY_USERNAME_HOLD_DAYS;
});

describe('holds off', () => {
  it('a renamed-away name is free for anyone at once, and so is a deleted account’s', async () => {
    expect(globalHoldDays()).toBe(0);
    const { id } = await registerUser({ username: 'renamer1', password: PASSWORD });
    const renamed = await changeUsername(id, 'renamer2');
    expect(renamed.released).toEqual({ username: 'renamer1', heldUntil: null });
    // /account says so: free now, not held.
    expect(releasedNotice(renamed)).toEqual({ kind: 'free', username: 'renamer1' });
    expect(await heldNamesOf(id)).toEqual([]);
    expect((await registerUser({ username: 'renamer1', password: PASSWORD })).username).toBe('renamer1');
    await removeAccount(id, CLI_ACTOR);
    expect((await registerUser({ username: 'renamer2', password: PASSWORD })).username).toBe('renamer2');
    expect(await testValue('SELECT count(*) AS n FROM global_names WHERE held_until IS NOT NULL')).toBe(0);
  });

  it('a replaced or removed company username is free for another member at once', async () => {
    const company = await makeCompany('Free Flow', 'free-flow');
    const admin = await makeUser('ff-admin');
    await addToCompany(company, 'ff-admin', 'admin');
    const ann = await makeUser('ff-ann');
    const ben = await makeUser('ff-ben');
    const cat = await makeUser('ff-cat');
    await addToCompany(company, 'ff-ann', 'member', 'X-1');
    await addToCompany(company, 'ff-ben', 'member', 'X-2');
    await addToCompany(company, 'ff-cat', 'member');
    await setCompanyUsername(admin, company, ann.userId, 'X-3');
    expect((await setCompanyUsername(admin, company, cat.userId, 'X-1')).companyUsername).toBe('X-1');
    await removeMember(admin, company, ben.userId);
    expect((await setCompanyUsername(admin, company, ann.userId, 'X-2')).companyUsername).toBe('X-2');
    expect(await testValue('SELECT count(*) AS n FROM company_name_holds')).toBe(0);
  });
});
