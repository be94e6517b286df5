import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeConnection } from '@/db/client';
import { globalNameStore } from '@/db/queries/names';
import { testRows } from '@/db/testing/sql';
import { CLI_ACTOR } from '@/lib/audit';
import { now } from '@/lib/clock';
import { HttpError } from '@/lib/http/problem';
import { registerUser } from '@/lib/accounts/registration';
import { changeUsername } from '@/lib/accounts/account';
import { findUserById, viewerOf } from '@/lib/accounts/users';
import { makeCompany, addToCompany, makeUser, snapshot, useFreshDatabase } from '@/lib/testing/fixtures';
import { checkAvailability } from '@/lib/usernames';
import {
  addReservedRule,
  addReservedRuleAsOperator,
  listReservedRules,
  listReservedRulesAsOperator,
  removeReservedRule,
  removeReservedRuleAsOperator,
} from './reserved-names';

async function verdict(name: string, asUserId?: number) {
  const user = asUserId === undefined ? undefined : await findUserById(asUserId);
  return checkAvailability(globalNameStore(now()), name, 'global', user ? viewerOf(user) : undefined);
}

async function refusal(promise: Promise<unknown>): Promise<HttpError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  return error as HttpError;
}

async function auditOf(action: string) {
  return testRows<{ actor: string; action: string; target: string; company_id: number | null }>(
    'SELECT actor, action, target, company_id FROM audit_log WHERE action = ? ORDER BY id',
    [action],
  );
}

