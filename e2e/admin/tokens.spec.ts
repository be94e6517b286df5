import { spawnSync } from 'node:child_process';
import { cliJson } from '../support/cli';
import { demoPassword, expect, test, uniqueName } from '../support/fixtures';
import { CompanyAdminPage, signIn } from './admin-page';

/** The v2 check as an external system calls it: curl with a Bearer token. */
function curlCheck(baseUrl: string, token: string, name: string): { status: number; body: string } {
  const result = spawnSync(
    'curl',
    ['-sS', '-o', '-', '-w', '\n%{http_code}', '-H', `Authorization: Bearer ${token}`, `${baseUrl}/api/v2/usernames/check/company/1/${encodeURIComponent(name)}`],
    { encoding: 'utf8' },
  );
  expect(result.status, result.stderr).toBe(0);
  const lines = result.stdout.trimEnd().split('\n');
  return { status: Number(lines.pop()), body: lines.join('\n') };
}

test("a token's name stops at the length the server accepts", async ({ page }) => {
  await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
  const admin = new CompanyAdminPage(page);
  await admin.goto();
  const section = admin.section('API tokens');
  const name = `${uniqueName('long')}-`.padEnd(101, 'x');
  await section.getByLabel('Token name').pressSequentially(name);
  await expect(section.getByLabel('Token name')).toHaveValue(name.slice(0, 100));
  await section.getByRole('button', { name: 'Create token' }).click();
  await expect(section.getByTestId('new-token')).toBeVisible();
  await expect(section.locator('tbody tr', { hasText: name.slice(0, 100) })).toHaveCount(1);
});

test('a token created on the screen works with curl on the v2 endpoint, and stops working once revoked there', async ({ page, baseURL }) => {
  const name = uniqueName('tok');
  await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
  const admin = new CompanyAdminPage(page);
  await admin.goto();
  const section = admin.section('API tokens');
  await section.getByLabel('Token name').fill(name);
  await section.getByRole('button', { name: 'Create token' }).click();
  const token = (await section.getByTestId('new-token').textContent())!;
  expect(token).toMatch(/^nc_[A-Za-z0-9_-]{43}$/);
  await expect(section.getByRole('button', { name: 'Copy token' })).toBeVisible();

  const row = section.locator('tbody tr', { hasText: name });
  await expect(row).toContainText(token.slice(0, 9));
  await expect(row).toContainText('never');

  const ok = curlCheck(baseURL!, token, 'FB12345');
  expect(ok.status).toBe(200);
  expect(JSON.parse(ok.body)).toMatchObject({ company_id: '1', company_username: 'FB12345', is_available: false, message: 'Username "FB12345" is already taken for this company' });

  // Listed as used now, and the token itself is never shown again.
  await page.reload();
  await expect(row).not.toContainText('never');
  await expect(page.getByText(token)).toHaveCount(0);

  await row.getByRole('button', { name: /^Revoke/ }).click();
  await expect(row).toContainText('Revoked');
  const refused = curlCheck(baseURL!, token, 'FB12345');
  expect(refused.status).toBe(401);
  await expect(admin.section('Recent admin actions')).toContainText(`acme-admin revoked API token ${token.slice(0, 9)}`);
});

test('the token list shows each token\'s expiry and last use, and a token past its expiry as expired', async ({ page, baseURL }) => {
  const name = uniqueName('exp');
  await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
  const admin = new CompanyAdminPage(page);
  await admin.goto();
  const section = admin.section('API tokens');
  await section.getByLabel('Token name').fill(name);
  await expect(section.getByLabel('Expires')).toHaveValue('never');
  await section.getByLabel('Expires').selectOption({ label: 'In 30 days' });
  const before = Date.now();
  await section.getByRole('button', { name: 'Create token' }).click();
  const token = (await section.getByTestId('new-token').textContent())!;
  await expect(section).toContainText('It stops working on');
  const after = Date.now();

  const row = section.locator('tbody tr', { hasText: name });
  const expires = Date.parse((await row.locator('td[data-label="Expires"] time').getAttribute('datetime'))!);
  expect(expires).toBeGreaterThanOrEqual(before + 30 * 86_400_000 - 1000);
  expect(expires).toBeLessThanOrEqual(after + 30 * 86_400_000 + 1000);
  await expect(row.locator('td[data-label="Last used"]')).toHaveText('never');
  await expect(row.getByRole('button', { name: /^Revoke/ })).toBeVisible();

  expect(curlCheck(baseURL!, token, 'FB12345').status).toBe(200);
  await page.reload();
  const used = Date.parse((await row.locator('td[data-label="Last used"] time').getAttribute('datetime'))!);
  expect(used).toBeGreaterThanOrEqual(after - 60_000);

  // A token made with the CLI that expires in a moment: listed as expired, with nothing left to revoke.
  const soon = uniqueName('soon');
  const expiring = cliJson<{ token: string; expiresAt: string }>(['token', 'create', '--company', '1', '--name', soon, '--expires-at', new Date(Date.now() + 2_000).toISOString()]);
  await page.waitForTimeout(Math.max(0, Date.parse(expiring.expiresAt) - Date.now()) + 1_000);
  await page.reload();
  const expiredRow = section.locator('tbody tr', { hasText: soon });
  await expect(expiredRow.locator('td[data-label="Status"]')).toHaveText(/^Expired on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
  await expect(expiredRow.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
  expect(curlCheck(baseURL!, expiring.token, 'FB12345').status).toBe(401);
});

test('a platform admin sees the platform tokens on /admin and revokes one; a company admin sees none', async ({ page, baseURL, browser }) => {
  const name = uniqueName('plat');
  const platform = cliJson<{ id: number; token: string }>(['token', 'create', '--platform', '--name', name, '--expires-in-days', '365']);
  expect(curlCheck(baseURL!, platform.token, 'FB12345').status).toBe(200);

  // A company admin: no platform tokens anywhere on the page.
  const other = await browser.newContext();
  const companyAdmin = await other.newPage();
  await signIn(companyAdmin.request, 'acme-admin', demoPassword('acme-admin'));
  await companyAdmin.goto('/admin');
  await expect(companyAdmin.getByRole('heading', { name: 'Acme' })).toBeVisible();
  await expect(companyAdmin.getByRole('region', { name: 'Platform tokens' })).toHaveCount(0);
  await expect(companyAdmin.getByText(name)).toHaveCount(0);
  await other.close();

  await signIn(page.request, 'admin', demoPassword('admin'));
  await page.goto('/admin');
  const section = page.getByRole('region', { name: 'Platform tokens' });
  const row = section.locator('tbody tr', { hasText: name });
  await expect(row).toContainText(platform.token.slice(0, 9));
  await expect(row.locator('td[data-label="Expires"] time')).toHaveCount(1);
  await expect(row.locator('td[data-label="Last used"] time')).toHaveCount(1);
  await row.getByRole('button', { name: /^Revoke/ }).click();
  await expect(row.locator('td[data-label="Status"]')).toContainText('Revoked');
  expect(curlCheck(baseURL!, platform.token, 'FB12345').status).toBe(401);
});
