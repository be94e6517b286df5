import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page, Route } from '@playwright/test';
import { demoPassword, expect, signInViaApi, test, uniqueName } from '../support/fixtures';
import { CHECK_URL, gotoForm, SignupPage } from './signup-page';

// Pictures of each verdict state of /signup, and of /login and /account, at a phone's width and a
// desktop's, for people to look at (test-results/screenshots/). Each also checks the state it shows.

const DIR = join('test-results', 'screenshots');
const WIDTHS = [360, 1280] as const;

async function shoot(page: Page, name: string, width: number) {
  mkdirSync(DIR, { recursive: true });
  await page.screenshot({ path: join(DIR, `${name}-${width}.png`), fullPage: true });
}

for (const width of WIDTHS) {
  test.describe(`screenshots at ${width} px`, () => {
    test.use({ viewport: { width, height: 800 } });

    test('/signup in each verdict state', async ({ page }) => {
      const signup = new SignupPage(page);
      await signup.goto();
      const verdict = await signup.verdict();
      await shoot(page, 'signup-empty', width);

      // checking: the check is held until the picture is taken
      let release: (() => void) | undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const hold = async (route: Route) => {
        await held;
        await route.continue();
      };
      await page.route(CHECK_URL, hold);
      await signup.username.fill(uniqueName('wait'));
      await expect(verdict).toHaveText('Checking…');
      await page.waitForTimeout(400); // past the debounce: the request is in flight
      await expect(verdict).toHaveText('Checking…');
      await shoot(page, 'signup-checking', width);
      release!();
      await expect(verdict).toContainText('available');
      await page.unroute(CHECK_URL, hold);

      const states: [string, string, RegExp][] = [
        ['available', uniqueName('free'), /available/],
        ['taken', 'johndoe123', /taken/],
        ['similar', 'johndoel23', /too similar/],
        ['reserved', 'admin', /reserved/],
        ['invalid', 'john doe', /can't contain spaces/],
      ];
      for (const [state, name, text] of states) {
        await signup.username.fill(name);
        await expect(verdict).toHaveText(text);
        if (state === 'taken' || state === 'similar' || state === 'reserved') await expect(signup.suggestions).not.toHaveCount(0);
        await shoot(page, `signup-${state}`, width);
      }

      await page.route(CHECK_URL, (route) =>
        route.fulfill({ status: 429, headers: { 'retry-after': '30', 'content-type': 'application/problem+json' }, body: '{}' }),
      );
      await signup.username.fill(uniqueName('many'));
      await expect(verdict).toContainText('Too many checks');
      await signup.password.fill('password1');
      await expect(page.locator('#password-feedback')).toContainText('common');
      await shoot(page, 'signup-limited', width);
    });

    test('/login with its one message', async ({ page }) => {
      await gotoForm(page, '/login');
      await shoot(page, 'login', width);
      await page.getByLabel('Username', { exact: true }).fill('johndoe123');
      await page.getByLabel('Password', { exact: true }).fill('wrong-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(1);
      await shoot(page, 'login-failed', width);
    });

    test('/account', async ({ page }) => {
      await signInViaApi(page.request, { username: 'johndoe123', password: demoPassword('johndoe123') });
      await gotoForm(page, '/account');
      await expect(page.getByTestId('account-username')).toHaveText('johndoe123');
      await shoot(page, 'account', width);
      await page.getByLabel('Username', { exact: true }).fill('JohnDoe123');
      await expect(page.getByRole('status').filter({ hasText: 'your current username' })).toContainText('available');
      await shoot(page, 'account-own-name', width);
    });
  });
}
