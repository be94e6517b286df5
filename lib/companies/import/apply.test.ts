// previewImport and applyImport against a real database: what each row would do, what applying
// does, a change between the two caught inside the transaction, and a file of 100,000 rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { testRow } from '@/db/testing/sql';
import { seedBenchUsers, benchUsername } from '@/lib/seed';
import type { Acting } from '@/lib/companies/access';
import { applyImport } from '@/lib/companies/import/apply';
import { previewImport } from '@/lib/companies/import/preview';
import { listCompanyAudit } from '@/lib/audit';
import { exportMembersCsv, setCompanyUsername } from '@/lib/companies/members';
import { describeSetupLink } from '@/lib/accounts/setup-links';
import { acceptInvitation, listCompanyInvitations, listMyInvitations } from '@/lib/companies/invitations';
import { addToCompany, makeCompany, makeUser, useFreshDatabase } from '@/lib/testing/fixtures';

let acme: number;
let admin: Acting;
let dave: Acting;
let alice: Acting;

beforeAll(async () => {
  await useFreshDatabase();
  acme = await makeCompany('Acme', 'acme');
  admin = await makeUser('boss');
  await addToCompany(acme, 'boss', 'admin');
  await makeUser('johndoe123');
  alice = await makeUser('alice');
  await makeUser('bob');
  await makeUser('carol');
  dave = await makeUser('dave');
  await addToCompany(acme, 'johndoe123', 'member', 'FB12345');
  await addToCompany(acme, 'carol', 'member', 'C-1');
  await addToCompany(acme, 'dave', 'member', 'D-1');
});

const FILE = [
  'username,company_username',
  'alice,AL-1', // 2: not a member yet: invited
  'carol,C-2', // 3: a member: changes
  'dave,D-1', // 4: a member: no change
  ',NEW-1', // 5: a new account
  'bob, padded', // 6: invalid (leading space)
  'bob,', // 7: invalid (empty)
  ',fb12345', // 8: taken (johndoe123's, in another case)
  ',DUP-1', // 9: duplicate with 10
  ',dup-1', // 10
  'nobody-like-this,NB-1', // 11: unknown user
  'carol,C-3', // 12: carol twice (3 and 12)
  'x,y,z', // 13: too many fields
  '',
].join('\n');

