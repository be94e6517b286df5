import { demoPassword, expect, test, uniqueName } from '../support/fixtures';
import { gotoForm, verdictOf } from '../pages/signup-page';
import { signIn } from './admin-page';

test('a platform admin reserves a prefix on /admin: signup calls names under it reserved at once, and free again once it is removed', async ({ page, browser }, testInfo) => {
  const prefix = uniqueName('rsv');
  const underIt = `${prefix}-x`;

  // Someone signed out, in a browser of their own, on /signup: the name is available to begin with.
  const visitor = await browser.newContext();
  const signup = await visitor.newPage();
  await gotoForm(signup, '/signup');
  const field = signup.getByLabel('Username', { exact: true });
  const verdict = await verdictOf(field);
  await field.fill(underIt);
  await expect(verdict).toContainText('available');

  await signIn(page.request, 'admin', demoPassword('admin'));
  await page.goto('/admin');
  const section = page.getByRole('region', { name: 'Reserved names' });
  await expect(section).toBeVisible();
  const name = section.getByLabel('Reserved name');
  await expect(name).toHaveAccessibleDescription(/3 to 30 characters/);

  // A name that cannot be a username is refused, with the rule it breaks.
  await name.fill('ab');
  await section.getByRole('button', { name: 'Reserve' }).click();
  await expect(section.getByText('Use at least 3 characters.')).toBeVisible();
  await expect(name).toHaveAttribute('aria-invalid', 'true');

  await name.fill(prefix);
  await section.getByLabel('Match').selectOption('prefix');
  await section.getByRole('button', { name: 'Reserve' }).click();
  await expect(section.getByText(`Reserved "${prefix}" (prefix: every name that starts with it).`)).toBeVisible();
  const row = section.getByRole('row', { name: new RegExp(prefix) });
  await expect(row.getByRole('cell').nth(0)).toHaveText(prefix);
  await expect(row.getByRole('cell').nth(1)).toHaveText('prefix');
  await expect(name).toHaveValue('');
  await section.screenshot({ path: testInfo.outputPath('reserved-names.png') });

  // The same rule again (in another case) is refused.
  await name.fill(prefix.toUpperCase());
  await section.getByLabel('Match').selectOption('prefix');
  await section.getByRole('button', { name: 'Reserve' }).click();
  await expect(section.getByText(`"${prefix.toUpperCase()}" is already reserved (prefix).`)).toBeVisible();

  // At once, for the visitor (on a fresh load: the page keeps the answers it already had for a while):
  // the live check says reserved for a name under the prefix, and for the prefix itself.
  await gotoForm(signup, '/signup');
  await field.fill(underIt);
  await expect(verdict).toContainText('reserved');
  await field.fill(prefix.toUpperCase());
  await expect(verdict).toContainText('reserved');

  // A company admin who is not a platform admin sees no such section.
  const companyAdmin = await browser.newContext();
  const adminPage = await companyAdmin.newPage();
  await signIn(adminPage.request, 'acme-admin', demoPassword('acme-admin'));
  await adminPage.goto('/admin');
  await expect(adminPage.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(adminPage.getByRole('region', { name: 'Reserved names' })).toHaveCount(0);
  await expect(adminPage.getByText(prefix)).toHaveCount(0);
  await companyAdmin.close();

  await row.getByRole('button', { name: `Remove ${prefix}` }).click();
  await expect(section.getByRole('row', { name: new RegExp(prefix) })).toHaveCount(0);
  await gotoForm(signup, '/signup');
  await field.fill(underIt);
  await expect(verdict).toContainText('available');
  await visitor.close();
});
