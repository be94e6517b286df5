import { beforeAll, describe, expect, it } from 'vitest';
import { testRow, testRun } from '@/db/testing/sql';
import type { Acting } from '@/lib/companies/access';
import { listCompanyAudit } from '@/lib/audit';
import { createCompanyAccount, exportMembersCsv, listMembers, removeMember, setCompanyUsername, setMemberRole } from '@/lib/companies/members';
import { acceptInvitation, inviteMember } from '@/lib/companies/invitations';
import { addToCompany, makeCompany, makeUser, refused, useFreshDatabase } from '@/lib/testing/fixtures';

let company: number;
let other: number;
let admin: Acting;
let jane: Acting;
let joe: Acting;
let lateJoiner: Acting;


const companyUsernameOf = async (userId: number) =>
  (await testRow('SELECT company_username AS n FROM memberships WHERE company_id = ? AND user_id = ?', [company, userId])) as { n: string | null } | undefined;

beforeAll(async () => {
  await useFreshDatabase();
  company = await makeCompany('Acme', 'acme');
  other = await makeCompany('Other', 'other');
  admin = await makeUser('boss');
  jane = await makeUser('jane');
  joe = await makeUser('joe');
  lateJoiner = await makeUser('late-joiner');
  await addToCompany(company, 'boss', 'admin');
  await addToCompany(company, 'jane', 'member', 'FB12345');
  await addToCompany(company, 'joe', 'member');
  await addToCompany(other, 'joe', 'member', 'FB1234');
});

describe('company usernames of members', () => {
  it('sets, changes and removes one, each with an audit entry', async () => {
    expect((await setCompanyUsername(admin, company, joe.userId, 'Joe Smith')).companyUsername).toBe('Joe Smith');
    expect((await companyUsernameOf(joe.userId))?.n).toBe('Joe Smith');
    await setCompanyUsername(admin, company, joe.userId, 'J/Smith@hq');
    expect((await companyUsernameOf(joe.userId))?.n).toBe('J/Smith@hq');
    expect((await setCompanyUsername(admin, company, joe.userId, '')).companyUsername).toBeNull();
    expect((await companyUsernameOf(joe.userId))?.n).toBeNull();
    const audit = (await listCompanyAudit(admin, company)).map((e) => e.summary);
    expect(audit).toContain(`changed joe's company username from none to "Joe Smith"`);
    expect(audit).toContain(`removed joe's company username "J/Smith@hq"`);
    expect((await listCompanyAudit(admin, company))[0]?.actor).toBe('boss');
  });

  it("refuses another member's name in any case or width, with the contract's taken message", async () => {
    const error = await refused(() => setCompanyUsername(admin, company, joe.userId, 'ｆｂ12345'), 409);
    expect(error.message).toBe('Username "ｆｂ12345" is already taken for this company');
    // The admin screen's verdict reads this field, never the message's words.
    expect(error.extensions.reason).toBe('taken');
    expect((await companyUsernameOf(joe.userId))?.n).toBeNull();
  });

  it('a name used in another company is free here (unique per company)', async () => {
    expect((await setCompanyUsername(admin, company, joe.userId, 'FB1234')).companyUsername).toBe('FB1234');
  });

  it("keeps a member's own name in another case (it is theirs) and stores the new display form", async () => {
    expect((await setCompanyUsername(admin, company, jane.userId, 'fb12345')).companyUsername).toBe('fb12345');
    await setCompanyUsername(admin, company, jane.userId, 'FB12345');
  });

  it('refuses names that break the company rules, and says which rule', async () => {
    const error = await refused(() => setCompanyUsername(admin, company, joe.userId, ' padded'), 400);
    expect(error.errors?.companyUsername?.length).toBeGreaterThan(0);
    expect(error.extensions.reason).toBeUndefined();
    await refused(() => setCompanyUsername(admin, company, joe.userId, 'x'.repeat(65)), 400);
    await refused(() => setCompanyUsername(admin, company, joe.userId, 'two  spaces'), 400);
  });

  it('answers 404 for someone who is not a member', async () => {
    const stranger = await makeUser('stranger');
    await refused(() => setCompanyUsername(admin, company, stranger.userId, 'X1'), 404);
  });

  it('the UNIQUE index has the last word when the check raced (a direct write took the name)', async () => {
    // Another process takes the name between the live check and the save.
    await testRun("UPDATE memberships SET company_username = 'RACE-1', company_username_canonical = 'race-1' WHERE company_id = ? AND user_id = ?", [company, jane.userId]);
    const error = await refused(() => setCompanyUsername(admin, company, joe.userId, 'Race-1'), 409);
    expect(error.message).toBe('Username "Race-1" is already taken for this company');
    expect(error.extensions.reason).toBe('taken');
    await setCompanyUsername(admin, company, jane.userId, 'FB12345');
  });
});

