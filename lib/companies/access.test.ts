import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '@/lib/http/problem';
import type { Acting } from '@/lib/companies/access';
import { adminCompany, adminOverview, checkSlug, createCompanyWithAdmin } from '@/lib/companies/overview';
import { applyImport } from '@/lib/companies/import/apply';
import { previewImport } from '@/lib/companies/import/preview';
import { CLI_ACTOR, listCompanyAudit } from '@/lib/audit';
import {
  createCompanyAccount,
  exportMembersCsv,
  listMembers,
  removeMember,
  setCompanyUsername,
  setMemberRole,
} from '@/lib/companies/members';
import { reissueSetupLink } from '@/lib/accounts/setup-links';
import { acceptInvitation, declineInvitation, inviteMember, listCompanyInvitations, withdrawInvitation } from '@/lib/companies/invitations';
import { createApiToken, createCompanyToken, listCompanyTokens, listPlatformTokens, revokeCompanyToken, revokePlatformToken } from '@/lib/api-tokens';
import { addToCompany, makeCompany, makeUser, snapshot, useFreshDatabase } from '@/lib/testing/fixtures';

// Every admin function, called by people who must not administer company A: each call is a 404
// that says nothing, and the database is byte for byte what it was. The server actions and route
// handlers are thin wrappers that pass the session's user to these functions (checked at the end).

let companyA: number;
let companyB: number;
let memberA: Acting;
let adminA: Acting;
let pendingA: number;
let tokenA: number;
let platformToken: number;
let invitationA: number;
const people: Record<string, Acting | null> = {};

beforeAll(async () => {
  await useFreshDatabase();
  companyA = await makeCompany('Alpha', 'alpha');
  companyB = await makeCompany('Beta', 'beta');
  adminA = await makeUser('alpha-admin');
  const adminB = await makeUser('beta-admin');
  memberA = await makeUser('alpha-member');
  const outsider = await makeUser('outsider');
  await makeUser('newcomer');
  await makeUser('invitee');
  await addToCompany(companyA, 'alpha-admin', 'admin');
  await addToCompany(companyA, 'alpha-member', 'member', 'AM-1');
  await addToCompany(companyB, 'beta-admin', 'admin');
  pendingA = (await createCompanyAccount(adminA, companyA, { companyUsername: 'PENDING-1', role: 'member' })).member.userId;
  tokenA = (await createCompanyToken(adminA, companyA, 'alpha token')).id;
  platformToken = (await createApiToken({ scope: 'platform' }, 'every company', CLI_ACTOR)).id;
  invitationA = (await inviteMember(adminA, companyA, { username: 'invitee', role: 'member', companyUsername: 'INV-1' })).id;
  people.outsider = outsider;
  people['a member of the company'] = memberA;
  people['an admin of another company'] = adminB;
  people['nobody signed in'] = null;
  people['a deleted account'] = { userId: 999_999 };
});

const CSV = 'username,company_username\nalpha-member,AM-2\n,NEW-1\nnewcomer,NEW-2\n';

/** Every admin operation on company A, with harmless but real arguments. */
function operations(): Record<string, (acting: Acting | null) => unknown> {
  return {
    listMembers: (a) => listMembers(a, companyA),
    'listMembers (search)': (a) => listMembers(a, companyA, { query: 'alpha' }),
    setCompanyUsername: (a) => setCompanyUsername(a, companyA, memberA.userId, 'AM-9'),
    'setCompanyUsername (remove)': (a) => setCompanyUsername(a, companyA, memberA.userId, ''),
    setMemberRole: (a) => setMemberRole(a, companyA, memberA.userId, 'admin'),
    removeMember: (a) => removeMember(a, companyA, memberA.userId),
    inviteMember: (a) => inviteMember(a, companyA, { username: 'newcomer', role: 'admin' }),
    listCompanyInvitations: (a) => listCompanyInvitations(a, companyA),
    withdrawInvitation: (a) => withdrawInvitation(a, companyA, invitationA),
    // Only the invited person answers an invitation; for anyone else it does not exist.
    acceptInvitation: (a) => acceptInvitation(a, invitationA),
    declineInvitation: (a) => declineInvitation(a, invitationA),
    createCompanyAccount: (a) => createCompanyAccount(a, companyA, { companyUsername: 'SNEAKY', role: 'admin' }),
    reissueSetupLink: (a) => reissueSetupLink(a, companyA, pendingA),
    exportMembersCsv: (a) => exportMembersCsv(a, companyA),
    previewImport: (a) => previewImport(a, companyA, CSV),
    applyImport: (a) => applyImport(a, companyA, CSV),
    listCompanyTokens: (a) => listCompanyTokens(a, companyA),
    createCompanyToken: (a) => createCompanyToken(a, companyA, 'stolen'),
    revokeCompanyToken: (a) => revokeCompanyToken(a, companyA, tokenA),
    // Platform tokens exist only for platform admins (no one here is one).
    listPlatformTokens: (a) => listPlatformTokens(a),
    revokePlatformToken: (a) => revokePlatformToken(a, platformToken),
    listCompanyAudit: (a) => listCompanyAudit(a, companyA),
    adminCompany: (a) => adminCompany(a, companyA),
    checkSlug: (a) => checkSlug(a, 'gamma'),
    createCompanyWithAdmin: (a) => createCompanyWithAdmin(a, { name: 'Gamma', slug: 'gamma', adminUsername: 'outsider' }),
  };
}

