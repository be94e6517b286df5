import { spawnSync } from 'node:child_process';
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