describe('roles', () => {
  it('never leaves a company without an admin', async () => {
    await refused(() => setMemberRole(admin, company, admin.userId, 'member'), 409, /only admin of Acme/);
    await refused(() => removeMember(admin, company, admin.userId), 409, /only admin/);
    await setMemberRole(admin, company, jane.userId, 'admin');
    // Now there are two: the first may step down (and then administers nothing).
    await setMemberRole(admin, company, admin.userId, 'member');
    await refused(() => listMembers(admin, company), 404);
    await setMemberRole(jane, company, admin.userId, 'admin');
    await setMemberRole(admin, company, jane.userId, 'member');
    expect((await listCompanyAudit(admin, company)).map((e) => e.summary)).toContain('made jane a member');
  });
});

describe('adding people', () => {
  // The contract (issue 15): an admin no longer adds an existing user directly but invites them by
  // global username in any case; they are a member once they accept (lib/companies/invitations.test.ts).
  it('invites an existing user by global username in any case, optionally with a company username; they join when they accept', async () => {
    const invitation = await inviteMember(admin, company, { username: 'LATE-JOINER', role: 'member', companyUsername: 'LJ-1' });
    expect(invitation).toMatchObject({ username: 'late-joiner', role: 'member', companyUsername: 'LJ-1' });
    expect(await companyUsernameOf(lateJoiner.userId)).toBeUndefined();
    expect(await acceptInvitation(lateJoiner, invitation.id)).toMatchObject({ role: 'member', companyUsername: 'LJ-1' });
    expect((await companyUsernameOf(lateJoiner.userId))?.n).toBe('LJ-1');
    await refused(() => inviteMember(admin, company, { username: 'late-joiner', role: 'member' }), 409, /already a member/);
    await refused(() => inviteMember(admin, company, { username: 'nobody-here', role: 'member' }), 404, /no user named/);
  });

  it('creates a company-only account: no global username, no password, a setup link', async () => {
    const created = await createCompanyAccount(admin, company, { companyUsername: 'NEW 0042', role: 'member' });
    expect(created.member).toMatchObject({ username: null, hasPassword: false, companyUsername: 'NEW 0042' });
    expect(created.setupLink.path).toMatch(/^\/setup\/[A-Za-z0-9_-]{43}$/);
    const stored = (await testRow('SELECT username, password_hash FROM users WHERE id = ?', [created.member.userId]));
    expect(stored).toEqual({ username: null, password_hash: null });
    await refused(() => createCompanyAccount(admin, company, { companyUsername: 'new 0042', role: 'member' }), 409, /already taken/);
    await refused(() => createCompanyAccount(admin, company, { companyUsername: '', role: 'member' }), 400);
    // Its company username is how it signs in: it cannot be cleared, only the member removed.
    await refused(() => setCompanyUsername(admin, company, created.member.userId, ''), 409, /cannot be removed/);
    await removeMember(admin, company, created.member.userId);
    expect((await testRow('SELECT count(*) AS n FROM users WHERE id = ?', [created.member.userId]))).toEqual({ n: 0 });
  });
});

describe('listing and export', () => {
  it('pages through members and finds them by global or company username, case-insensitively', async () => {
    const all = await listMembers(admin, company, { pageSize: 2 });
    expect(all.total).toBe(4);
    expect(all.pageCount).toBe(2);
    expect(all.rows.map((r) => r.username)).toEqual(['boss', 'jane']);
    expect((await listMembers(admin, company, { pageSize: 2, page: 2 })).rows.map((r) => r.username)).toEqual(['joe', 'late-joiner']);
    expect((await listMembers(admin, company, { pageSize: 2, page: 99 })).page).toBe(2);
    expect((await listMembers(admin, company, { query: 'fb123' })).rows.map((r) => r.username)).toEqual(['jane', 'joe']);
    expect((await listMembers(admin, company, { query: 'JANE' })).rows.map((r) => r.username)).toEqual(['jane']);
    expect((await listMembers(admin, company, { query: '%' })).total).toBe(0);
  });

  it('exports the members in the import format, with spreadsheet formulas defused', async () => {
    await setCompanyUsername(admin, company, joe.userId, '=SUM(A1)');
    const { filename, csv } = await exportMembersCsv(admin, company);
    expect(filename).toBe('acme-members.csv');
    expect(csv.split('\r\n')).toEqual([
      'username,company_username,role',
      'boss,,admin',
      'jane,FB12345,member',
      "joe,'=SUM(A1),member",
      'late-joiner,LJ-1,member',
      '',
    ]);
  });
});
