import { mkdirSync, readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { demoPassword, expect, test } from '../support/fixtures';
import { CompanyAdminPage, cliUser, signIn, uniqueCompanyUsername } from './admin-page';

test('a CSV import previews valid, invalid, duplicate, taken and unknown rows with reasons, and applies only the valid ones', async ({ page }) => {
  const joiner = cliUser('joiner'); // not in Acme yet: invited, not added (issue 15)
  const member = cliUser('csvmem', { company: 1, companyUsername: uniqueCompanyUsername('OLD') });
  const [forJoiner, forMember, forNew, duplicated] = ['J', 'M', 'N', 'D'].map((p) => uniqueCompanyUsername(p));
  const csv = [
    'username,company_username',
    `${joiner.username},${forJoiner}`, // 2 invite
    `${member.username},${forMember}`, // 3 update
    `,${forNew}`, // 4 new account
    `${joiner.username}x, ${forJoiner}`, // 5 invalid (leading space)
    `,${duplicated}`, // 6 duplicate of 7
    `,${duplicated!.toLowerCase()}`, // 7
    ',FB12345', // 8 taken
    `no-such-user-${Date.now()},${uniqueCompanyUsername('U')}`, // 9 unknown user
  ].join('\n');

  await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
  const admin = new CompanyAdminPage(page);
  await admin.goto();
  const section = admin.section('Import company usernames');
  await section.getByText('File format').click();
  await expect(section).toContainText('username,company_username');
  await section.getByLabel('CSV file').setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await section.getByRole('button', { name: 'Preview' }).click();
  await expect(section.getByTestId('import-status')).toContainText('Checked 8 rows');
  await expect(section.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();

  const row = (n: number) => section.locator('tbody tr').filter({ has: page.getByRole('cell', { name: String(n), exact: true }) });
  await expect(row(2)).toContainText('Invite');
  await expect(row(2)).toContainText('Not a member yet: gets an invitation with this company username');
  await expect(row(3)).toContainText('Update');
  await expect(row(4)).toContainText('New account');
  await expect(row(5)).toContainText('Invalid');
  await expect(row(5)).toContainText(/space/i);
  await expect(row(6)).toContainText('Duplicate in file');
  await expect(row(6)).toContainText('also on row 7');
  await expect(row(7)).toContainText('also on row 6');
  await expect(row(8)).toContainText('Taken');
  await expect(row(8)).toContainText('Username "FB12345" is already taken for this company');
  await expect(row(9)).toContainText('Unknown user');
  await expect(row(9)).toContainText('There is no user named');

  mkdirSync('test-results/screenshots', { recursive: true });
  await section.screenshot({ path: 'test-results/screenshots/admin-import-preview-1280.png' });

  await section.getByRole('button', { name: 'Apply 3 valid rows' }).click();
  await expect(section.getByTestId('import-status')).toHaveText(
    'Done: 1 new account, 1 invited, 1 updated, 0 unchanged, 5 rows skipped.',
  );
  await expect(section.getByRole('button', { name: 'Download setup links (CSV)' })).toBeVisible();
  await expect(section.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('value', '1');

  const exported = await (await page.request.get('/admin/companies/1/members.csv')).text();
  // The joiner is invited, not a member: not in the export, no company username until they accept.
  expect(exported).not.toContain(joiner.username);
  expect(exported).not.toContain(forJoiner!);
  expect(exported).toContain(`${member.username},${forMember},member`);
  expect(exported).toContain(`,${forNew},member`);
  expect(exported).not.toContain(duplicated!);
  expect(exported).toContain('johndoe123,FB12345,member');
  expect(exported).not.toMatch(/no-such-user/);

  // The members table shows the change, the pending invitations the joiner, and the audit log the import.
  await admin.search(member.username);
  await expect(admin.field(member.username)).toHaveValue(forMember!);
  const invitation = admin.section('Pending invitations').getByRole('row', { name: new RegExp(joiner.username) });
  await expect(invitation).toContainText(forJoiner!);
  await admin.search(joiner.username);
  await expect(admin.section('Members')).toContainText(`No member matches "${joiner.username}".`);
  await expect(admin.section('Recent admin actions')).toContainText('acme-admin imported a CSV file: 1 new account, 1 invited, 1 updated, 5 rows skipped');
});

test('setup-links.csv keeps company usernames that look like formulas as text (issue 15, hole 6)', async ({ page }) => {
  const tag = Date.now().toString(36);
  const formula = `=HYPERLINK("https://evil.example/${tag}")`;
  const plus = `+${tag}`;
  const csv = ['username,company_username', `,"${formula.replaceAll('"', '""')}"`, `,${plus}`].join('\n');

  await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
  const admin = new CompanyAdminPage(page);
  await admin.goto();
  const section = admin.section('Import company usernames');
  await section.getByLabel('CSV file').setInputFiles({ name: 'formulas.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await section.getByRole('button', { name: 'Preview' }).click();
  await section.getByRole('button', { name: 'Apply 2 valid rows' }).click();
  await expect(section.getByTestId('import-status')).toContainText('Done: 2 new accounts');

  const [download] = await Promise.all([page.waitForEvent('download'), section.getByRole('button', { name: 'Download setup links (CSV)' }).click()]);
  expect(download.suggestedFilename()).toBe('setup-links.csv');
  const text = readFileSync((await download.path())!, 'utf8');
  const rows = Papa.parse<string[]>(text.trim(), { header: false }).data;
  expect(rows[0]).toEqual(['company_username', 'setup_link', 'expires_at']);
  expect(rows.slice(1).map((r) => r[0])).toEqual([`'${formula}`, `'${plus}`]);
  // No cell starts a formula.
  expect(rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell))).toEqual([]);
  expect(rows[1]![1]).toMatch(/^http:\/\/[^/]+\/setup\/[A-Za-z0-9_-]{43}$/);
});
