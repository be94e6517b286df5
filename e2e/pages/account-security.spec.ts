import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { linkIn, startMailSink, type MailSink } from '../../lib/testing/mail-sink';
import { expect, signInViaApi, test, uniqueName } from '../support/fixtures';
import { startServer, type RunningServer } from '../support/server';
import { hydrated } from './signup-page';

// Sessions that end, and the account controls around them, in Chromium against a production server
// of this spec's own whose SMTP_URL points at an SMTP sink in this process: mailed links are read
// from real SMTP traffic. Screenshots of the new screens go to test-results/account-security/.

const PASSWORD = 'correct horse battery staple';
const NEW_PASSWORD = 'a second long passphrase';
const APP_URL = 'https://names.example.test';
const SHOTS = join('test-results', 'account-security');

let sink: MailSink;
let server: RunningServer;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  sink = await startMailSink();
  server = await startServer({
    env: {
      SMTP_URL: sink.url,
      APP_URL,
      EMAIL_FROM: 'namecheck <no-reply@names.example.test>',
      // Many sign-ins from one address in a minute: this spec is not about the per-IP limits.
      RATE_LIMIT_SIGNINS_PER_MINUTE: '0',
      RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '0',
      RATE_LIMIT_CHECKS_PER_MINUTE: '0',
      LOG_REQUESTS: '0',
    },
  });
});

test.afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

/** A link from a mail, opened on this spec's server (the mail names APP_URL, the public origin). */
function onServer(link: string): string {
  expect(link.startsWith(`${APP_URL}/`)).toBe(true);
  return `${server.url}${new URL(link).pathname}`;
}

