import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { demoPassword, expect, signInViaApi, test, uniqueName } from '../support/fixtures';
import { gotoForm, SignupPage } from './signup-page';

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
});
