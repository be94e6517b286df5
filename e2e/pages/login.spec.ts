import type { Page } from '@playwright/test';
import { gotoForm } from './signup-page';
import { demoPassword, expect, test } from '../support/fixtures';

async function signIn(page: Page, username: string, password: string) {
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Next's route announcer is an empty role=alert on every page: ours are the ones with text. */
const alertsWithText = (page: Page) => page.getByRole('alert').filter({ hasText: /\S/ });

test.describe('/login', () => {
  test('a failed sign-in shows one message, the same for an unknown user and a wrong password', async ({ page }) => {
    const messages: string[] = [];
    for (const [username, password] of [
      ['johndoe123', 'not-the-password'],
      ['nobody-by-this-name', 'not-the-password'],
    ]) {
      await gotoForm(page, '/login');
      await signIn(page, username!, password!);
      const alerts = alertsWithText(page);
      await expect(alerts).toHaveCount(1);
      await expect(alerts).toBeVisible();
      messages.push((await alerts.textContent())!.trim());
      await expect(page).toHaveURL(/\/login$/);
      // What was typed as the name stays; the password does not.
      await expect(page.getByLabel('Username', { exact: true })).toHaveValue(username!);
      await expect(page.getByLabel('Password', { exact: true })).toHaveValue('');
      await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
    }
    expect(messages[0]).toContain('do not match');
    expect(messages[1]).toBe(messages[0]);

    // A second failure in a row still shows one message, not two.
    await signIn(page, 'nobody-by-this-name', 'still-wrong');
    await expect(alertsWithText(page)).toHaveCount(1);
  });

  test('a failed sign-in through the API lands here with the same one message', async ({ page }) => {
    await page.goto('/login?error=CredentialsSignin&code=credentials');
    await expect(alertsWithText(page)).toHaveCount(1);
    await expect(alertsWithText(page)).toContainText('do not match');
  });

  test('goes where callbackUrl says on this site, and never elsewhere', async ({ page }) => {
    await gotoForm(page, '/login?callbackUrl=%2Fdocs');
    await signIn(page, 'johndoe123', demoPassword('johndoe123'));
    await expect(page).toHaveURL(/\/docs$/);

    await page.context().clearCookies();
    await gotoForm(page, '/login?callbackUrl=%2F%2Fevil.example%2Fsteal');
    await signIn(page, 'johndoe123', demoPassword('johndoe123'));
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/account$/);
  });

  test('links to the signup', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('main').getByRole('link', { name: 'Create an account' }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await expect(page.getByRole('button', { name: 'Sign up' })).toBeVisible();
  });
});