async function register(username: string, email?: string): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/iam/register/`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD, ...(email ? { email } : {}) }),
  });
  expect(res.status).toBe(201);
}

/** A browser of its own (its own cookies), signed in as `username`. */
async function signedInBrowser(browser: Browser, username: string, password = PASSWORD): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  const res = await signInViaApi(page.request, { username, password });
  expect(res.headers()['location']).not.toContain('error');
  await page.goto('/account');
  await expect(page.getByTestId('account-username')).toHaveText(username);
  return { context, page };
}

async function expectSignedOut(page: Page): Promise<void> {
  await page.goto('/account');
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  expect(await (await page.request.get('/api/auth/session')).json()).toBeNull();
}

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(serious, `${label}:\n${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  for (const width of [360, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a password change in one browser sends the other to sign in; this one stays', async ({ browser }) => {
  const username = uniqueName('pwc');
  await register(username);
  const one = await signedInBrowser(browser, username);
  const two = await signedInBrowser(browser, username);

  await hydrated(one.page, '#current-password');
  await one.page.getByLabel('Current password', { exact: true }).fill('not my password at all');
  await one.page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await one.page.getByRole('button', { name: 'Change password' }).click();
  await expect(one.page.locator('#current-password-error')).toHaveText('That is not your current password.');
  await expect(one.page.getByLabel('Current password', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await one.page.getByLabel('Current password', { exact: true }).fill(PASSWORD);
  await one.page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await one.page.getByRole('button', { name: 'Change password' }).click();
  await expect(one.page.getByRole('status').filter({ hasText: 'Password changed' })).toContainText('every other session has ended');
  await expect(one.page.getByLabel('New password', { exact: true })).toHaveValue('');

  // This browser is still signed in, on the next page and the next API call.
  await one.page.reload();
  await expect(one.page.getByTestId('account-username')).toHaveText(username);
  expect((await (await one.page.request.get('/api/auth/session')).json()).user.name).toBe(username);

  // The other one is a signed-out visitor now, and signs in with the new password only.
  await expectSignedOut(two.page);
  const old = await signInViaApi(two.page.request, { username, password: PASSWORD });
  expect(old.headers()['location']).toContain('error');
  const fresh = await signInViaApi(two.page.request, { username, password: NEW_PASSWORD });
  expect(fresh.headers()['location']).not.toContain('error');
  await two.page.goto('/account');
  await expect(two.page.getByTestId('account-username')).toHaveText(username);
  await one.context.close();
  await two.context.close();
});

test('Sign out everywhere ends both browsers’ sessions, for the pages and for both checks', async ({ browser }) => {
  const username = uniqueName('soe');
  await register(username);
  const one = await signedInBrowser(browser, username);
  const two = await signedInBrowser(browser, username);
  const ownCheck = async (page: Page) =>
    (await (await page.request.post('/api/v1/iam/check-user-existence/', { data: { username } })).json()).reason as string;
  expect(await ownCheck(two.page)).toBe('own_username');
  // A signed-in non-admin gets a 403 from the v2 check; a signed-out visitor a 401.
  expect((await two.page.request.get('/api/v2/usernames/check/company/1/FB1234')).status()).toBe(403);

  await one.page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(one.page).toHaveURL(/\/login\?notice=everywhere$/);
  await expect(one.page.getByRole('status').filter({ hasText: 'signed out everywhere' })).toBeVisible();
  await expectSignedOut(one.page);

  // The other browser still holds its cookie, and it is worth nothing now.
  expect(await ownCheck(two.page)).toBe('taken');
  const v2 = await two.page.request.get('/api/v2/usernames/check/company/1/FB1234');
  expect(v2.status()).toBe(401);
  expect(v2.headers()['www-authenticate']).toContain('Bearer');
  await expectSignedOut(two.page);
  await one.context.close();
  await two.context.close();
});

test('an address is confirmed by its mailed link; Forgot password? mails a reset link that works once and ends every session', async ({ browser }) => {
  const username = uniqueName('rst');
  const email = `${username}@Example.test`;
  await register(username);
  const { context, page } = await signedInBrowser(browser, username);
  const other = await signedInBrowser(browser, username);

  await hydrated(page, '#email');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByRole('button', { name: 'Save email' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'confirmation link' })).toContainText(email);
  await expect(page.locator('#email-hint')).toContainText('not confirmed yet');
  const confirmation = await sink.waitFor(email, (m) => m.subject.includes('Confirm'));
  const verifyUrl = onServer(linkIn(confirmation, '/verify/'));

  await page.goto(verifyUrl);
  await expect(page.getByRole('heading', { name: 'Confirm your email address' })).toBeVisible();
  await expect(page.getByText(email)).toBeVisible();
  await expectNoSeriousViolations(page, '/verify/<token>');
  await shoot(page, 'verify');
  await page.getByRole('button', { name: 'Confirm email address' }).click();
  await expect(page.locator('main').getByRole('status')).toContainText(`${email} is confirmed`);
  await page.goto(verifyUrl);
  await expect(page.locator('main').getByRole('alert')).toContainText('has been used already');
  await expectNoSeriousViolations(page, '/verify/<used token>');
  await page.goto('/account');
  await expect(page.locator('#email-hint')).toContainText('is confirmed');
  await context.clearCookies();

  // Forgot password? from the sign-in page. The answer does not say whether the account exists.
  await page.goto('/login');
  await page.getByRole('link', { name: 'Forgot password?' }).click();
  await expect(page).toHaveURL(/\/reset$/);
  await hydrated(page, '#identifier');
  await expectNoSeriousViolations(page, '/reset');
  await shoot(page, 'forgot-password');
  await page.getByLabel('Username or email', { exact: true }).fill('nobody-has-this-name');
  await page.getByRole('button', { name: 'Send reset link' }).click();
  const answer = page.getByRole('status').filter({ hasText: 'reset link' });
  await expect(answer).toBeVisible();
  const unknownAnswer = await answer.textContent();
  await page.getByLabel('Username or email', { exact: true }).fill(email.toUpperCase());
  await page.getByRole('button', { name: 'Send reset link' }).click();
  await expect(answer).toHaveText(unknownAnswer!);
  await expectNoSeriousViolations(page, '/reset answered');
  await shoot(page, 'forgot-password-sent');

  const resetMail = await sink.waitFor(email, (m) => m.subject.includes('Reset'));
  const resetUrl = onServer(linkIn(resetMail, '/reset/'));
  await page.goto(resetUrl);
  await hydrated(page, '#new-password');
  await expect(page.getByText(`For ${username}`)).toBeVisible();
  await expectNoSeriousViolations(page, '/reset/<token>');
  await shoot(page, 'reset-password');
  await page.getByLabel('New password', { exact: true }).fill('short');
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.locator('#new-password-error')).toContainText('at least 8');
  await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page).toHaveURL(/\/login\?notice=reset$/);
  await expect(page.getByRole('status').filter({ hasText: 'new password is set' })).toBeVisible();

  // Every session of the person ended, the other browser's too; the new password signs in.
  await expectSignedOut(other.page);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);

  // The link worked once.
  await page.goto(resetUrl);
  await expect(page.locator('main').getByRole('alert')).toContainText('has been used already');
  await expect(page.getByLabel('New password', { exact: true })).toHaveCount(0);
  await expectNoSeriousViolations(page, '/reset/<used token>');
  await shoot(page, 'reset-password-used');
  await context.close();
  await other.context.close();
});