describe('CSV import', () => {
  it('previews every row with what it would do, or why not', async () => {
    const preview = await previewImport(admin, acme, FILE);
    const byRow = Object.fromEntries(preview.rows.map((r) => [r.row, r]));
    expect(preview.total).toBe(12);
    expect(byRow[2]).toMatchObject({ status: 'invite', username: 'alice', companyUsername: 'AL-1' });
    expect(byRow[3]).toMatchObject({ status: 'duplicate', message: 'This person is also on row 12.' });
    expect(byRow[12]).toMatchObject({ status: 'duplicate', message: 'This person is also on row 3.' });
    expect(byRow[4]).toMatchObject({ status: 'unchanged' });
    expect(byRow[5]).toMatchObject({ status: 'create' });
    expect(byRow[6]?.status).toBe('invalid');
    expect(byRow[6]?.message).toMatch(/space/i);
    expect(byRow[7]).toMatchObject({ status: 'invalid', message: expect.stringMatching(/empty/) });
    expect(byRow[8]).toMatchObject({ status: 'taken', message: 'Username "fb12345" is already taken for this company' });
    expect(byRow[9]).toMatchObject({ status: 'duplicate', message: 'The same company username is also on row 10.' });
    expect(byRow[10]).toMatchObject({ status: 'duplicate', message: 'The same company username is also on row 9.' });
    expect(byRow[11]).toMatchObject({ status: 'unknown_user', message: 'There is no user named "nobody-like-this".' });
    expect(byRow[13]).toMatchObject({ status: 'invalid', message: 'This row has 3 fields; the header has 2.' });
    expect(preview.valid).toBe(3 + 0 + 0); // invite, unchanged, create
    expect(preview.counts).toMatchObject({ invite: 1, create: 1, unchanged: 1, update: 0, invalid: 3, duplicate: 4, taken: 1, unknown_user: 1, invited: 0 });
    // Problems first, so the admin sees them.
    expect(preview.rows.slice(0, preview.problemsShown).every((r) => !['invite', 'create', 'update', 'unchanged'].includes(r.status))).toBe(true);
  });

  it('applies only the valid rows, in one transaction, with setup links for new accounts and invitations for existing users', async () => {
    const result = await applyImport(admin, acme, FILE);
    expect(result).toMatchObject({ created: 1, invited: 1, updated: 0, unchanged: 1, skipped: 9 });
    expect(result.setupLinks).toHaveLength(1);
    expect(result.setupLinks[0]!.companyUsername).toBe('NEW-1');
    expect(await describeSetupLink(result.setupLinks[0]!.path.replace('/setup/', ''))).toMatchObject({ companyUsername: 'NEW-1' });
    const csv = (await exportMembersCsv(admin, acme)).csv;
    expect(csv).toContain(',NEW-1,member');
    expect(csv).toContain('carol,C-1,member'); // carol's duplicated rows were skipped
    expect(csv).not.toMatch(/DUP-1|NB-1|padded/i);
    expect((await listCompanyAudit(admin, acme))[0]?.summary).toBe('imported a CSV file: 1 new account, 1 invited, 0 updated, 9 rows skipped');
    // Applying the same file again changes nothing more: the names are now theirs or taken, and
    // alice is invited already.
    expect(await applyImport(admin, acme, FILE)).toMatchObject({ created: 0, invited: 0, updated: 0 });
    expect((await previewImport(admin, acme, FILE)).rows.find((r) => r.row === 2)).toMatchObject({ status: 'invited' });
  });

  it('a row for an existing user who is not a member invites them, never adds them (issue 15)', async () => {
    // alice was invited by the import above: she is not a member and holds no company username.
    expect((await exportMembersCsv(admin, acme)).csv).not.toContain('alice');
    expect((await testRow('SELECT count(*) AS n FROM memberships WHERE user_id = ?', [alice.userId]))).toEqual({ n: 0 });
    expect((await listCompanyInvitations(admin, acme)).rows).toMatchObject([{ username: 'alice', role: 'member', companyUsername: 'AL-1', invitedBy: 'boss' }]);
    // She joins, with the company username from the file, when she accepts.
    const [invitation] = await listMyInvitations(alice);
    expect(await acceptInvitation(alice, invitation!.id)).toMatchObject({ companyName: 'Acme', companyUsername: 'AL-1' });
    expect((await exportMembersCsv(admin, acme)).csv).toContain('alice,AL-1,member');
  });

  it('a change between preview and apply is caught inside the transaction', async () => {
    const file = 'username,company_username\ncarol,RACE-9\n';
    expect((await previewImport(admin, acme, file)).counts.update).toBe(1);
    await setCompanyUsername(admin, acme, dave.userId, 'RACE-9'); // another admin, between the two
    expect(await applyImport(admin, acme, file)).toMatchObject({ updated: 0, skipped: 1 });
  });
});

describe('CSV import at scale', () => {
  it('previews 100,000 rows in under 5 seconds, asking the database in bulk', { timeout: 120_000 }, async () => {
    // A company with 100,000 members already (the benchmark seed uses company 1).
    await seedBenchUsers(100_000);
    const lines = ['username,company_username'];
    for (let i = 1; i <= 100_000; i++) {
      // Existing members changing names, new accounts, and some of every kind of problem.
      if (i % 10 === 0) lines.push(`,NEW-${i}`);
      else if (i % 97 === 0) lines.push(`${benchUsername(i)},${benchUsername(i + 1)}`); // taken by the next user
      else if (i % 89 === 0) lines.push(`${benchUsername(i)}, bad`);
      else if (i % 83 === 0) lines.push(`ghost${i},G-${i}`);
      else lines.push(`${benchUsername(i)},EMP-${i}`);
    }
    const csv = lines.join('\n');
    // The benchmark seed fills company 1: Acme, the first company of this database, which boss administers.
    expect(acme).toBe(1);
    const boss = admin;

    const started = performance.now();
    const preview = await previewImport(boss, 1, csv);
    const elapsed = performance.now() - started;
    console.log(`[csv-import] preview of ${preview.total.toLocaleString('en')} rows: ${elapsed.toFixed(0)} ms (${JSON.stringify(preview.counts)})`);
    expect(preview.total).toBe(100_000);
    expect(preview.counts.create).toBe(10_000);
    expect(preview.counts.taken).toBeGreaterThan(900);
    expect(preview.counts.invalid).toBeGreaterThan(900);
    expect(preview.counts.unknown_user).toBeGreaterThan(900);
    expect(preview.counts.update).toBeGreaterThan(80_000);
    expect(elapsed).toBeLessThan(5_000);

    const applyStarted = performance.now();
    const result = await applyImport(boss, 1, csv);
    console.log(`[csv-import] apply of ${preview.valid.toLocaleString('en')} valid rows: ${(performance.now() - applyStarted).toFixed(0)} ms`);
    expect(result.updated).toBe(preview.counts.update);
    expect(result.created).toBe(10_000);
  });
});
