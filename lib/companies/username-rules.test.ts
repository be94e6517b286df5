// Setting a company's own username rules: the pattern gate (redos-detector), the bounds, storage,
// authorization and the audit log, and every caller that applies the stored rules.
import { beforeAll, describe, expect, it } from 'vitest';
import { testRun, testValue } from '@/db/testing/sql';
import { listCompanyAudit, CLI_ACTOR } from '@/lib/audit';
import { verifyCompanyLogin } from '@/lib/auth/login';
import { createCompanyAccount, setCompanyUsername } from '@/lib/companies/members';
import { previewImport } from '@/lib/companies/import/preview';
import { matchesCompanyPattern } from '@/lib/usernames';
import { addToCompany, makeCompany, makeUser, refused, useFreshDatabase } from '@/lib/testing/fixtures';
import type { Acting } from '@/lib/companies/access';
import { HttpError } from '@/lib/http/problem';
import {
  companyUsernameRules,
  MAX_PATTERN_LENGTH,
  patternProblem,
  setCompanyUsernameRules,
  setCompanyUsernameRulesAsOperator,
  viewCompanyUsernameRules,
} from './username-rules';

/** The HttpError a promise rejects with, having checked its status (and message). */
async function rejected(promise: Promise<unknown>, status: number, message?: RegExp): Promise<HttpError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HttpError);
  expect((error as HttpError).status).toBe(status);
  if (message) expect((error as HttpError).message).toMatch(message);
  return error as HttpError;
}

describe('the pattern gate', () => {
  it('refuses a pattern that can backtrack super-linearly', async () => {
    expect(await patternProblem('^(a|a)*$')).toMatch(/could take more than linear time/);
    for (const pattern of ['(a+)+', '(a|aa)*b', '.*a.*b', '(\\w+\\d*)+x']) expect(await patternProblem(pattern), pattern).toMatch(/more than linear time/);
  });

  it('accepts ordinary naming schemes, which answer forty a\u2019s and a "!" at once', async () => {
    for (const pattern of ['FB\\d{5}', '[A-Z]{2}\\d+', '[a-z]+(?:[._-][a-z0-9]+)*', '(?:a|b)*c?', '\\p{L}+', 'a+']) {
      expect(await patternProblem(pattern), pattern).toBeNull();
      const started = performance.now();
      const matched = matchesCompanyPattern(`${'a'.repeat(40)}!`, pattern);
      // A bound that only catches a hang (a catastrophic pattern takes minutes here), not a speed target.
      expect(performance.now() - started).toBeLessThan(2000);
      expect(matched).toBe(false);
    }
  });

  it('refuses invalid syntax under the u flag and overlong patterns, saying which', async () => {
    expect(await patternProblem('FB(\\d')).toMatch(/^The pattern is not a valid regular expression \(u flag\): .+/);
    expect(await patternProblem('\\q')).toMatch(/not a valid regular expression/); // an identity escape the u flag refuses
    expect(await patternProblem('a'.repeat(MAX_PATTERN_LENGTH))).toBeNull();
    expect(await patternProblem('a'.repeat(MAX_PATTERN_LENGTH + 1))).toBe(`The pattern is 201 characters long; use at most ${MAX_PATTERN_LENGTH}.`);
  });
});

let acme: number;
let other: number;
let admin: Acting;
let outsider: Acting;
let jane: Acting;

beforeAll(async () => {
  await useFreshDatabase('namecheck-rules-');
  acme = await makeCompany('Acme', 'acme');
  other = await makeCompany('Other', 'other');
  admin = await makeUser('boss');
  outsider = await makeUser('outsider');
  jane = await makeUser('jane', { password: 'correct horse battery staple' });
  await addToCompany(acme, 'boss', 'admin');
  await addToCompany(other, 'outsider', 'admin');
  await addToCompany(acme, 'jane', 'member', 'FB12345');
});