test('Delete account: the password is required, then the account is gone and its name held', async ({ browser }) => {
  const username = uniqueName('del');
  await register(username);
  const { context, page } = await signedInBrowser(browser, username);
  const other = await signedInBrowser(browser, username);
  await hydrated(page, '#delete-password');
  await expectNoSeriousViolations(page, '/account with the new sections');
  await shoot(page, 'account');
  // The page says how long the name stays held (USERNAME_HOLD_DAYS, default 30).
  await expect(page.getByText(`The username ${username} is then held for 30 days`)).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill('not the password');
  await page.getByRole('button', { name: 'Delete account' }).click();
  await expect(page.locator('#delete-password-error')).toHaveText('That is not your current password.');
  await expectNoSeriousViolations(page, '/account delete refused');
  await shoot(page, 'account-delete-refused');

  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Delete account' }).click();
  await expect(page).toHaveURL(/\/login\?notice=deleted$/);
  await expect(page.getByRole('status').filter({ hasText: 'Your account is deleted.' })).toBeVisible();
  await expectNoSeriousViolations(page, '/login after deletion');
  await shoot(page, 'login-notice');
  await expectSignedOut(page);
  await expectSignedOut(other.page);
  const again = await signInViaApi(page.request, { username, password: PASSWORD });
  expect(again.headers()['location']).toContain('error');
  const check = await page.request.post('/api/v1/iam/check-user-existence/', { data: { username } });
  // Held for nobody (the account is gone): not free for anyone until the hold ends.
  expect(await check.json()).toMatchObject({ available: false, reason: 'held' });
  await context.close();
  await other.context.close();
});

test('sign-in failures in a row make that account wait, whatever the address; the page says so without saying whether it exists', async ({ browser }) => {
  const username = uniqueName('thr');
  await register(username);
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  const attempt = async (name: string, password: string) => (await signInViaApi(page.request, { username: name, password })).headers()['location'] ?? '';
  for (const name of [username, uniqueName('nobody')]) {
    for (let i = 0; i < 5; i++) expect(await attempt(name, `wrong passphrase ${i}`)).toContain('code=credentials');
    // The sixth waits, even with the right password (counted in the main thread for Next's worker).
    expect(await attempt(name, PASSWORD)).toContain('code=account_wait');
  }
  await page.goto('/login?error=CredentialsSignin&code=account_wait');
  await expect(page.locator('main').getByRole('alert')).toContainText('too many failed attempts with this username');
  await context.close();
});

test('the username change on /account is limited to 5 an hour per account', async ({ browser }) => {
  const username = uniqueName('ren');
  await register(username);
  const { context, page } = await signedInBrowser(browser, username);
  await hydrated(page, '#username');
  const field = page.getByLabel('Username', { exact: true });
  for (let i = 1; i <= 5; i++) {
    const next = `${username}-${i}`;
    await field.fill(next);
    await page.getByRole('button', { name: 'Save username' }).click();
    await expect(page.getByTestId('account-username')).toHaveText(next);
  }
  await field.fill(`${username}-6`);
  await page.getByRole('button', { name: 'Save username' }).click();
  await expect(page.locator('main').getByRole('alert')).toContainText('5 times an hour');
  await page.reload();
  await expect(page.getByTestId('account-username')).toHaveText(`${username}-5`);
  await context.close();
});

test('60 simultaneous registrations from one address against the production build each get their real answer', async () => {
  const prefix = uniqueName('q');
  const started = Date.now();
  const statuses = await Promise.all(
    Array.from({ length: 60 }, (_, i) =>
      fetch(`${server.url}/api/v1/iam/register/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: `${prefix}-${i}`, password: PASSWORD }),
      }).then((res) => res.status),
    ),
  );
  expect(statuses).toEqual(Array(60).fill(201));
  console.log(`60 simultaneous registrations: all 201 in ${Date.now() - started} ms`);
});
