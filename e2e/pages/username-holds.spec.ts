import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { expect, signInViaApi, test, uniqueName } from '../support/fixtures';
import { startServer } from '../support/server';
import { gotoForm, SignupPage, verdictOf } from './signup-page';

// Issue 17's Chromium acceptance, the person's side: a rename on /account holds the old name; on
// /signup someone else sees it `held` (with the date) and a look-alike `similar`; its owner sees it
// as theirs and takes it back. With USERNAME_HOLD_DAYS=0 the old name is free at once.

const PASSWORD = 'correct horse battery staple';
const CHECK = '/api/v1/iam/check-user-existence/';
const DAY_MS = 24 * 60 * 60 * 1000;
const SHOTS = process.env.E2E_SCREENSHOT_DIR ?? join('test-results', 'username-holds');

/** The English long date (`{until, date, long}` in UTC) of every moment in [from, to]: the hold's end lies in it. */
function longDatesBetween(from: number, to: number, locale = 'en-US'): string[] {
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  return [...new Set([format.format(new Date(from)), format.format(new Date(to))])];
}

function oneOf(texts: string[]): RegExp {
  return new RegExp(texts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
}

/** A new person, registered through the API and signed in in `page`'s context. */
async function signedInNewUser(page: Page, prefix: string): Promise<string> {
  const username = uniqueName(prefix);
  const created = await page.request.post('/api/v1/iam/register/', { data: { username, password: PASSWORD } });
  expect(created.status()).toBe(201);
  await signInViaApi(page.request, { username, password: PASSWORD });
  return username;
}

/** Renames on /account through the form, and returns the status message the page shows. */
async function renameOnAccount(page: Page, to: string): Promise<Locator> {
  await gotoForm(page, '/account');
  const field = page.getByLabel('Username', { exact: true });
  const verdict = await verdictOf(field);
  await field.fill(to);
  await expect(verdict).toContainText('available');
  await page.getByRole('button', { name: 'Save username' }).click();
  await expect(page.getByTestId('account-username')).toHaveText(to);
  return page.getByRole('status').filter({ hasText: 'Saved.' });
}

/** The verdict's look (data-state on its box, which the CSS colours by). */
function stateOf(verdict: Locator): Locator {
  return verdict.locator('xpath=..');
}

/** The same characters with a `.` in the middle: the same similarity key (separators count as one). */
function lookAlike(name: string): string {
  const middle = Math.floor(name.length / 2);
  return `${name.slice(0, middle)}.${name.slice(middle)}`;
}

async function signedOutContext(browser: Browser, baseURL?: string, language?: string): Promise<BrowserContext> {
  return browser.newContext({ ...(baseURL ? { baseURL } : {}), ...(language ? { locale: language } : {}) });
}

test.describe('username holds on /account and /signup', () => {
  test('a rename holds the old name: held for others, a look-alike similar, theirs to take back', async ({ page, browser }) => {
    mkdirSync(SHOTS, { recursive: true });
    const old = await signedInNewUser(page, 'hold');
    const renamedTo = uniqueName('moved');

    const before = Date.now();
    const saved = await renameOnAccount(page, renamedTo);
    const after = Date.now();
    const until = longDatesBetween(before + 30 * DAY_MS, after + 30 * DAY_MS);
    // The page says until when the old name is held, and that it can be taken back.
    await expect(saved).toContainText(`Your old name ${old} is held for you until`);
    await expect(saved).toContainText(oneOf(until));
    await expect(saved).toContainText('you can take it back');
    const heldList = page.getByRole('region', { name: 'Names held for you' });
    await expect(heldList.getByRole('listitem')).toHaveCount(1);
    await expect(heldList.getByRole('listitem')).toContainText(old);
    await expect(heldList.getByRole('listitem')).toContainText(oneOf(until.map((d) => `held for you until ${d}`)));
    // The delete text says how long the names stay held (USERNAME_HOLD_DAYS, default 30).
    await expect(page.getByText(/is then held for 30 days/)).toBeVisible();
    await page.screenshot({ path: join(SHOTS, 'account-after-rename.png'), fullPage: true });

    // Someone else, signed out, on /signup.
    const other = await signedOutContext(browser);
    try {
      const signupPage = await other.newPage();
      const signup = new SignupPage(signupPage);
      await signup.goto();
      let verdict = await signup.typeName(old);
      await expect(verdict).toHaveText(oneOf(until.map((d) => `That username was given up recently and is held until ${d}.`)));
      await expect(stateOf(verdict)).toHaveAttribute('data-state', 'held');
      await expect(signup.username).toHaveAttribute('aria-invalid', 'true');
      await expect(signup.suggestions).toHaveCount(0);
      await signupPage.screenshot({ path: join(SHOTS, 'signup-held.png'), fullPage: true });

      // The same name in another case is the same name: held.
      verdict = await signup.typeName(old.toUpperCase());
      await expect(stateOf(verdict)).toHaveAttribute('data-state', 'held');
      // A look-alike is too similar to it.
      verdict = await signup.typeName(lookAlike(old));
      await expect(stateOf(verdict)).toHaveAttribute('data-state', 'similar');
      await expect(verdict).toContainText('too similar');

      // Submitting the held name is refused by the server; the refusal (formatted in the browser from
      // its key and the `until` milliseconds) still says until when.
      await signup.username.fill(old);
      await signup.password.fill(PASSWORD);
      await signup.submit.click();
      await expect(signupPage).toHaveURL(/\/signup$/);
      verdict = await signup.verdict();
      await expect(verdict).toHaveText(oneOf(until.map((d) => `That username was given up recently and is held until ${d}.`)));
      expect((await other.request.post(CHECK, { data: { username: old } }).then((r) => r.json())).reason).toBe('held');
    } finally {
      await other.close();
    }

    // For its owner, signed in, the old name is theirs: the v1 check and /account's field say so.
    const own = await page.request.post(CHECK, { data: { username: old } });
    expect(await own.json()).toMatchObject({ available: true, reason: 'own_username' });
    await gotoForm(page, '/account');
    const field = page.getByLabel('Username', { exact: true });
    const verdict = await verdictOf(field);
    await field.fill(old);
    await expect(stateOf(verdict)).toHaveAttribute('data-state', 'own_username');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    // The take-back: the old name is theirs again, and the one they leave is held for them now.
    await page.getByRole('button', { name: 'Save username' }).click();
    await expect(page.getByTestId('account-username')).toHaveText(old);
    await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toContainText(`Your old name ${renamedTo} is held for you until`);
    await expect(page.getByRole('region', { name: 'Names held for you' }).getByRole('listitem')).toHaveText([new RegExp(renamedTo)]);
  });

  for (const [language, label, heldUntil] of [
    ['de', 'Benutzername', (d: string) => `ist bis zum ${d} gesperrt`],
    ['ar', 'اسم المستخدم', (d: string) => `محجوز حتى ${d}`],
  ] as const) {
    test(`the held verdict gives the date in ${language}, live and after a submit`, async ({ page, browser }) => {
      const old = await signedInNewUser(page, `hold${language}`);
      const before = Date.now();
      await renameOnAccount(page, uniqueName('moved'));
      const after = Date.now();
      // The browser's own long date in that language (its digits included) is what the page must show.
      const other = await signedOutContext(browser, undefined, language);
      try {
        const signupPage = await other.newPage();
        await gotoForm(signupPage, '/signup');
        const dates = await signupPage.evaluate(
          ([from, to, lang]) => {
            const format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' });
            return [...new Set([format.format(new Date(from)), format.format(new Date(to))])];
          },
          [before + 30 * DAY_MS, after + 30 * DAY_MS, language] as const,
        );
        const nodeDates = longDatesBetween(before + 30 * DAY_MS, after + 30 * DAY_MS, language);
        const expected = oneOf([...dates, ...nodeDates].map(heldUntil));
        const username = signupPage.getByLabel(label, { exact: true });
        await username.fill(old);
        const verdict = await verdictOf(username);
        await expect(stateOf(verdict)).toHaveAttribute('data-state', 'held');
        await expect(verdict).toHaveText(expected);
        await signupPage.locator('#password').fill(PASSWORD);
        await signupPage.locator('main form button[type="submit"]').click();
        await expect(stateOf(verdict)).toHaveAttribute('data-state', 'held');
        await expect(verdict).toHaveText(expected);
        await expect(verdict).not.toContainText('{');
        if (language === 'ar') await signupPage.screenshot({ path: join(SHOTS, 'signup-held-ar.png'), fullPage: true });
      } finally {
        await other.close();
      }
    });
  }
});

test.describe('username holds off (USERNAME_HOLD_DAYS=0)', () => {
  test('after a rename the old name is available on /signup at once', async ({ browser }) => {
    const server = await startServer({
      port: Number(process.env.E2E_HOLDS_OFF_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1),
      env: { USERNAME_HOLD_DAYS: '0', RATE_LIMIT_CHECKS_PER_MINUTE: '0', RATE_LIMIT_REGISTRATIONS_PER_MINUTE: '0', LOG_REQUESTS: '0' },
    });
    const owner = await signedOutContext(browser, server.url);
    const other = await signedOutContext(browser, server.url);
    try {
      const page = await owner.newPage();
      const old = await signedInNewUser(page, 'free');
      const saved = await renameOnAccount(page, uniqueName('moved'));
      await expect(saved).toContainText(`Your old name ${old} is free now`);
      await expect(page.getByRole('region', { name: 'Names held for you' })).toHaveCount(0);
      await expect(page.getByText(/becomes free for anyone/)).toBeVisible();

      const signup = new SignupPage(await other.newPage());
      await signup.goto();
      const verdict = await signup.typeName(old);
      await expect(stateOf(verdict)).toHaveAttribute('data-state', 'available');
      await expect(verdict).toContainText('available');
    } finally {
      await owner.close();
      await other.close();
      await server.stop();
    }
  });
});
