import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { demoPassword, expect, signInViaApi, test } from '../support/fixtures';
import { gotoForm, hydrated, verdictOf } from './signup-page';

// The contract's `language` row in Chromium: the page's language from Accept-Language (Playwright's
// `locale`), overridden by the picker's cookie; `<html lang dir>`; the signup's field label and the
// live verdict in that language; axe clean in each; and pictures of the main screens in German and
// Arabic at a phone's width and a desktop's (test-results/screenshots/), for people to look at.

const LANGUAGES = {
  de: { usernameLabel: 'Benutzername', taken: 'vergeben', suggestions: 'Vorschläge', picker: 'Sprache', apply: 'Übernehmen', dir: 'ltr' },
  ar: { usernameLabel: 'اسم المستخدم', taken: 'مأخوذ', suggestions: 'اقتراحات', picker: 'اللغة', apply: 'تطبيق', dir: 'rtl' },
} as const;
type Language = keyof typeof LANGUAGES;

const DIR = join('test-results', 'screenshots');

async function shoot(page: Page, name: string) {
  mkdirSync(DIR, { recursive: true });
  await page.screenshot({ path: join(DIR, `${name}.png`), fullPage: true });
}

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  expect(serious, `${label}:\n${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

async function expectHtml(page: Page, lang: string, dir: string) {
  await expect(page.locator('html')).toHaveAttribute('lang', lang);
  await expect(page.locator('html')).toHaveAttribute('dir', dir);
}

/** /signup with johndoe123 typed: the taken verdict and its suggestions, in the page's language. */
async function takenVerdict(page: Page, language: Language) {
  const { usernameLabel, taken, suggestions } = LANGUAGES[language];
  const field = page.getByLabel(usernameLabel, { exact: true });
  await field.fill('johndoe123');
  const verdict = await verdictOf(field);
  await expect(verdict).toContainText(taken);
  const buttons = page.getByRole('group', { name: suggestions }).getByRole('button');
  await expect(buttons).not.toHaveCount(0);
  // The suggestions are Latin names: isolated, so they read left to right inside Arabic too.
  await expect(buttons.first().locator('bdi')).toHaveText(/^johndoe123/);
  return verdict;
}

test.describe('languages: Accept-Language', () => {
  for (const language of ['de', 'ar'] as const) {
    test.describe(language, () => {
      test.use({ locale: language });

      test(`/signup speaks ${language}, with <html lang dir>, the label and a taken verdict`, async ({ page }) => {
        await gotoForm(page, '/signup');
        await expectHtml(page, language, LANGUAGES[language].dir);
        await expect(page.getByLabel(LANGUAGES[language].picker)).toHaveValue(language);
        await takenVerdict(page, language);
        await expectNoSeriousViolations(page, `/signup ${language} taken`);
      });

      test(`the format rule is said in ${language} in the browser, and a pinned English text is not`, async ({ page }) => {
        await gotoForm(page, '/signup');
        const field = page.getByLabel(LANGUAGES[language].usernameLabel, { exact: true });
        await field.fill('ab');
        const verdict = await verdictOf(field);
        await expect(verdict).toContainText('3');
        await expect(verdict).not.toContainText('Use at least');
      });

      test(`/, /login, /login/acme, /docs, the 404 page, /account and /admin pass axe in ${language}`, async ({ page }) => {
        for (const path of ['/', '/login', '/login/acme', '/docs', '/no-such-page']) {
          await page.goto(path);
          await expectHtml(page, language, LANGUAGES[language].dir);
          await expectNoSeriousViolations(page, `${path} ${language}`);
        }
        await signInViaApi(page.request, { username: 'acme-admin', password: demoPassword('acme-admin') });
        for (const path of ['/account', '/admin']) {
          await gotoForm(page, path);
          await expectHtml(page, language, LANGUAGES[language].dir);
          await expectNoSeriousViolations(page, `${path} ${language}`);
        }
      });
    });
  }
});

test.describe('languages: the picker', () => {
  test('sets a cookie that beats Accept-Language, on every page, and can go back to English', async ({ page, context }) => {
    await gotoForm(page, '/signup');
    await expectHtml(page, 'en', 'ltr');
    await expect(page.getByLabel('Username', { exact: true })).toBeVisible();
    const picker = page.getByLabel('Language');
    await expect(picker.locator('option')).toHaveText(['English', 'German', 'Arabic']);
    expect(await picker.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value))).toEqual(['en', 'de', 'ar']);

    await picker.selectOption('ar');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expectHtml(page, 'ar', 'rtl');
    await expect(page.getByLabel('اسم المستخدم', { exact: true })).toBeVisible();
    const cookie = (await context.cookies()).find((c) => c.name === 'NEXT_LOCALE');
    expect(cookie?.value).toBe('ar');
    // The options are now named in Arabic.
    await expect(page.getByLabel('اللغة').locator('option')).toHaveText(['الإنجليزية', 'الألمانية', 'العربية']);
    await hydrated(page);
    await takenVerdict(page, 'ar');

    // Another page, the same language: the cookie holds.
    await page.goto('/login');
    await expectHtml(page, 'ar', 'rtl');

    await page.getByLabel('اللغة').selectOption('de');
    await page.getByRole('button', { name: 'تطبيق' }).click();
    await expectHtml(page, 'de', 'ltr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Anmelden');

    await page.getByLabel('Sprache').selectOption('en');
    await page.getByRole('button', { name: 'Übernehmen' }).click();
    await expectHtml(page, 'en', 'ltr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
  });

  test.describe('over Accept-Language', () => {
    test.use({ locale: 'de' });
    test('the cookie wins', async ({ page, context, baseURL }) => {
      await context.addCookies([{ name: 'NEXT_LOCALE', value: 'ar', url: baseURL! }]);
      await page.goto('/signup');
      await expectHtml(page, 'ar', 'rtl');
    });
  });
});

test.describe('languages: the layout mirrors in Arabic', () => {
  test.use({ locale: 'ar', viewport: { width: 1280, height: 800 } });
  test('the brand sits on the right, the picker on the left, and a Latin name keeps its order', async ({ page }) => {
    await gotoForm(page, '/signup');
    const brand = await page.locator('.site-header .brand').boundingBox();
    const picker = await page.locator('.language-picker').boundingBox();
    expect(brand!.x).toBeGreaterThan(picker!.x);
    await signInViaApi(page.request, { username: 'johndoe123', password: demoPassword('johndoe123') });
    await gotoForm(page, '/account');
    await expect(page.getByTestId('account-username')).toHaveText('johndoe123');
    await expect(page.getByTestId('account-username').locator('bdi')).toHaveText('johndoe123');
  });
});

for (const language of ['de', 'ar'] as const) {
  for (const width of [360, 1280] as const) {
    test.describe(`screenshots in ${language} at ${width} px`, () => {
      test.use({ locale: language, viewport: { width, height: 800 } });

      test(`/signup taken, /login/acme, /account and /admin in ${language}`, async ({ page }) => {
        await gotoForm(page, '/signup');
        await takenVerdict(page, language);
        await shoot(page, `i18n-${language}-signup-taken-${width}`);

        await page.goto('/login/acme');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme');
        await shoot(page, `i18n-${language}-login-acme-${width}`);

        await signInViaApi(page.request, { username: 'acme-admin', password: demoPassword('acme-admin') });
        await gotoForm(page, '/account');
        await expectHtml(page, language, LANGUAGES[language].dir);
        await shoot(page, `i18n-${language}-account-${width}`);

        await gotoForm(page, '/admin');
        await expect(page.getByTestId('company-acme')).toBeVisible();
        await shoot(page, `i18n-${language}-admin-${width}`);
      });
    });
  }
}
