import { cliJson } from '../support/cli';
import { demoPassword, expect, test, uniqueName } from '../support/fixtures';
import { CompanyAdminPage, PASSWORD, cliUser, signIn, uniqueCompanyUsername } from './admin-page';

test.describe('company usernames on /admin', () => {
  test('an admin sees taken and available live, saves, and it survives a reload; the member then signs in on /login/acme', async ({ page, browser }) => {
    const member = cliUser('mem', { company: 1 });
    const companyUsername = uniqueCompanyUsername('EMP');

    await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
    const admin = new CompanyAdminPage(page);
    await admin.goto();
    await admin.search(member.username);
    const field = admin.field(member.username);
    await expect(field).toHaveValue('');
    await expect(field).toHaveAttribute('aria-describedby', /.+/);

    // Taken (johndoe123's FB12345, typed in another case), then available, live, while typing.
    await field.fill('fb12345');
    await expect(admin.verdict(member.username)).toHaveText('Username "fb12345" is already taken for this company');
    await expect(admin.row(member.username).getByRole('button', { name: 'Save' })).toBeDisabled();
    await field.fill(' lead');
    await expect(admin.verdict(member.username)).toContainText(/space/i);
    await field.fill(companyUsername);
    await expect(admin.verdict(member.username)).toHaveText(`Username "${companyUsername}" is available for this company`);
    await admin.row(member.username).getByRole('button', { name: 'Save' }).click();
    await expect(admin.verdict(member.username)).toHaveText(`Saved: "${companyUsername}".`);

    await page.reload();
    await expect(admin.field(member.username)).toHaveValue(companyUsername);
    await expect(admin.verdict(member.username)).toHaveText('');
    // Their own name is theirs: no "taken" for it, in any case.
    await admin.field(member.username).fill(companyUsername.toLowerCase());
    await expect(admin.verdict(member.username)).toHaveText(`That's ${member.username}'s current company username.`);
    // The audit log names who did it.
    await expect(admin.section('Recent admin actions')).toContainText(`acme-admin changed ${member.username}'s company username from none to "${companyUsername}"`);

    // The member signs in on Acme's page with the company username, in another case.
    const context = await browser.newContext();
    const memberPage = await context.newPage();
    await memberPage.goto('/login/acme');
    await expect(memberPage.getByRole('heading', { level: 1 })).toHaveText('Acme');
    await memberPage.getByLabel('Username', { exact: true }).fill(companyUsername.toLowerCase());
    await memberPage.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await memberPage.getByRole('button', { name: 'Sign in' }).click();
    await expect(memberPage).toHaveURL(/\/account$/);
    // /account (another engineer's page) shows the company username after a company sign-in.
    await expect(memberPage.locator('main')).toContainText(companyUsername);
    await context.close();
  });

  test('a name taken between the live check and the save shows taken, as the server said it', async ({ page }) => {
    const member = cliUser('late', { company: 1 });
    const companyUsername = uniqueCompanyUsername('LATE');
    await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
    const admin = new CompanyAdminPage(page);
    await admin.goto();
    await admin.search(member.username);
    await admin.field(member.username).fill(companyUsername);
    await expect(admin.verdict(member.username)).toHaveText(`Username "${companyUsername}" is available for this company`);
    // Someone else gets the name first (the live answer on the screen is now out of date).
    cliUser('first', { company: 1, companyUsername });
    await admin.row(member.username).getByRole('button', { name: 'Save' }).click();
    await expect(admin.verdict(member.username)).toHaveText(`Username "${companyUsername}" is already taken for this company`);
    await expect(admin.verdict(member.username).locator('..')).toHaveAttribute('data-state', 'taken');
    await expect(admin.field(member.username)).toHaveAttribute('aria-invalid', 'true');
  });

  test("/login/acme refuses the member's global username with one alert, and stays on /login/acme", async ({ page }) => {
    const member = cliUser('glob', { company: 1, companyUsername: uniqueCompanyUsername('G') });
    for (const [username, password] of [
      [member.username, PASSWORD], // a real person and the right password, but not a company username
      ['no-such-person-here', PASSWORD],
      ['FB12345', 'wrong-password-1'],
    ] as const) {
      await page.goto('/login/acme');
      await page.getByLabel('Username', { exact: true }).fill(username);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alerts = page.getByRole('alert').filter({ hasText: /\S/ });
      await expect(alerts).toHaveCount(1);
      await expect(alerts).toHaveText('That username and password do not match. Check both and try again.');
      await expect(page).toHaveURL(/\/login\/acme$/);
    }
    expect(await (await page.request.get('/api/auth/session')).json()).toBeNull();
  });

  test('an unknown company slug is a 404 page', async ({ page }) => {
    const res = await page.goto('/login/no-such-company-here');
    expect(res?.status()).toBe(404);
    await expect(page.getByLabel('Password')).toHaveCount(0);
  });

  test('a new company account: the admin gets a setup link once, the person sets a password and signs in', async ({ page, browser }) => {
    const companyUsername = uniqueCompanyUsername('NEW');
    await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
    const admin = new CompanyAdminPage(page);
    await admin.goto();
    const form = page.getByRole('form', { name: 'A new company account' });
    await form.getByLabel('Company username').fill('FB12345');
    await expect(form.getByRole('status')).toContainText('taken');
    await form.getByLabel('Company username').fill(companyUsername);
    await expect(form.getByRole('status')).toContainText('available');
    await form.getByRole('button', { name: 'Create account' }).click();
    const notice = form.getByTestId('setup-link');
    await expect(notice).toContainText(`Setup link for ${companyUsername}`);
    const link = (await notice.locator('code').textContent())!;
    expect(link).toMatch(/^http:\/\/[^/]+\/setup\/[A-Za-z0-9_-]{43}$/);
    // The admin never sees a password, and the link is shown only in that answer.
    await expect(page.locator('input[type=password]')).toHaveCount(0);
    await page.reload();
    await expect(page.getByText(link)).toHaveCount(0);

    // The new member appears without a global username and without a password yet.
    await admin.search(companyUsername);
    const row = page.locator('tbody tr', { hasText: 'none (company account)' }).first();
    await expect(row).toContainText('no password yet');

    const context = await browser.newContext();
    const person = await context.newPage();
    await person.goto(link);
    await expect(person.getByRole('heading', { name: 'Set your password' })).toBeVisible();
    await expect(person.locator('main')).toContainText(companyUsername);
    await person.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await person.getByLabel('Repeat password').fill(PASSWORD);
    await person.getByRole('button', { name: 'Set password' }).click();
    await expect(person).toHaveURL(/\/login\/acme\?setup=done$/);
    await expect(person.getByText('Your password is set.')).toBeVisible();
    await person.getByLabel('Username', { exact: true }).fill(companyUsername.toLowerCase());
    await person.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await person.getByRole('button', { name: 'Sign in' }).click();
    await expect(person).toHaveURL(/\/account$/);
    await expect(person.locator('main')).toContainText(companyUsername);

    // The link worked once.
    await person.goto(link);
    await expect(person.getByRole('alert').filter({ hasText: /\S/ })).toContainText('expired or has been used');
    await context.close();
  });

  test('roles change both ways, and the only admin cannot step down', async ({ page }) => {
    // A company of its own, so that no other spec's admins count.
    const slug = uniqueName('roles').toLowerCase();
    const company = cliJson<{ id: number }>(['company', 'create', '--name', `Roles ${slug}`, '--slug', slug]);
    const boss = cliUser('boss', { company: company.id, role: 'admin' });
    const member = cliUser('role', { company: company.id });
    await signIn(page.request, boss.username, PASSWORD);
    const admin = new CompanyAdminPage(page, company.id);
    await admin.goto();
    await admin.row(member.username).getByRole('button', { name: `Make admin (${member.username})` }).click();
    await expect(admin.row(member.username).getByRole('cell', { name: 'Admin', exact: true })).toBeVisible();
    await admin.row(member.username).getByRole('button', { name: `Make member (${member.username})` }).click();
    await expect(admin.row(member.username).getByRole('cell', { name: 'Member', exact: true })).toBeVisible();
    await expect(admin.section('Recent admin actions')).toContainText(`${boss.username} made ${member.username} a member`);

    await admin.row(boss.username).getByRole('button', { name: `Make member (${boss.username})` }).click();
    await expect(admin.row(boss.username)).toContainText(`${boss.username} is the only admin of Roles ${slug}. Make someone else an admin first.`);
    await admin.row(boss.username).getByRole('button', { name: `Remove (${boss.username})` }).click();
    await admin.row(boss.username).getByRole('button', { name: `Confirm removal (${boss.username})` }).click();
    await expect(admin.row(boss.username)).toContainText('is the only admin');
    await page.reload();
    await expect(admin.row(boss.username).getByRole('cell', { name: 'Admin', exact: true })).toBeVisible();
  });

  test('clearing a company username and saving removes it', async ({ page }) => {
    const companyUsername = uniqueCompanyUsername('CLR');
    const member = cliUser('clr', { company: 1, companyUsername });
    await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
    const admin = new CompanyAdminPage(page);
    await admin.goto(member.username);
    await expect(admin.field(member.username)).toHaveValue(companyUsername);
    await admin.field(member.username).fill('');
    await expect(admin.verdict(member.username)).toHaveText('Save to remove the company username.');
    await admin.row(member.username).getByRole('button', { name: 'Save' }).click();
    await expect(admin.verdict(member.username)).toHaveText(`Removed ${member.username}'s company username.`);
    await page.reload();
    await expect(admin.field(member.username)).toHaveValue('');
    // The name is held for the company (COMPANY_USERNAME_HOLD_DAYS), not free for another member.
    const check = await page.request.get(`/api/v2/usernames/check/company/1/${companyUsername}`);
    expect(await check.json()).toMatchObject({ is_available: false, reason: 'held' });
  });
});