async function expectNotFound(call: () => unknown): Promise<void> {
  let thrown: unknown;
  try {
    await call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, 'the call must be refused').toBeInstanceOf(HttpError);
  expect((thrown as HttpError).status).toBe(404);
  // The answer is the same for "no such company" and "not yours", and carries no company data.
  expect((thrown as HttpError).message).not.toMatch(/alpha|beta/i);
}

describe('admin functions refuse everyone who does not administer the company', () => {
  for (const who of ['outsider', 'a member of the company', 'an admin of another company', 'nobody signed in', 'a deleted account']) {
    describe(who, () => {
      for (const [name, call] of Object.entries(operations())) {
        it(`${name}: 404, no data, no change`, async () => {
          const before = await snapshot();
          await expectNotFound(() => call(people[who] ?? null));
          expect(await snapshot()).toEqual(before);
        });
      }
    });
  }

  it('a company that does not exist answers like one that is not yours', async () => {
    await expectNotFound(() => listMembers(adminA, 987_654));
    await expectNotFound(() => listMembers(people.outsider!, 987_654));
  });

  it('/admin lists nothing to people who administer nothing, and only their own companies to other admins', async () => {
    expect((await adminOverview(people.outsider!)).companies).toEqual([]);
    expect((await adminOverview(memberA)).companies).toEqual([]);
    expect((await adminOverview(null)).companies).toEqual([]);
    expect((await adminOverview(people['an admin of another company']!)).companies.map((c) => c.slug)).toEqual(['beta']);
  });
});

describe('the people who may, can', () => {
  it('an admin of the company, and a platform admin', async () => {
    expect((await listMembers(adminA, companyA)).total).toBe(3);
    expect((await exportMembersCsv(adminA, companyA)).csv).toContain('alpha-member,AM-1,member');
    const platform = await makeUser('platform-boss', { platformAdmin: true });
    expect((await listMembers(platform, companyA)).total).toBe(3);
    expect((await adminOverview(platform)).companies.map((c) => c.slug)).toEqual(['alpha', 'beta']);
    expect((await checkSlug(platform, 'alpha')).available).toBe(false);
  });
});

describe('server actions and admin route handlers are thin wrappers over these functions', () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = join(dir, name);
      return statSync(join(root, path)).isDirectory() ? files(path) : [path];
    });
  const sources = [...files('app/admin'), ...files('app/setup'), ...files('app/account')].filter((f) => /(actions|route)\.ts$/.test(f));

  it('finds the files', () => {
    expect(sources.map((f) => relative('app', f)).sort()).toEqual(
      expect.arrayContaining(['admin/actions.ts', 'setup/actions.ts', 'account/actions.ts']),
    );
  });

  for (const source of sources) {
    it(`${source}: no database access of its own; every entry point passes the session user to lib/`, () => {
      const text = readFileSync(join(root, source), 'utf8');
      expect(text).not.toMatch(/from '@\/db\/|drizzle-orm/);
      const entries = [...text.matchAll(/export (?:async )?function (\w+)|export const (GET|POST|PUT|PATCH|DELETE)\b/g)];
      expect(entries.length).toBeGreaterThan(0);
      if (source.startsWith('app/admin')) {
        // Each admin entry point's body reads the session user and calls lib/ with it.
        const bodies = text.split(/(?=export (?:async )?function |export const (?:GET|POST)\b)/).slice(1);
        for (const body of bodies) expect(body).toMatch(/sessionActing\(\)/);
      }
    });
  }
});
