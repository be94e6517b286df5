import { beforeAll, describe, expect, it } from 'vitest';
import { getConnection } from '@/db/client';
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

let file: string;
let acme: number;
let beta: number;
let boss: Acting;
let betaBoss: Acting;
let jane: Acting;
let joe: Acting;
let kim: Acting;
let lee: Acting;


const membership = (companyId: number, userId: number) =>
  getConnection().sqlite.prepare('SELECT role, company_username AS companyUsername FROM memberships WHERE company_id = ? AND user_id = ?').get(companyId, userId) as
    | { role: string; companyUsername: string | null }
    | undefined;

const audit = () => listCompanyAudit(boss, acme).map((e) => `${e.actor} ${e.summary}`);

beforeAll(async () => {
  file = useFreshDatabase();
  acme = makeCompany('Acme', 'acme');
  beta = makeCompany('Beta', 'beta');
  boss = await makeUser('boss', { password: 'boss-password-1' });
  betaBoss = await makeUser('beta-boss', { password: 'beta-password-1' });
  jane = await makeUser('jane', { password: 'jane-password-1' });
  joe = await makeUser('joe', { password: 'joe-password-1' });
  kim = await makeUser('kim', { password: 'kim-password-1' });
  lee = await makeUser('lee', { password: 'lee-password-1' });
  addToCompany(acme, 'boss', 'admin');
  addToCompany(acme, 'lee', 'member', 'LEE-1');
  addToCompany(beta, 'beta-boss', 'admin');
});

describe('inviting an existing user', () => {
  it('creates an invitation, not a membership: no company username there, no company login, until they accept', async () => {
    const invitation = inviteMember(boss, acme, { username: 'JANE', role: 'member', companyUsername: 'JD-1' });
    expect(invitation).toMatchObject({ username: 'jane', role: 'member', companyUsername: 'JD-1', invitedBy: 'boss' });
    expect(membership(acme, jane.userId)).toBeUndefined();
    expect(listMembers(boss, acme).rows.map((r) => r.username)).not.toContain('jane');
    expect(listMembershipsOf(jane.userId)).toEqual([]);
    expect(await verifyCompanyLogin('acme', 'JD-1', 'jane-password-1')).toBeNull();
    // The company's admins see it; the person sees it; nobody else does.
    expect(listCompanyInvitations(boss, acme)).toMatchObject({ total: 1, rows: [{ id: invitation.id, username: 'jane' }] });
    expect(listMyInvitations(jane)).toMatchObject([{ id: invitation.id, companyName: 'Acme', role: 'member', companyUsername: 'JD-1', invitedBy: 'boss' }]);
    expect(listMyInvitations(joe)).toEqual([]);
    expect(listMyInvitations(null)).toEqual([]);
    expect(audit()).toContain('boss invited jane to join as a member, offering company username "JD-1"');
  });

  it('refuses a second invitation, a member, an unknown user, and bad or taken company usernames', () => {
    refused(() => inviteMember(boss, acme, { username: 'jane', role: 'admin' }), 409, /invited already/);
    refused(() => inviteMember(boss, acme, { username: 'lee', role: 'member' }), 409, /already a member of Acme/);
    const unknown = refused(() => inviteMember(boss, acme, { username: 'nobody-here', role: 'member' }), 404, /no user named "nobody-here"/);
    expect(unknown.errors?.username).toBeDefined();
    refused(() => inviteMember(boss, acme, { username: '  ', role: 'member' }), 400);
    const invalid = refused(() => inviteMember(boss, acme, { username: 'joe', role: 'member', companyUsername: ' padded' }), 400);
    expect(invalid.errors?.companyUsername?.length).toBeGreaterThan(0);
    const taken = refused(() => inviteMember(boss, acme, { username: 'joe', role: 'member', companyUsername: 'lee-1' }), 409);
    expect(taken.message).toBe('Username "lee-1" is already taken for this company');
    expect(listMyInvitations(joe)).toEqual([]);
  });

  it('one pending invitation per company and person, by the unique index too', () => {
    const insert = getConnection().sqlite.prepare("INSERT INTO invitations (company_id, user_id, role) VALUES (?, ?, 'member')");
    expect(() => insert.run(acme, jane.userId)).toThrow(/UNIQUE constraint failed: invitations.company_id, invitations.user_id/);
    // Another company may invite the same person.
    const fromBeta = inviteMember(betaBoss, beta, { username: 'jane', role: 'member' });
    expect(listMyInvitations(jane).map((i) => i.companyName)).toEqual(['Acme', 'Beta']);
    withdrawInvitation(betaBoss, beta, fromBeta.id);
  });
});

