import { beforeAll, describe, expect, it } from 'vitest';
import { testRow, testRows, testRun } from '@/db/testing/sql';
import { verifyCompanyLogin, verifyGlobalLogin } from '@/lib/auth/login';
import { HttpError } from '@/lib/http/problem';
import type { Acting } from '@/lib/companies/access';
import { createCompanyAccount } from '@/lib/companies/members';
import { acceptInvitation, inviteMember } from '@/lib/companies/invitations';
import { hashSecretToken } from '@/lib/auth/token-hash';
import { writeTransaction } from '@/db/transactions';
import { completeSetup, describeSetupLink, issueSetupToken, reissueSetupLink, SETUP_LINK_TTL_MS } from '@/lib/accounts/setup-links';
import { addToCompany, makeCompany, makeUser, useFreshDatabase } from '@/lib/testing/fixtures';

let company: number;
let admin: Acting;
const tokenOf = (path: string) => path.replace('/setup/', '');

beforeAll(async () => {
  await useFreshDatabase();
  company = await makeCompany('Acme', 'acme');
  admin = await makeUser('boss', { password: 'boss-password-1' });
  await addToCompany(company, 'boss', 'admin');
});

describe('setup links', () => {
  it('stores only the SHA-256 of the token, with an expiry a week out', async () => {
    const { setupLink, member } = await createCompanyAccount(admin, company, { companyUsername: 'Emp-1', role: 'member' });
    const token = tokenOf(setupLink.path);
    const rows = (await testRows('SELECT token_hash, expires_at FROM setup_tokens WHERE user_id = ?', [member.userId])) as {
      token_hash: string;
      expires_at: number;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashSecretToken(token));
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(rows[0]!.expires_at - Date.now()).toBeGreaterThan(SETUP_LINK_TTL_MS - 60_000);
    expect(await describeSetupLink(token)).toEqual({ companyName: 'Acme', companySlug: 'acme', companyUsername: 'Emp-1' });
  });

  it('lets the person set a password once; then they sign in with the company username', async () => {
    const { setupLink } = await createCompanyAccount(admin, company, { companyUsername: 'Emp-2', role: 'member' });
    const token = tokenOf(setupLink.path);
    expect(await verifyCompanyLogin('acme', 'emp-2', 'a-fine-password')).toBeNull();
    await expect(completeSetup(token, 'short')).rejects.toMatchObject({ status: 400 });
    expect(await completeSetup(token, 'a-fine-password')).toMatchObject({ companySlug: 'acme' });
    expect(await verifyCompanyLogin('acme', 'EMP-2', 'a-fine-password')).toMatchObject({ companyUsername: 'Emp-2' });
    await expect(completeSetup(token, 'another-password')).rejects.toMatchObject({ status: 404 });
    expect(await describeSetupLink(token)).toBeNull();
    expect(await verifyCompanyLogin('acme', 'Emp-2', 'another-password')).toBeNull();
  });

  it('two submissions of one link at once: exactly one wins', async () => {
    const { setupLink } = await createCompanyAccount(admin, company, { companyUsername: 'Emp-3', role: 'member' });
    const token = tokenOf(setupLink.path);
    const outcomes = await Promise.allSettled([completeSetup(token, 'first-password-1'), completeSetup(token, 'second-password-2')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(HttpError);
  });

  it('expires', async () => {
    const { setupLink } = await createCompanyAccount(admin, company, { companyUsername: 'Emp-4', role: 'member' });
    const token = tokenOf(setupLink.path);
    const later = Date.now() + SETUP_LINK_TTL_MS + 1;
    expect(await describeSetupLink(token, later)).toBeNull();
    await expect(completeSetup(token, 'a-fine-password', later)).rejects.toMatchObject({ status: 404 });
  });

  it('a new link cancels the older one, and is refused for people who have a password', async () => {
    const { setupLink, member } = await createCompanyAccount(admin, company, { companyUsername: 'Emp-5', role: 'member' });
    const again = await reissueSetupLink(admin, company, member.userId);
    expect(await describeSetupLink(tokenOf(setupLink.path))).toBeNull();
    expect(await describeSetupLink(tokenOf(again.path))).not.toBeNull();
    await completeSetup(tokenOf(again.path), 'a-fine-password');
    await expect(reissueSetupLink(admin, company, member.userId)).rejects.toThrow(/set a password already/);
    await expect(reissueSetupLink(admin, company, admin.userId)).rejects.toThrow(/set a password already/);
  });

  it('malformed and unknown tokens are simply not valid', async () => {
    expect(await describeSetupLink('')).toBeNull();
    expect(await describeSetupLink('../../etc/passwd')).toBeNull();
    expect(await describeSetupLink('A'.repeat(43))).toBeNull();
  });
});

// Issue 15, hole 1: a company admin could take over a passwordless global account (such as those
// `seed --users` makes) by adding it to their company and issuing it a setup link. A setup link is
// only for an account with no global username that belongs to that one company.
describe('no company admin can take over a global account with a setup link', () => {
  let beta: number;
  let betaAdmin: Acting;
  let seeded: Acting;

  beforeAll(async () => {
    beta = await makeCompany('Beta', 'beta');
    betaAdmin = await makeUser('beta-boss', { password: 'beta-password-1' });
    await addToCompany(beta, 'beta-boss', 'admin');
    // As `seed --users` makes them: a global username, no password, a member of company Acme alone.
    seeded = await makeUser('user0000001');
    await addToCompany(company, 'user0000001', 'member', 'user0000001');
  });

  it('an admin of another company who invites the person gets no setup link, before or after they accept', async () => {
    const invitation = await inviteMember(betaAdmin, beta, { username: 'user0000001', role: 'member', companyUsername: 'U1' });
    await expect(reissueSetupLink(betaAdmin, beta, seeded.userId)).rejects.toThrow(/not a member/);
    await acceptInvitation(seeded, invitation.id);
    await expect(reissueSetupLink(betaAdmin, beta, seeded.userId)).rejects.toThrow(/global account of their own/);
    expect(await verifyGlobalLogin('user0000001', 'taken-over-password')).toBeNull();
  });

  it("the admin of the person's only company cannot either: they have a global username", async () => {
    const alone = await makeUser('user0000002');
    await addToCompany(company, 'user0000002', 'member', 'user0000002');
    let thrown: unknown;
    try {
      await reissueSetupLink(admin, company, alone.userId);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpError);
    expect((thrown as HttpError).status).toBe(409);
    expect((thrown as HttpError).message).toMatch(/global account of their own/);
    expect((await testRow('SELECT count(*) AS n FROM setup_tokens WHERE user_id = ?', [alone.userId]))).toEqual({ n: 0 });
  });

  it('a company-only account of this company alone can get one; one in a second company cannot', async () => {
    const { member } = await createCompanyAccount(admin, company, { companyUsername: 'Emp-9', role: 'member' });
    const link = await reissueSetupLink(admin, company, member.userId);
    expect(await describeSetupLink(tokenOf(link.path))).toMatchObject({ companyUsername: 'Emp-9' });
    // No screen puts a company-only account in a second company; if one is there, its admins get no link.
    await testRun("INSERT INTO memberships (company_id, user_id, role, company_username, company_username_canonical) VALUES (?, ?, 'member', 'E9', 'e9')", [beta, member.userId]);
    await expect(reissueSetupLink(admin, company, member.userId)).rejects.toThrow(/other companies too/);
    await expect(reissueSetupLink(betaAdmin, beta, member.userId)).rejects.toThrow(/other companies too/);
    // …and the link issued before does not work any more.
    expect(await describeSetupLink(tokenOf(link.path))).toBeNull();
  });

  it('a link issued to a global account before this rule does not work', async () => {
    const old = await makeUser('user0000003');
    await addToCompany(company, 'user0000003', 'member', 'user0000003');
    const issued = await writeTransaction(() => issueSetupToken(old.userId));
    expect(await describeSetupLink(issued.token)).toBeNull();
    await expect(completeSetup(issued.token, 'taken-over-password')).rejects.toMatchObject({ status: 404 });
    expect(await verifyGlobalLogin('user0000003', 'taken-over-password')).toBeNull();
  });
});