describe('reserved-name rules', () => {
  let platformAdmin: { userId: number; username: string };
  let companyAdmin: { userId: number; username: string };

  beforeAll(async () => {
    await useFreshDatabase('namecheck-reserved-');
    platformAdmin = await makeUser('root-person', { platformAdmin: true });
    companyAdmin = await makeUser('company-boss');
    const company = await makeCompany('Initech', 'initech');
    await addToCompany(company, 'company-boss', 'admin');
  });
  afterAll(closeConnection);

  it('an exact rule makes the check answer reserved at once, for the name and its look-alikes', async () => {
    expect((await verdict('zorblax')).reason).toBe('available');
    const rule = await addReservedRule(platformAdmin, 'Zorblax', 'exact');
    expect(rule).toEqual({ id: expect.any(Number), name: 'Zorblax', match: 'exact' });
    for (const name of ['zorblax', 'ZORBLAX', 'zorbIax', 'zorb.lax']) {
      expect((await verdict(name)).reason, name).toBe('reserved');
    }
    // Exact: a longer name is not caught.
    expect((await verdict('zorblax2')).reason).toBe('available');
    const error = await refusal(registerUser({ username: 'ZORBLAX', password: 'zorblax-password-1' }));
    expect(error.status).toBe(400);
    expect(error.extensions.reason).toBe('reserved');
    expect(await auditOf('reserved.add')).toEqual([{ actor: 'root-person', action: 'reserved.add', target: 'Zorblax', company_id: null }]);
  });

  it('compares by similarity key: ADMIN-like forms and whole-script look-alikes fall under the rule', async () => {
    for (const name of ['COPEX', 'сорех']) expect((await verdict(name)).reason, name).toBe('available');
    const rule = await addReservedRuleAsOperator('copex', 'exact', CLI_ACTOR);
    expect((await verdict('COPEX')).reason).toBe('reserved');
    expect((await verdict('сорех')).reason).toBe('reserved'); // all Cyrillic: с о р е х
    await removeReservedRuleAsOperator(rule.id, CLI_ACTOR);
    expect((await verdict('COPEX')).reason).toBe('available');
  });

  it('a prefix rule catches every name that starts with it (staff → staff-x), and removing it frees them at once', async () => {
    const rule = await addReservedRuleAsOperator('staff', 'prefix', CLI_ACTOR);
    expect(rule).toEqual({ id: expect.any(Number), name: 'staff', match: 'prefix' });
    for (const name of ['staff', 'staff-x', 'Staff.Team', 'staffing']) expect((await verdict(name)).reason, name).toBe('reserved');
    expect((await verdict('my-staff')).reason).toBe('available');
    const error = await refusal(registerUser({ username: 'staff-x', password: 'staff-password-1' }));
    expect(error.extensions.reason).toBe('reserved');
    expect(await removeReservedRuleAsOperator(rule.id, CLI_ACTOR)).toEqual(rule);
    expect((await verdict('staff-x')).reason).toBe('available');
    expect(await auditOf('reserved.remove')).toContainEqual({ actor: 'cli', action: 'reserved.remove', target: 'staff', company_id: null });
  });

  it('leaves existing accounts alone: the owner keeps the name and sees it as theirs', async () => {
    const owner = await makeUser('crew-lead');
    const rule = await addReservedRule(platformAdmin, 'crew', 'prefix');
    expect((await findUserById(owner.userId))?.username).toBe('crew-lead');
    expect((await verdict('crew-lead', owner.userId)).reason).toBe('own_username');
    expect((await verdict('CREW-LEAD', owner.userId)).reason).toBe('own_username');
    // Someone else asking: reserved comes before taken.
    expect((await verdict('crew-lead')).reason).toBe('reserved');
    // The owner may not move to another name under the rule.
    const error = await refusal(changeUsername(owner.userId, 'crew-chief'));
    expect(error.extensions.reason).toBe('reserved');
    await removeReservedRule(platformAdmin, rule.id);
  });

  it('refuses anyone but a platform admin with a 404, changing nothing', async () => {
    const before = await snapshot();
    const rule = await addReservedRuleAsOperator('vip', 'exact', CLI_ACTOR);
    const afterAdd = await snapshot();
    for (const acting of [companyAdmin, null, { userId: 999_999 }]) {
      expect((await refusal(addReservedRule(acting, 'vip2', 'exact'))).status).toBe(404);
      expect((await refusal(listReservedRules(acting))).status).toBe(404);
      expect((await refusal(removeReservedRule(acting, rule.id))).status).toBe(404);
    }
    expect(await snapshot()).toEqual(afterAdd);
    expect(afterAdd).not.toEqual(before);
    expect((await listReservedRules(platformAdmin)).map((r) => r.name)).toContain('vip');
  });

  it('refuses invalid names, unknown matches, duplicates by key and unknown ids, with reasons', async () => {
    const invalid = [
      ['', 'username.invalid.too_short'],
      ['ab', 'username.invalid.too_short'],
      ['x'.repeat(31), 'username.invalid.too_long'],
      ['x'.repeat(10_000), 'username.invalid.too_long'],
      ['staff-', 'username.invalid.ends_with_separator'],
      [' staff', 'username.invalid.leading_whitespace'],
    ] as const;
    for (const [name, key] of invalid) {
      const error = await refusal(addReservedRuleAsOperator(name, 'prefix', CLI_ACTOR));
      expect(error.status, name.slice(0, 20)).toBe(400);
      expect(error.messageRef?.key, name.slice(0, 20)).toBe(key);
      expect(error.message).toMatch(/cannot be reserved: /);
      expect(error.errors?.name).toHaveLength(1);
    }
    expect((await refusal(addReservedRuleAsOperator('valid-name', 'suffix', CLI_ACTOR))).errors?.match).toEqual(['Choose exact or prefix.']);
    await addReservedRuleAsOperator('dupe', 'exact', CLI_ACTOR);
    const dupe = await refusal(addReservedRule(platformAdmin, 'DUPE', 'exact'));
    expect(dupe.status).toBe(409);
    expect(dupe.message).toBe('"DUPE" is already reserved (exact).');
    // The same key as a prefix is another rule.
    expect(await addReservedRuleAsOperator('DUPE', 'prefix', CLI_ACTOR)).toMatchObject({ name: 'DUPE', match: 'prefix' });
    expect((await refusal(removeReservedRuleAsOperator(987_654, CLI_ACTOR))).status).toBe(404);
    const listed = await listReservedRulesAsOperator(CLI_ACTOR);
    expect(listed.filter((r) => r.name.toLowerCase() === 'dupe').map((r) => r.match)).toEqual(['exact', 'prefix']);
    // Oldest first.
    expect(listed.map((r) => r.id)).toEqual([...listed.map((r) => r.id)].sort((a, b) => a - b));
  });
});