describe('answering', () => {
  it("nobody else can accept or decline a person's invitation: 404, nothing changes", () => {
    const [invitation] = listMyInvitations(jane);
    const before = snapshot(file);
    for (const someone of [joe, boss, betaBoss, null, { userId: 999_999 }]) {
      refused(() => acceptInvitation(someone, invitation!.id), 404, /no such invitation/);
      refused(() => declineInvitation(someone, invitation!.id), 404, /no such invitation/);
    }
    refused(() => acceptInvitation(jane, 987_654), 404, /no such invitation/);
    expect(snapshot(file)).toEqual(before);
  });

  it('the person accepts: a member in one step, with the company username offered; the invitation is gone', async () => {
    const [invitation] = listMyInvitations(jane);
    expect(acceptInvitation(jane, invitation!.id)).toEqual({
      companyId: acme,
      companyName: 'Acme',
      role: 'member',
      companyUsername: 'JD-1',
      notGiven: null,
      alreadyMember: false,
    });
    expect(membership(acme, jane.userId)).toEqual({ role: 'member', companyUsername: 'JD-1' });
    expect(listMembershipsOf(jane.userId)).toMatchObject([{ companyName: 'Acme', companyUsername: 'JD-1' }]);
    expect(await verifyCompanyLogin('acme', 'jd-1', 'jane-password-1')).toMatchObject({ companyUsername: 'JD-1' });
    expect(listMyInvitations(jane)).toEqual([]);
    expect(listCompanyInvitations(boss, acme).total).toBe(0);
    refused(() => acceptInvitation(jane, invitation!.id), 404);
    expect(audit()).toContain('jane accepted the invitation and joined as a member with company username "JD-1"');
  });

  it('a company username taken meanwhile: accepted without it, and the answer says so', () => {
    const invitation = inviteMember(boss, acme, { username: 'joe', role: 'admin', companyUsername: 'Race-7' });
    setCompanyUsername(boss, acme, lee.userId, 'race-7'); // someone else got it first
    expect(acceptInvitation(joe, invitation.id)).toMatchObject({ role: 'admin', companyUsername: null, notGiven: 'Race-7', alreadyMember: false });
    expect(membership(acme, joe.userId)).toEqual({ role: 'admin', companyUsername: null });
    expect(membership(acme, lee.userId)).toEqual({ role: 'member', companyUsername: 'race-7' });
    expect(audit()).toContain('joe accepted the invitation and joined as an admin (company username "Race-7" could not be given: it was taken or no longer allowed)');
  });

  it('the person declines: no membership, the invitation is gone', () => {
    const invitation = inviteMember(boss, acme, { username: 'kim', role: 'member', companyUsername: 'KIM-1' });
    expect(declineInvitation(kim, invitation.id)).toEqual({ companyName: 'Acme' });
    expect(membership(acme, kim.userId)).toBeUndefined();
    expect(listMyInvitations(kim)).toEqual([]);
    refused(() => acceptInvitation(kim, invitation.id), 404);
    expect(audit()).toContain('kim declined the invitation to join');
  });

  it('an admin withdraws an invitation of their company (not of another); it can no longer be accepted', () => {
    const invitation = inviteMember(boss, acme, { username: 'kim', role: 'member' });
    refused(() => withdrawInvitation(betaBoss, acme, invitation.id), 404);
    refused(() => withdrawInvitation(betaBoss, beta, invitation.id), 404, /no such invitation/);
    expect(withdrawInvitation(boss, acme, invitation.id)).toMatchObject({ username: 'kim' });
    refused(() => acceptInvitation(kim, invitation.id), 404);
    expect(membership(acme, kim.userId)).toBeUndefined();
    expect(audit()).toContain('boss withdrew the invitation of kim');
  });

  it('an operator adding the person directly (cli member add) settles their pending invitation', () => {
    const invitation = inviteMember(boss, acme, { username: 'kim', role: 'member' });
    addMember({ companyId: acme, username: 'kim', role: 'member' }, CLI_ACTOR);
    expect(listMyInvitations(kim)).toEqual([]);
    refused(() => acceptInvitation(kim, invitation.id), 404);
  });

  it('invitations go with the account', async () => {
    const gone = await makeUser('short-lived');
    inviteMember(boss, acme, { username: 'short-lived', role: 'member' });
    getConnection().sqlite.prepare('DELETE FROM users WHERE id = ?').run(gone.userId);
    expect(listCompanyInvitations(boss, acme).rows.map((r) => r.username)).not.toContain('short-lived');
  });
});
