import { beforeAll, describe, expect, it } from 'vitest';
import { testRow, testRun } from '@/db/testing/sql';
import { isUniqueViolation } from '@/db/errors';
import { CLI_ACTOR, listCompanyAudit } from '@/lib/audit';
import { verifyCompanyLogin } from '@/lib/auth/login';
import type { Acting } from '@/lib/companies/access';
import {
  acceptInvitation,
  declineInvitation,
  inviteMember,
  listCompanyInvitations,
  listMyInvitations,
  withdrawInvitation,
} from '@/lib/companies/invitations';
import { addMember, listMembers, setCompanyUsername } from '@/lib/companies/members';
import { listMembershipsOf } from '@/lib/accounts/account';
import { addToCompany, makeCompany, makeUser, refused, snapshot, useFreshDatabase } from '@/lib/testing/fixtures';

// The invitation lifecycle: an admin invites an existing global user, who is not a member (and has no
// company username there) until they accept from their own session; they may decline; the admin may
// withdraw; nobody else can answer for them.

let acme: number;
let beta: number;
let boss: Acting;
let betaBoss: Acting;
let jane: Acting;
let joe: Acting;
let kim: Acting;
let lee: Acting;


const membership = async (companyId: number, userId: number) =>
  (await testRow('SELECT role, company_username AS "companyUsername" FROM memberships WHERE company_id = ? AND user_id = ?', [companyId, userId])) as
    | { role: string; companyUsername: string | null }
    | undefined;

const audit = async () => (await listCompanyAudit(boss, acme)).map((e) => `${e.actor} ${e.summary}`);

beforeAll(async () => {
  await useFreshDatabase();
  acme = await makeCompany('Acme', 'acme');
  beta = await makeCompany('Beta', 'beta');
  boss = await makeUser('boss', { password: 'boss-password-1' });
  betaBoss = await makeUser('beta-boss', { password: 'beta-password-1' });
  jane = await makeUser('jane', { password: 'jane-password-1' });
  joe = await makeUser('joe', { password: 'joe-password-1' });
  kim = await makeUser('kim', { password: 'kim-password-1' });
  lee = await makeUser('lee', { password: 'lee-password-1' });
  await addToCompany(acme, 'boss', 'admin');
  await addToCompany(acme, 'lee', 'member', 'LEE-1');
  await addToCompany(beta, 'beta-boss', 'admin');
});

describe('inviting an existing user', () => {
  it('creates an invitation, not a membership: no company username there, no company login, until they accept', async () => {
    const invitation = await inviteMember(boss, acme, { username: 'JANE', role: 'member', companyUsername: 'JD-1' });
    expect(invitation).toMatchObject({ username: 'jane', role: 'member', companyUsername: 'JD-1', invitedBy: 'boss' });
    expect(await membership(acme, jane.userId)).toBeUndefined();
    expect((await listMembers(boss, acme)).rows.map((r) => r.username)).not.toContain('jane');
    expect(await listMembershipsOf(jane.userId)).toEqual([]);
    expect(await verifyCompanyLogin('acme', 'JD-1', 'jane-password-1')).toBeNull();
    // The company's admins see it; the person sees it; nobody else does.
    expect(await listCompanyInvitations(boss, acme)).toMatchObject({ total: 1, rows: [{ id: invitation.id, username: 'jane' }] });
    expect(await listMyInvitations(jane)).toMatchObject([{ id: invitation.id, companyName: 'Acme', role: 'member', companyUsername: 'JD-1', invitedBy: 'boss' }]);
    expect(await listMyInvitations(joe)).toEqual([]);
    expect(await listMyInvitations(null)).toEqual([]);
    expect(await audit()).toContain('boss invited jane to join as a member, offering company username "JD-1"');
  });

  it('refuses a second invitation, a member, an unknown user, and bad or taken company usernames', async () => {
    await refused(() => inviteMember(boss, acme, { username: 'jane', role: 'admin' }), 409, /invited already/);
    await refused(() => inviteMember(boss, acme, { username: 'lee', role: 'member' }), 409, /already a member of Acme/);
    const unknown = await refused(() => inviteMember(boss, acme, { username: 'nobody-here', role: 'member' }), 404, /no user named "nobody-here"/);
    expect(unknown.errors?.username).toBeDefined();
    await refused(() => inviteMember(boss, acme, { username: '  ', role: 'member' }), 400);
    const invalid = await refused(() => inviteMember(boss, acme, { username: 'joe', role: 'member', companyUsername: ' padded' }), 400);
    expect(invalid.errors?.companyUsername?.length).toBeGreaterThan(0);
    const taken = await refused(() => inviteMember(boss, acme, { username: 'joe', role: 'member', companyUsername: 'lee-1' }), 409);
    expect(taken.message).toBe('Username "lee-1" is already taken for this company');
    expect(await listMyInvitations(joe)).toEqual([]);
  });

  it('one pending invitation per company and person, by the unique index too', async () => {
    const refusal = await testRun("INSERT INTO invitations (company_id, user_id, role) VALUES (?, ?, 'member')", [acme, jane.userId]).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refusal, 'the unique index refuses a second pending invitation').not.toBeNull();
    expect(isUniqueViolation(refusal, 'invitations.company_id, invitations.user_id')).toBe(true);
    // Another company may invite the same person.
    const fromBeta = await inviteMember(betaBoss, beta, { username: 'jane', role: 'member' });
    expect((await listMyInvitations(jane)).map((i) => i.companyName)).toEqual(['Acme', 'Beta']);
    await withdrawInvitation(betaBoss, beta, fromBeta.id);
  });
});