describe('storing the rules', () => {
  it('starts with none of its own, and stores what an admin sets, audited', async () => {
    expect(await viewCompanyUsernameRules(admin, acme)).toEqual({ companyId: acme, minLength: 1, maxLength: 64, pattern: null, reserved: [] });
    const saved = await setCompanyUsernameRules(admin, acme, { minLength: 7, maxLength: 7, pattern: 'FB\\d{5}', reserved: ['FB00000', 'fb00000', 'FB99999'] });
    // The same name twice (in any case) is kept once.
    expect(saved).toEqual({ companyId: acme, minLength: 7, maxLength: 7, pattern: 'FB\\d{5}', reserved: ['FB00000', 'FB99999'] });
    expect(await viewCompanyUsernameRules(admin, acme)).toEqual(saved);
    const rules = await companyUsernameRules(acme);
    expect([...rules.reserved].sort()).toEqual(['fb00000', 'fb99999']);
    const entry = (await listCompanyAudit(admin, acme))[0]!;
    expect(entry).toMatchObject({ actor: 'boss', action: 'company.username_rules' });
    expect(entry.summary).toBe('set the username rules: 7 to 7 characters, pattern "FB\\d{5}", 2 reserved names');
    // Another company keeps its own (none).
    expect((await companyUsernameRules(other)).pattern).toBeNull();
  });

  it('changes only the fields given, and clears the pattern with an empty one', async () => {
    await setCompanyUsernameRulesAsOperator(acme, { pattern: '' }, CLI_ACTOR);
    expect(await viewCompanyUsernameRules(admin, acme)).toMatchObject({ minLength: 7, maxLength: 7, pattern: null, reserved: ['FB00000', 'FB99999'] });
    await setCompanyUsernameRulesAsOperator(acme, { pattern: 'FB\\d{5}' }, CLI_ACTOR);
    expect((await viewCompanyUsernameRules(admin, acme)).pattern).toBe('FB\\d{5}');
  });

  it('refuses bad values with a message per field, changing nothing', async () => {
    const before = await viewCompanyUsernameRules(admin, acme);
    expect((await rejected(setCompanyUsernameRules(admin, acme, { pattern: '^(a|a)*$' }), 400)).errors).toEqual({
      pattern: [expect.stringMatching(/more than linear time/)],
    });
    expect((await rejected(setCompanyUsernameRules(admin, acme, { minLength: 0, maxLength: 65 }), 400)).errors).toEqual({
      minLength: ['Use a whole number from 1 to 64.'],
      maxLength: ['Use a whole number from 1 to 64.'],
    });
    expect((await rejected(setCompanyUsernameRules(admin, acme, { minLength: 9, maxLength: 8 }), 400)).errors).toEqual({
      minLength: ['The minimum (9) is more than the maximum (8).'],
    });
    expect((await rejected(setCompanyUsernameRules(admin, acme, { reserved: [' lead'] }), 400)).errors?.reserved?.[0]).toMatch(/^" lead" cannot be a company username/);
    expect(await viewCompanyUsernameRules(admin, acme)).toEqual(before);
  });

  it('is for the company\u2019s admins only (a 404 for anyone else), and goes with the company', async () => {
    await rejected(setCompanyUsernameRules(outsider, acme, { minLength: 2 }), 404);
    await refused(() => viewCompanyUsernameRules(jane, acme), 404);
    await rejected(setCompanyUsernameRulesAsOperator(9999, { minLength: 2 }, CLI_ACTOR), 404, /no company with id 9999/);
    const gone = await makeCompany('Gone', 'gone');
    await setCompanyUsernameRulesAsOperator(gone, { minLength: 3, reserved: ['x-1'] }, CLI_ACTOR);
    await testRun('DELETE FROM companies WHERE id = ?', [gone]);
    const left = await testValue('SELECT (SELECT count(*) FROM company_username_rules WHERE company_id = ?) + (SELECT count(*) FROM company_reserved_names WHERE company_id = ?) AS n', [gone, gone]);
    expect(left).toBe(0);
  });
});

describe('every caller applies the stored rules', () => {
  it('assigning a company username on /admin', async () => {
    expect((await refused(() => setCompanyUsername(admin, acme, jane.userId, 'jane'), 400)).message).toBe(
      'Username "jane" is too short for this company (at least 7 characters).',
    );
    expect((await refused(() => setCompanyUsername(admin, acme, jane.userId, 'XX12345'), 400)).message).toBe(
      'Username "XX12345" does not match this company\'s pattern (FB\\d{5}).',
    );
    const reserved = await refused(() => createCompanyAccount(admin, acme, { companyUsername: 'FB00000', role: 'member' }), 400);
    expect(reserved.message).toBe('Username "FB00000" is reserved by this company.');
    expect(reserved.extensions.reason).toBe('reserved');
    expect((await setCompanyUsername(admin, acme, jane.userId, 'FB12346')).companyUsername).toBe('FB12346');
  });

  it('the CSV import preview', async () => {
    const preview = await previewImport(admin, acme, 'username,company_username\n,FB1\n,FB00000\n,FB55555\n');
    expect(preview.rows.map((r) => [r.companyUsername, r.status, r.message])).toEqual([
      ['FB1', 'invalid', 'Username "FB1" is too short for this company (at least 7 characters).'],
      ['FB00000', 'invalid', 'Username "FB00000" is reserved by this company.'],
      ['FB55555', 'create', 'A new company account, with a setup link for its password.'],
    ]);
  });

  it('the company login: a name that breaks the rules fails like a wrong pair', async () => {
    expect(await verifyCompanyLogin('acme', 'FB12346', 'correct horse battery staple')).toMatchObject({ id: jane.userId });
    // Typed in another case, the stored name still follows the case-sensitive pattern.
    expect(await verifyCompanyLogin('acme', 'fb12346', 'correct horse battery staple')).toMatchObject({ id: jane.userId });
    await setCompanyUsernameRulesAsOperator(acme, { reserved: ['FB12346'] }, CLI_ACTOR);
    expect(await verifyCompanyLogin('acme', 'FB12346', 'correct horse battery staple')).toBeNull();
    await setCompanyUsernameRulesAsOperator(acme, { reserved: [], pattern: 'AC\\d+' }, CLI_ACTOR);
    expect(await verifyCompanyLogin('acme', 'FB12346', 'correct horse battery staple')).toBeNull();
    await setCompanyUsernameRulesAsOperator(acme, { pattern: '' }, CLI_ACTOR);
    expect(await verifyCompanyLogin('acme', 'FB12346', 'correct horse battery staple')).toMatchObject({ id: jane.userId });
  });
});
