import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { cliJson } from '../support/cli';
import { demoPassword, expect, signInViaApi, test, uniqueName } from '../support/fixtures';
import { gotoForm, hydrated, SignupPage } from './signup-page';

/** axe-core on the page as it is now: no serious or critical violation. */
async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(serious, `${label}:\n${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

test.describe('accessibility (axe-core)', () => {
  test('/signup, empty and with a verdict and suggestions', async ({ page }) => {
    const signup = new SignupPage(page);
    await signup.goto();
    await expectNoSeriousViolations(page, '/signup empty');
    await signup.username.fill('johndoe123');
    await expect(signup.suggestions).not.toHaveCount(0);
    await signup.password.fill('password1');
    await expect(page.locator('#password-feedback')).toContainText('common');
    await expectNoSeriousViolations(page, '/signup taken');
    await signup.username.fill(uniqueName('ax'));
    await signup.password.fill('');
    await signup.submit.click();
    await expect(page.locator('#password-error')).toBeVisible();
    await expectNoSeriousViolations(page, '/signup refused');
  });

  test('/login, empty and after a failure', async ({ page }) => {
    await gotoForm(page, '/login');
    await expectNoSeriousViolations(page, '/login');
    await page.getByLabel('Username', { exact: true }).fill('nobody-here');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(1);
    await expectNoSeriousViolations(page, '/login failed');
  });

  test('/account, signed in', async ({ page }) => {
    await signInViaApi(page.request, { username: 'johndoe123', password: demoPassword('johndoe123') });
    await gotoForm(page, '/account');
    await expectNoSeriousViolations(page, '/account');
    await page.getByLabel('Username', { exact: true }).fill('acme-admin');
    await expect(page.getByRole('group', { name: 'Suggestions' })).toBeVisible();
    await expectNoSeriousViolations(page, '/account taken');
  });

  test('/admin tokens: expiry choice, a token with its expiry shown once, and the platform tokens of a platform admin', async ({ page }) => {
    cliJson(['token', 'create', '--platform', '--name', uniqueName('axplat'), '--expires-in-days', '30']);
    await signInViaApi(page.request, { username: 'admin', password: demoPassword('admin') });
    await page.goto('/admin/companies/1');
    const tokens = page.getByRole('region', { name: 'API tokens' });
    await hydrated(page, `form:has(#token-expiry-1)`);
    await tokens.getByLabel('Token name').fill(uniqueName('axtok'));
    await tokens.getByLabel('Expires').selectOption({ label: 'In 90 days' });
    await tokens.getByRole('button', { name: 'Create token' }).click();
    await expect(tokens.getByTestId('new-token')).toBeVisible();
    await expectNoSeriousViolations(page, '/admin/companies/1 token created with an expiry');
    await page.goto('/admin');
    await expect(page.getByRole('region', { name: 'Platform tokens' }).getByRole('button', { name: /^Revoke/ }).first()).toBeVisible();
    await expectNoSeriousViolations(page, '/admin with platform tokens');
  });

  test('/admin inviting (sent, refused, pending) and /account with the invitation, then accepted', async ({ page, browser }) => {
    const username = uniqueName('axinv');
    const password = 'correct horse battery staple';
    expect((await page.request.post('/api/v1/iam/register/', { data: { username, password } })).status()).toBe(201);
    await signInViaApi(page.request, { username: 'acme-admin', password: demoPassword('acme-admin') });
    await page.goto('/admin/companies/1');
    await hydrated(page, 'form[aria-labelledby="invite-1-title"]');
    const form = page.getByRole('form', { name: 'Invite an existing user' });
    await form.getByLabel('Global username').fill('johndoe123');
    await form.getByRole('button', { name: 'Invite' }).click();
    await expect(form).toContainText('already a member');
    await expectNoSeriousViolations(page, '/admin invitation refused');
    await form.getByLabel('Global username').fill(username);
    await form.getByRole('button', { name: 'Invite' }).click();
    await expect(form).toContainText(`Invited ${username}`);
    await expect(page.getByRole('region', { name: 'Pending invitations' }).getByRole('row', { name: new RegExp(username) })).toBeVisible();
    await expectNoSeriousViolations(page, '/admin invitation sent and pending');

    const context = await browser.newContext();
    const person = await context.newPage();
    await signInViaApi(person.request, { username, password });
    await gotoForm(person, '/account');
    const accept = person.getByRole('listitem').filter({ hasText: 'Acme' }).getByRole('button', { name: 'Accept', exact: true });
    await expect(accept).toBeVisible();
    await expectNoSeriousViolations(person, '/account with a pending invitation');
    await accept.click();
    await expect(person.getByRole('status').filter({ hasText: 'You joined Acme' })).toBeVisible();
    await expectNoSeriousViolations(person, '/account invitation accepted');
    await context.close();
  });

  test('a branded /login/{slug} (display name, logo, accent), and the /admin Login page and Username rules sections with refusals', async ({ page }) => {
    const slug = uniqueName('axbrand').toLowerCase().slice(0, 40);
    const company = cliJson<{ id: number }>(['company', 'create', '--name', `Axe ${slug}`, '--slug', slug]);
    cliJson(['company', 'branding', '--company', String(company.id), '--display-name', 'Globex Corporation', '--accent', '#0f5132', '--logo', 'lib/testing/images/logo-globex.png']);
    await gotoForm(page, `/login/${slug}`);
    await expect(page.getByRole('img', { name: 'Globex Corporation logo' })).toBeVisible();
    await expectNoSeriousViolations(page, `/login/${slug} branded`);
    await page.getByLabel('Username', { exact: true }).fill('nobody-here');
    await page.getByLabel('Password', { exact: true }).fill('wrong-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(1);
    await expectNoSeriousViolations(page, `/login/${slug} branded, failed`);

    await signInViaApi(page.request, { username: 'admin', password: demoPassword('admin') });
    await page.goto(`/admin/companies/${company.id}`);
    await hydrated(page, `form:has(#brand-${company.id}-accent)`);
    await expectNoSeriousViolations(page, '/admin with the Login page and Username rules sections');
    await page.getByRole('region', { name: 'Login page' }).getByLabel('Accent colour', { exact: true }).fill('#777777');
    const rules = page.getByRole('region', { name: 'Username rules' });
    await rules.getByLabel('Pattern', { exact: true }).fill('(a+)+');
    await rules.getByRole('button', { name: 'Save username rules' }).click();
    await expect(rules.getByText(/more than linear time/).first()).toBeVisible();
    await expectNoSeriousViolations(page, '/admin with a refused accent and a refused pattern');
  });
});
