import type { Page, Response } from '@playwright/test';
import { demoPassword, expect, test, uniqueName } from '../support/fixtures';
import { hydrated, SignupPage } from './signup-page';

// Every page answers with a Content-Security-Policy that allows only the scripts carrying this
// request's nonce, and the page still works under it: no violation, the page hydrates.

/** Collects CSP violations and console complaints about the policy, from the page's first script on. */
async function watchPolicy(page: Page): Promise<() => Promise<string[]>> {
  const complaints: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) complaints.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => complaints.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __violations: string[] }).__violations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return async () => [...complaints, ...(await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []))];
}

function expectSecurityHeaders(response: Response | null): string {
  expect(response).not.toBeNull();
  const headers = response!.headers();
  const policy = headers['content-security-policy'] ?? '';
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).toMatch(/script-src [^;]*'nonce-[A-Za-z0-9+/=]{22,}'/);
  expect(policy).not.toContain('unsafe-inline');
  expect(policy).not.toContain('unsafe-eval');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  return policy;
}

async function signIn(page: Page, username: string, then: string): Promise<void> {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(then)}`);
  await hydrated(page);
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(demoPassword(username));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${then}$`));
}

test.describe('security headers and the Content-Security-Policy', () => {
  for (const path of ['/', '/docs', '/login', '/login/acme', '/login/no-such-company', '/setup/not-a-real-token', '/no-such-page']) {
    test(`${path}: the headers, a fresh nonce per request, no violation`, async ({ page }) => {
      const violations = await watchPolicy(page);
      const first = expectSecurityHeaders(await page.goto(path));
      const second = expectSecurityHeaders(await page.goto(path));
      expect(second).not.toBe(first);
      // The page's own scripts ran (React hydrated the document) under the policy.
      await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith('__react')));
      expect(await violations()).toEqual([]);
    });
  }

  test('/signup: the live username check still works under the policy', async ({ page }) => {
    const violations = await watchPolicy(page);
    const signup = new SignupPage(page);
    expectSecurityHeaders(await page.goto('/signup'));
    await hydrated(page);
    await signup.username.fill('johndoe123');
    await expect(await signup.verdict()).toContainText('taken');
    await signup.username.fill(uniqueName('csp'));
    await expect(await signup.verdict()).toContainText('available');
    expect(await violations()).toEqual([]);
  });

  test('/account after signing in through the form, with no violation', async ({ page }) => {
    const violations = await watchPolicy(page);
    await signIn(page, 'johndoe123', '/account');
    expectSecurityHeaders(await page.reload());
    await expect(page.getByTestId('account-username')).toHaveText('johndoe123');
    await hydrated(page);
    expect(await violations()).toEqual([]);
  });

  test('/admin and a company page for its admin, with no violation', async ({ page }) => {
    const violations = await watchPolicy(page);
    await signIn(page, 'admin', '/admin');
    expectSecurityHeaders(await page.reload());
    expectSecurityHeaders(await page.goto('/admin/companies/1'));
    await page.waitForFunction(() => Object.keys(document.body).some((key) => key.startsWith('__react')));
    expect(await violations()).toEqual([]);
  });

  test('no page can be framed', async ({ page }) => {
    // A page of another origin (a data: URL) framing /login: the browser refuses to show it.
    await page.goto('/');
    const origin = new URL(page.url()).origin;
    await page.setContent(`<iframe id="f" src="${origin}/login"></iframe>`);
    const frame = page.frameLocator('#f');
    await page.waitForTimeout(1_000);
    await expect(frame.getByLabel('Username', { exact: true })).toHaveCount(0);
  });
});
