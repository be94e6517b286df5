import type { APIRequestContext, Page } from '@playwright/test';
import { cliJson } from '../support/cli';
import { demoPassword, expect, test, uniqueName } from '../support/fixtures';
import { PASSWORD, cliUser, signIn } from './admin-page';

// Everyone but Acme's admins and the platform admins: no Acme data on /admin, a 404 from every
// Acme admin page and route. (The server actions behind the buttons are covered by the unit tests
// of lib/companies/access.ts, which every action passes the session user to.)

const ACME_PATHS = ['/admin/companies/1', '/admin/companies/1?q=FB', '/admin/companies/1/members.csv'];
const ACME_DATA = /FB12345|johndoe123|acme-admin|Acme|\/login\/acme/;

async function expectNoAcmeAdminData(page: Page, request: APIRequestContext) {
  const res = await page.goto('/admin');
  expect(res?.status()).toBe(200);
  await expect(page).toHaveURL(/\/admin$/);
  const html = await res!.text();
  expect(html).not.toMatch(ACME_DATA);
  await expect(page.getByText('You do not administer any company')).toBeVisible();

  for (const path of ACME_PATHS) {
    const answer = await request.get(path, { maxRedirects: 0 });
    expect(answer.status(), path).toBe(404);
    expect(await answer.text(), path).not.toMatch(ACME_DATA);
  }
  for (const path of ['/admin/companies/1/import/preview', '/admin/companies/1/import/apply']) {
    const answer = await request.post(path, {
      headers: { 'content-type': 'text/csv', origin: new URL(page.url()).origin },
      data: 'username,company_username\njohndoe123,HACKED\n,HACKED-2\n',
    });
    expect(answer.status(), path).toBe(404);
    expect(await answer.text(), path).not.toMatch(ACME_DATA);
  }
  const slug = await request.get('/admin/slug-check?slug=acme');
  expect(slug.status()).toBe(404);
  // Nothing changed: johndoe123 still has FB12345, and HACKED-2 was not created.
  const acme = cliJson<{ token: string }>(['token', 'create', '--company', '1', '--name', 'access-spec']);
  const check = await request.get('/api/v2/usernames/check/company/1/HACKED-2', { headers: { authorization: `Bearer ${acme.token}` } });
  expect((await check.json()).is_available).toBe(true);
}

test.describe('who gets admin data', () => {
  test('signed out: /admin and company pages send the person to sign in and back', async ({ page }) => {
    await page.goto('/admin');
    await expect(page).toHaveURL(/\/login\?callbackUrl=\/admin$/);
    await page.goto('/admin/companies/1');
    await expect(page).toHaveURL(/\/login\?callbackUrl=\/admin\/companies\/1$/);
    const csv = await page.request.get('/admin/companies/1/members.csv', { maxRedirects: 0 });
    expect(csv.status()).toBe(404);
  });

  test('a member of Acme (johndoe123) gets no admin data', async ({ page }) => {
    await signIn(page.request, 'johndoe123', demoPassword('johndoe123'));
    await expectNoAcmeAdminData(page, page.request);
  });

  test('an outsider (a fresh user) gets no admin data', async ({ page }) => {
    const outsider = cliUser('outsider');
    await signIn(page.request, outsider.username, PASSWORD);
    await expectNoAcmeAdminData(page, page.request);
  });

  test('an admin of another company sees that company only', async ({ page }) => {
    const slug = uniqueName('co').toLowerCase();
    const company = cliJson<{ id: number }>(['company', 'create', '--name', `Other ${slug}`, '--slug', slug]);
    const admin = cliUser('otheradmin', { company: company.id, role: 'admin' });
    await signIn(page.request, admin.username, PASSWORD);
    const res = await page.goto('/admin');
    const html = await res!.text();
    expect(html).not.toMatch(ACME_DATA);
    await expect(page.getByRole('heading', { name: `Other ${slug}` })).toBeVisible();
    await expect(page.getByLabel(`Company username for ${admin.username}`)).toBeVisible();
    for (const path of ACME_PATHS) expect((await page.request.get(path)).status(), path).toBe(404);
    expect((await page.request.get(`/admin/companies/${company.id}/members.csv`)).status()).toBe(200);
    // A company id that does not exist answers like one that is not yours.
    expect((await page.request.get('/admin/companies/999999')).status()).toBe(404);
    expect((await page.request.get('/admin/companies/abc')).status()).toBe(404);
  });

  test('a cross-site POST to the import is refused even for an admin', async ({ page }) => {
    await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
    const answer = await page.request.post('/admin/companies/1/import/apply', {
      headers: { 'content-type': 'text/plain', origin: 'https://evil.example' },
      data: 'username,company_username\n,EVIL-1\n',
    });
    expect(answer.status()).toBe(403);
  });

  test("Acme's admin gets the export, in the import's format", async ({ page }) => {
    await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
    const res = await page.request.get('/admin/companies/1/members.csv');
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    expect(res.headers()['content-disposition']).toContain('acme-members.csv');
    const text = await res.text();
    expect(text.split('\r\n')[0]).toBe('username,company_username,role');
    expect(text).toContain('johndoe123,FB12345,member');
    expect(text).toContain('acme-admin,,admin');
  });
});
