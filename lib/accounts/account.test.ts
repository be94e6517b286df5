import { translate } from '@/lib/i18n/translate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection } from '@/db/client';
import { testRow, testRows, testRun } from '@/db/testing/sql';
import { useFreshDatabase } from '@/lib/testing/fixtures';
import { CLI_ACTOR } from '@/lib/audit';
import { createCompany } from '@/lib/companies/companies';
import { addMember } from '@/lib/companies/members';
import { HttpError } from '@/lib/http/problem';
import { registerUser } from '@/lib/accounts/registration';
import { createUser, findUserById } from '@/lib/accounts/users';
import { changePassword, changeUsername, deleteAccount, listMembershipsOf, usernameRefusal } from '@/lib/accounts/account';
import { verifyGlobalLogin } from '@/lib/auth/login';

// Against a fresh database with the real schema and the real username policy, on this run's engine.
beforeAll(async () => {
  await useFreshDatabase('namecheck-account-');
});
afterAll(async () => {
  await closeConnection();
});

async function thrown(work: () => unknown): Promise<HttpError> {
  try {
    await work();
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error('expected an HttpError');
}

describe('changeUsername', () => {
  it('takes the person’s own name in another case, and stores the new forms', async () => {
    const { id } = await registerUser({ username: 'casey-jones', password: 'a long passphrase' });
    // The same name in another form gives nothing up: no hold.
    expect(await changeUsername(id, 'Casey-Jones')).toEqual({ id, username: 'Casey-Jones', released: null });
    const user = (await findUserById(id))!;
    expect(user.username).toBe('Casey-Jones');
    expect(user.usernameCanonical).toBe('casey-jones');
  });

  it('renames to a free name; the old one is held for the owner, not free for others (lib/accounts/lifecycle.test.ts)', async () => {
    const { id } = await registerUser({ username: 'renamer1', password: 'a long passphrase' });
    const renamed = await changeUsername(id, 'renamer2');
    expect(renamed).toMatchObject({ id, username: 'renamer2', released: { username: 'renamer1', heldUntil: expect.any(Date) } });
    expect((await findUserById(id))!.usernameCanonical).toBe('renamer2');
    await expect(registerUser({ username: 'renamer1', password: 'a long passphrase' })).rejects.toMatchObject({ status: 409, extensions: { reason: 'held' } });
  });

  it('refuses a taken or look-alike name with a 409 and fresh suggestions, and changes nothing', async () => {
    await registerUser({ username: 'taken-here', password: 'a long passphrase' });
    const { id } = await registerUser({ username: 'wants-it', password: 'a long passphrase' });
    for (const [name, reason] of [
      ['TAKEN-HERE', 'taken'],
      ['taken_here', 'similar'],
    ] as const) {
      const error = await thrown(() => changeUsername(id, name));
      expect(error.status).toBe(409);
      const refusal = usernameRefusal(error, name);
      expect(refusal).toMatchObject({ username: name, reason });
      expect(refusal!.suggestions.length).toBeGreaterThan(0);
    }
    expect((await findUserById(id))!.username).toBe('wants-it');
  });

  it('refuses reserved and invalid names with a 400 that says why', async () => {
    const { id } = await registerUser({ username: 'plain-user', password: 'a long passphrase' });
    const reserved = await thrown(() => changeUsername(id, 'signup'));
    expect(reserved.status).toBe(400);
    expect(usernameRefusal(reserved, 'signup')).toMatchObject({ reason: 'reserved' });
    const invalid = await thrown(() => changeUsername(id, '-dash'));
    expect(invalid.status).toBe(400);
    expect(usernameRefusal(invalid, '-dash')).toMatchObject({ reason: 'invalid', suggestions: [] });
    // The refusal carries the rule's key; its English is what it always said.
    expect(usernameRefusal(invalid, '-dash')!.message).toEqual({ key: 'username.invalid.starts_with_separator' });
    expect(translate(usernameRefusal(invalid, '-dash')!.message)).toMatch(/letter or a digit/);
  });

  it('has nothing to change for an account without a global username, or an unknown one', async () => {
    const companyOnly = (await testRows<{ id: number }>('INSERT INTO users (username) VALUES (NULL) RETURNING id'))[0]!;
    expect((await thrown(() => changeUsername(companyOnly.id, 'first-name'))).status).toBe(403);
    expect((await findUserById(companyOnly.id))!.username).toBeNull();
    expect((await thrown(() => changeUsername(987_654, 'anything'))).status).toBe(404);
  });
});

describe('listMembershipsOf', () => {
  it('lists the person’s companies with role and company username', async () => {
    await createUser({ username: 'member-one', password: 'a long passphrase' });
    const b = await createCompany({ name: 'Beta', slug: 'beta' }, CLI_ACTOR);
    const a = await createCompany({ name: 'Alpha', slug: 'alpha' }, CLI_ACTOR);
    await addMember({ companyId: b.id, username: 'member-one', role: 'admin', companyUsername: 'B 7' }, CLI_ACTOR);
    const { userId } = await addMember({ companyId: a.id, username: 'member-one' }, CLI_ACTOR);
    expect(await listMembershipsOf(userId)).toEqual([
      { companyId: a.id, companyName: 'Alpha', companySlug: 'alpha', role: 'member', companyUsername: null },
      { companyId: b.id, companyName: 'Beta', companySlug: 'beta', role: 'admin', companyUsername: 'B 7' },
    ]);
    expect(await listMembershipsOf(123_456)).toEqual([]);
  });
});

describe('changePassword', () => {
  it('needs the current password, applies the length rule to the new one, and then signs in with it', async () => {
    const { id } = await registerUser({ username: 'pw-changer', password: 'the first passphrase' });
    await expect(changePassword(id, 'not the password', 'the second passphrase')).rejects.toMatchObject({
      status: 400,
      errors: { currentPassword: ['That is not your current password.'] },
    });
    await expect(changePassword(id, 'the first passphrase', 'short')).rejects.toMatchObject({ status: 400, errors: { newPassword: [expect.stringContaining('8')] } });
    expect(await verifyGlobalLogin('pw-changer', 'the first passphrase')).not.toBeNull();
    const version = await changePassword(id, 'the first passphrase', 'the second passphrase');
    expect(version).toBe((await findUserById(id))!.sessionVersion);
    expect(await verifyGlobalLogin('pw-changer', 'the second passphrase')).not.toBeNull();
    expect(await verifyGlobalLogin('pw-changer', 'the first passphrase')).toBeNull();
  });
});

describe('deleteAccount', () => {
  it('needs the password; then the account and its memberships go, and its usernames are held', async () => {
    const { id } = await registerUser({ username: 'goes-away', password: 'a long passphrase' });
    const company = await createCompany({ name: 'Leavers', slug: 'leavers' }, CLI_ACTOR);
    await addMember({ companyId: company.id, username: 'goes-away', companyUsername: 'GA-1' }, CLI_ACTOR);
    await expect(deleteAccount(id, 'wrong passphrase')).rejects.toMatchObject({ status: 400, errors: { password: [expect.any(String)] } });
    expect(await findUserById(id)).toBeDefined();
    await deleteAccount(id, 'a long passphrase');
    expect(await findUserById(id)).toBeUndefined();
    expect((await testRow('SELECT count(*) AS n FROM memberships WHERE user_id = ?', [id]))).toEqual({ n: 0 });
    await expect(registerUser({ username: 'goes-away', password: 'a long passphrase' })).rejects.toMatchObject({ status: 409, extensions: { reason: 'held' } });
    expect(await testRow('SELECT company_username, user_id FROM company_name_holds WHERE company_id = ?', [company.id])).toEqual({ company_username: 'GA-1', user_id: null });
  });

  it('a company’s last admin cannot delete their account until someone else is an admin', async () => {
    const { id } = await registerUser({ username: 'last-admin', password: 'a long passphrase' });
    await registerUser({ username: 'next-admin', password: 'a long passphrase' });
    const company = await createCompany({ name: 'Solo Corp', slug: 'solo-corp' }, CLI_ACTOR);
    await addMember({ companyId: company.id, username: 'last-admin', role: 'admin' }, CLI_ACTOR);
    await addMember({ companyId: company.id, username: 'next-admin', role: 'member' }, CLI_ACTOR);
    const refused = await deleteAccount(id, 'a long passphrase').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(HttpError);
    expect((refused as HttpError).status).toBe(409);
    expect((refused as HttpError).message).toMatch(/only admin of Solo Corp.*someone else an admin/);
    expect(await findUserById(id)).toBeDefined();
    await testRun("UPDATE memberships SET role = 'admin' WHERE company_id = ?", [company.id]);
    await deleteAccount(id, 'a long passphrase');
    expect(await findUserById(id)).toBeUndefined();
  });
});
