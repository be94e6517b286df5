import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { demoPassword, expect, test } from '../support/fixtures';
import { signIn } from './admin-page';

// Pictures of /admin and /login/acme at a phone's width and a desktop's (test-results/screenshots/),
// each checked for serious accessibility problems and for the state it shows.

const DIR = join('test-results', 'screenshots');

async function shoot(page: Page, name: string, width: number) {
  mkdirSync(DIR, { recursive: true });
  await page.screenshot({ path: join(DIR, `${name}-${width}.png`), fullPage: true });
}

async function expectNoSeriousViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  expect(serious, `${label}:\n${JSON.stringify(serious, null, 2)}`).toEqual([]);
}

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const width of [1280, 360] as const) {
  test.describe(`at ${width} px`, () => {
    test.use({ viewport: { width, height: 900 } });

    test('/admin as Acme’s admin', async ({ page }) => {
      await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
      await page.goto('/admin/companies/1?q=FB12', { waitUntil: 'networkidle' });
      const field = page.getByLabel('Company username for johndoe123');
      await expect(field).toHaveValue('FB12345');
      await field.fill('FB1234');
      await expect(page.locator('tr', { has: field }).getByRole('status')).toHaveText('Username "FB1234" is available for this company');
      await expectNoSidewaysScroll(page);
      await expectNoSeriousViolations(page, `/admin/companies/1 at ${width}`);
      await page.goto('/admin', { waitUntil: 'networkidle' });
      await expect(page.getByRole('heading', { name: 'Acme' })).toBeVisible();
      await expectNoSidewaysScroll(page);
      await expectNoSeriousViolations(page, `/admin at ${width}`);
      await shoot(page, 'admin', width);
    });

    test('/login/acme, and after a failed attempt', async ({ page }) => {
      await page.goto('/login/acme', { waitUntil: 'networkidle' });
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme');
      await expectNoSeriousViolations(page, `/login/acme at ${width}`);
      await shoot(page, 'login-acme', width);
      await page.getByLabel('Username', { exact: true }).fill('FB12345');
      await page.getByLabel('Password', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(1);
      await expectNoSidewaysScroll(page);
      await expectNoSeriousViolations(page, `/login/acme failed at ${width}`);
      await shoot(page, 'login-acme-failed', width);
    });
  });
}
