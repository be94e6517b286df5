import type { APIRequestContext } from '@playwright/test';
import { demoPassword, expect, signInViaApi, test, uniqueName } from '../support/fixtures';
import { gotoForm, verdictOf } from './signup-page';

const PASSWORD = 'correct horse battery staple';

/** A fresh person, registered through the API and signed in in this browser context. */
async function signedInNewUser(request: APIRequestContext, prefix: string): Promise<string> {
  const username = uniqueName(prefix);
  const created = await request.post('/api/v1/iam/register/', { data: { username, password: PASSWORD } });
  expect(created.status()).toBe(201);
  await signInViaApi(request, { username, password: PASSWORD });
  return username;
}

test.describe('/account', () => {
  test('signed out, it sends the person to sign in, and back here after', async ({ page }) => {
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?callbackUrl=(%2F|\/)account$/);
    await page.getByLabel('Username', { exact: true }).fill('johndoe123');
    await page.getByLabel('Password', { exact: true }).fill(demoPassword('johndoe123'));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId('account-username')).toHaveText('johndoe123');
  });

  test('shows the person’s companies with role and company username', async ({ page }) => {
    await signInViaApi(page.request, { username: 'johndoe123', password: demoPassword('johndoe123') });
    await page.goto('/account');
    const row = page.getByRole('row', { name: /Acme/ });
    await expect(row.getByRole('cell').nth(1)).toHaveText('Member');
    await expect(row.getByRole('cell').nth(2)).toHaveText('FB12345');
    // The current name needs no check and counts as theirs.
    const field = page.getByLabel('Username', { exact: true });
    await expect(field).toHaveValue('johndoe123');
    await expect(await verdictOf(field)).toHaveText('This is your current username.');
    await expect(page.getByRole('button', { name: 'Save username' })).toBeDisabled();
  });

  test('the username change accepts the person’s own name in another case', async ({ page }) => {
    const name = await signedInNewUser(page.request, 'own');
    await gotoForm(page, '/account');
    const field = page.getByLabel('Username', { exact: true });
    const verdict = await verdictOf(field);
    await expect(field).toHaveValue(name);

    const upper = name.toUpperCase();
    await field.fill(upper);
    await expect(verdict).toContainText('available'); // "That's your current username, so it's available to you."
    await expect(verdict).toContainText('your current username');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await page.getByRole('button', { name: 'Save username' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText(`Saved. Your username is now ${upper}.`);
    await expect(page.getByTestId('account-username')).toHaveText(upper);
    await page.reload();
    await expect(page.getByTestId('account-username')).toHaveText(upper);
    await expect(field).toHaveValue(upper);
  });

  test('a taken name is refused with suggestions; a free one is saved, and the old one is held', async ({ page }) => {
    const name = await signedInNewUser(page.request, 'mv');
    await gotoForm(page, '/account');
    const field = page.getByLabel('Username', { exact: true });
    const verdict = await verdictOf(field);
    await field.fill('johndoe123');
    await expect(verdict).toContainText('taken');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('group', { name: 'Suggestions' }).getByRole('button')).not.toHaveCount(0);

    const fresh = uniqueName('moved');
    await field.fill(fresh);
    await expect(verdict).toContainText('available');
    await page.getByRole('button', { name: 'Save username' }).click();
    await expect(page.getByTestId('account-username')).toHaveText(fresh);
    await expect(verdict).toHaveText('This is your current username.');
    // The session shows the new name at once, without signing in again.
    expect((await (await page.request.get('/api/auth/session')).json()).user.name).toBe(fresh);

    // The old name is held (USERNAME_HOLD_DAYS): theirs, not anyone's (e2e/pages/username-holds.spec.ts).
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toContainText(`Your old name ${name} is held for you until`);
    const check = await page.request.post('/api/v1/iam/check-user-existence/', { data: { username: name } });
    expect(await check.json()).toMatchObject({ available: true, reason: 'own_username' });
    const stranger = await page.context().browser()!.newContext();
    const theirs = await stranger.request.post(`/api/v1/iam/check-user-existence/`, { data: { username: name } });
    expect(await theirs.json()).toMatchObject({ available: false, reason: 'held', message: expect.stringMatching(/held until/) });
    await stranger.close();
    // And the person signs in with the new one.
    const again = await page.context().browser()!.newContext();
    const res = await signInViaApi(again.request, { username: fresh, password: PASSWORD });
    expect(res.headers()['location']).not.toContain('error');
    await again.close();
  });

  test('someone signed in through a company page sees the same account', async ({ page }) => {
    await signInViaApi(page.request, { companySlug: 'acme', username: 'FB12345', password: demoPassword('johndoe123') }, 'company');
    await page.goto('/account');
    await expect(page.getByTestId('account-username')).toHaveText('johndoe123');
    await expect(page.getByText('through the Acme sign-in page')).toBeVisible();
    await expect(page.getByRole('row', { name: /Acme/ })).toContainText('FB12345');
  });

  test('Sign out ends the session', async ({ page }) => {
    await signedInNewUser(page.request, 'out');
    await page.goto('/account');
    // exact: the page also has `Sign out everywhere` (the contract's /account row).
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(page).toHaveURL(/\/$/);
    expect(await (await page.request.get('/api/auth/session')).json()).toBeNull();
    await page.goto('/account');
    await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  });
});
