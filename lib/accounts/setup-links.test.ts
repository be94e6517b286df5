import { beforeAll, describe, expect, it } from 'vitest';
import { getConnection } from '@/db/client';
import { verifyCompanyLogin } from '@/lib/auth/login';
import { HttpError } from '@/lib/http/problem';
import type { Acting } from '@/lib/companies/access';
import { createCompanyAccount } from '@/lib/companies/members';
import { hashSecretToken } from '@/lib/auth/token-hash';
import { completeSetup, describeSetupLink, reissueSetupLink, SETUP_LINK_TTL_MS } from '@/lib/accounts/setup-links';
import { addToCompany, makeCompany, makeUser, useFreshDatabase } from '@/lib/testing/fixtures';

let company: number;
let admin: Acting;
const tokenOf = (path: string) => path.replace('/setup/', '');

beforeAll(async () => {
  useFreshDatabase();
  company = makeCompany('Acme', 'acme');
  admin = await makeUser('boss', { password: 'boss-password-1' });
  addToCompany(company, 'boss', 'admin');
});

describe('setup links', () => {
  it('stores only the SHA-256 of the token, with an expiry a week out', () => {
    const { setupLink, member } = createCompanyAccount(admin, company, { companyUsername: 'Emp-1', role: 'member' });
    const token = tokenOf(setupLink.path);
    const rows = getConnection().sqlite.prepare('SELECT token_hash, expires_at FROM setup_tokens WHERE user_id = ?').all(member.userId) as {
      token_hash: string;
      expires_at: number;
    }[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(hashSecretToken(token));
    expect(rows[0]!.token_hash).not.toContain(token);
    expect(rows[0]!.expires_at - Date.now()).toBeGreaterThan(SETUP_LINK_TTL_MS - 60_000);
    expect(describeSetupLink(token)).toEqual({ companyName: 'Acme', companySlug: 'acme', companyUsername: 'Emp-1' });
  });

  it('lets the person set a password once; then they sign in with the company username', async () => {
    const { setupLink } = createCompanyAccount(admin, company, { companyUsername: 'Emp-2', role: 'member' });
    const token = tokenOf(setupLink.path);
    expect(await verifyCompanyLogin('acme', 'emp-2', 'a-fine-password')).toBeNull();
    await expect(completeSetup(token, 'short')).rejects.toMatchObject({ status: 400 });
    expect(await completeSetup(token, 'a-fine-password')).toMatchObject({ companySlug: 'acme' });
    expect(await verifyCompanyLogin('acme', 'EMP-2', 'a-fine-password')).toMatchObject({ companyUsername: 'Emp-2' });
    await expect(completeSetup(token, 'another-password')).rejects.toMatchObject({ status: 404 });
    expect(describeSetupLink(token)).toBeNull();
    expect(await verifyCompanyLogin('acme', 'Emp-2', 'another-password')).toBeNull();
  });

  it('two submissions of one link at once: exactly one wins', async () => {
    const { setupLink } = createCompanyAccount(admin, company, { companyUsername: 'Emp-3', role: 'member' });
    const token = tokenOf(setupLink.path);
    const outcomes = await Promise.allSettled([completeSetup(token, 'first-password-1'), completeSetup(token, 'second-password-2')]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(HttpError);
  });

  it('expires', async () => {
    const { setupLink } = createCompanyAccount(admin, company, { companyUsername: 'Emp-4', role: 'member' });
    const token = tokenOf(setupLink.path);
    const later = Date.now() + SETUP_LINK_TTL_MS + 1;
    expect(describeSetupLink(token, later)).toBeNull();
    await expect(completeSetup(token, 'a-fine-password', later)).rejects.toMatchObject({ status: 404 });
  });

  it('a new link cancels the older one, and is refused for people who have a password', async () => {
    const { setupLink, member } = createCompanyAccount(admin, company, { companyUsername: 'Emp-5', role: 'member' });
    const again = reissueSetupLink(admin, company, member.userId);
    expect(describeSetupLink(tokenOf(setupLink.path))).toBeNull();
    expect(describeSetupLink(tokenOf(again.path))).not.toBeNull();
    await completeSetup(tokenOf(again.path), 'a-fine-password');
    expect(() => reissueSetupLink(admin, company, member.userId)).toThrow(/set a password already/);
    expect(() => reissueSetupLink(admin, company, admin.userId)).toThrow(/set a password already/);
  });

  it('malformed and unknown tokens are simply not valid', () => {
    expect(describeSetupLink('')).toBeNull();
    expect(describeSetupLink('../../etc/passwd')).toBeNull();
    expect(describeSetupLink('A'.repeat(43))).toBeNull();
  });
});
