import { demoPassword, expect, test, uniqueName } from '../support/fixtures';
import { cliUser, signIn } from './admin-page';

test('a platform admin sees every company and creates one, with the slug checked live and a first admin', async ({ page }) => {
  const firstAdmin = cliUser('first');
  const slug = uniqueName('co').toLowerCase();
  await signIn(page.request, 'admin', demoPassword('admin'));
  await page.goto('/admin');
  const all = page.getByRole('region', { name: 'All companies' });
  await expect(all.getByRole('link', { name: 'Acme' })).toBeVisible();

  await all.getByLabel('Company name').fill(`Globex ${slug}`);
  const slugField = all.getByLabel('Slug');
  await slugField.fill('acme');
  await expect(all.getByRole('status')).toHaveText('The slug "acme" is taken by another company.');
  await slugField.fill('Not A Slug!');
  await expect(all.getByRole('status')).toContainText('Use 1 to 40 lower-case letters');
  await expect(slugField).toHaveAccessibleDescription(/1 to 40 lower-case letters, digits or inner hyphens\.$/);
  // The field's own constraint is the server's rule: its pattern refuses exactly what the server refuses.
  for (const candidate of ['-acme', 'acme-', 'acme_corp', 'acmé', 'Acme-Corp', 'a', 'a'.repeat(40), `a${'-'.repeat(38)}b`]) {
    await slugField.fill(candidate);
    const patternRefuses = await slugField.evaluate((input: HTMLInputElement) => input.validity.patternMismatch);
    const server = (await (await page.request.get(`/admin/slug-check?slug=${encodeURIComponent(candidate)}`)).json()) as { message: string };
    expect(patternRefuses, candidate).toBe(server.message.startsWith('Use 1 to 40 lower-case letters'));
  }
  // Typed, a slug stops at the rule's 40 characters.
  await slugField.fill('');
  await slugField.pressSequentially('b'.repeat(41));
  await expect(slugField).toHaveValue('b'.repeat(40));
  await slugField.fill(slug);
  await expect(all.getByRole('status')).toContainText(`The slug "${slug}" is available`);
  await all.getByLabel('First admin (global username)').fill('nobody-by-this-name');
  await all.getByRole('button', { name: 'Create company' }).click();
  await expect(all).toContainText('There is no user named "nobody-by-this-name"');

  await all.getByLabel('First admin (global username)').fill(firstAdmin.username);
  await all.getByRole('button', { name: 'Create company' }).click();
  await expect(page).toHaveURL(/\/admin\/companies\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Globex ${slug}`);
  await expect(page.getByLabel(`Company username for ${firstAdmin.username}`)).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(firstAdmin.username) })).toContainText('Admin');
  await expect(page.getByTestId('company-login-link')).toHaveText(new RegExp(`/login/${slug}$`));

  // Its login page exists now.
  const login = await page.request.get(`/login/${slug}`);
  expect(login.status()).toBe(200);
});