describe('answering', () => {
  it("nobody else can accept or decline a person's invitation: 404, nothing changes", async () => {
    const [invitation] = await listMyInvitations(jane);
    const before = await snapshot();
    for (const someone of [joe, boss, betaBoss, null, { userId: 999_999 }]) {
      await refused(() => acceptInvitation(someone, invitation!.id), 404, /no such invitation/);
      await refused(() => declineInvitation(someone, invitation!.id), 404, /no such invitation/);
    }
    await refused(() => acceptInvitation(jane, 987_654), 404, /no such invitation/);
    expect(await snapshot()).toEqual(before);
  });

  it('the person accepts: a member in one step, with the company username offered; the invitation is gone', async () => {
    const [invitation] = await listMyInvitations(jane);
    expect(await acceptInvitation(jane, invitation!.id)).toEqual({
      companyId: acme,
      companyName: 'Acme',
      role: 'member',
      companyUsername: 'JD-1',
      notGiven: null,
      alreadyMember: false,
    });
    expect(await membership(acme, jane.userId)).toEqual({ role: 'member', companyUsername: 'JD-1' });
    expect(await listMembershipsOf(jane.userId)).toMatchObject([{ companyName: 'Acme', companyUsername: 'JD-1' }]);
    expect(await verifyCompanyLogin('acme', 'jd-1', 'jane-password-1')).toMatchObject({ companyUsername: 'JD-1' });
    expect(await listMyInvitations(jane)).toEqual([]);
    expect((await listCompanyInvitations(boss, acme)).total).toBe(0);
    await refused(() => acceptInvitation(jane, invitation!.id), 404);
    expect(await audit()).toContain('jane accepted the invitation and joined as a member with company username "JD-1"');
  });

  it('a company username taken meanwhile: accepted without it, and the answer says so', async () => {
    const invitation = await inviteMember(boss, acme, { username: 'joe', role: 'admin', companyUsername: 'Race-7' });
    await setCompanyUsername(boss, acme, lee.userId, 'race-7'); // someone else got it first
    expect(await acceptInvitation(joe, invitation.id)).toMatchObject({ role: 'admin', companyUsername: null, notGiven: 'Race-7', alreadyMember: false });
    expect(await membership(acme, joe.userId)).toEqual({ role: 'admin', companyUsername: null });
    expect(await membership(acme, lee.userId)).toEqual({ role: 'member', companyUsername: 'race-7' });
    expect(await audit()).toContain('joe accepted the invitation and joined as an admin (company username "Race-7" could not be given: it was taken or no longer allowed)');
  });

  it('the person declines: no membership, the invitation is gone', async () => {
    const invitation = await inviteMember(boss, acme, { username: 'kim', role: 'member', companyUsername: 'KIM-1' });
    expect(await declineInvitation(kim, invitation.id)).toEqual({ companyName: 'Acme' });
    expect(await membership(acme, kim.userId)).toBeUndefined();
    expect(await listMyInvitations(kim)).toEqual([]);
    await refused(() => acceptInvitation(kim, invitation.id), 404);
    expect(await audit()).toContain('kim declined the invitation to join');
  });

  it('an admin withdraws an invitation of their company (not of another); it can no longer be accepted', async () => {
    const invitation = await inviteMember(boss, acme, { username: 'kim', role: 'member' });
    await refused(() => withdrawInvitation(betaBoss, acme, invitation.id), 404);
    await refused(() => withdrawInvitation(betaBoss, beta, invitation.id), 404, /no such invitation/);
    expect(await withdrawInvitation(boss, acme, invitation.id)).toMatchObject({ username: 'kim' });
    await refused(() => acceptInvitation(kim, invitation.id), 404);
    expect(await membership(acme, kim.userId)).toBeUndefined();
    expect(await audit()).toContain('boss withdrew the invitation of kim');
  });

  it('an operator adding the person directly (cli member add) settles their pending invitation', async () => {
    const invitation = await inviteMember(boss, acme, { username: 'kim', role: 'member' });
    await addMember({ companyId: acme, username: 'kim', role: 'member' }, CLI_ACTOR);
    expect(await listMyInvitations(kim)).toEqual([]);
    await refused(() => acceptInvitation(kim, invitation.id), 404);
  });

  it('invitations go with the account', async () => {
    const gone = await makeUser('short-lived');
    await inviteMember(boss, acme, { username: 'short-lived', role: 'member' });
    await testRun('DELETE FROM global_names WHERE user_id = ?', [gone.userId]);
    await testRun('DELETE FROM users WHERE id = ?', [gone.userId]);
    expect((await listCompanyInvitations(boss, acme)).rows.map((r) => r.username)).not.toContain('short-lived');
  });
});
