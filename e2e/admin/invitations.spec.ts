import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { cliJson } from '../support/cli';
import { demoPassword, expect, test, uniqueName } from '../support/fixtures';
import { gotoForm, hydrated } from '../pages/signup-page';
import { ACME_ID, CompanyAdminPage, PASSWORD, cliUser, signIn, uniqueCompanyUsername } from './admin-page';

// Issue 15: an admin no longer adds an existing global user to the company; they invite them
// (`Global username`, `Invite`), and the person becomes a member only by accepting on /account.

const DIR = join('test-results', 'screenshots');

function inviteForm(page: Page) {
  return page.getByRole('form', { name: 'Invite an existing user' });
}

/**
 * The admin invites `username` on the company's admin page, optionally offering a company username;
 * with `shoot`, pictures of the filled form (before) and of its answer (after) under test-results/.
 */
async function invite(page: Page, username: string, companyUsername?: string, shoot?: string) {
  const form = inviteForm(page);
  await hydrated(page, `form[aria-labelledby="invite-${ACME_ID}-title"]`);
  await form.getByLabel('Global username').fill(username);
  if (companyUsername) {
    await form.getByLabel('Company username (optional)').fill(companyUsername);
    await expect(form.getByRole('status')).toHaveText(`Username "${companyUsername}" is available for this company`);
  }
  if (shoot) {
    mkdirSync(DIR, { recursive: true });
    await form.screenshot({ path: join(DIR, `${shoot}-filled-1280.png`) });
  }
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(form).toContainText(`Invited ${username} to join as a member. They become a member when they accept on their account page.`);
  if (shoot) await form.screenshot({ path: join(DIR, `${shoot}-sent-1280.png`) });
}

/** The person signs in with their global username and password in a browser of their own, on /login. */
async function personSignsIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await gotoForm(page, '/login?callbackUrl=/account');
  await page.getByLabel('Username', { exact: true }).fill(username);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/account$/);
  await hydrated(page);
  return page;
}

test.describe('invitations', () => {
  test('an admin invites an existing user on /admin; they accept on /account and are then a member', async ({ page, browser }) => {
    const person = cliUser('invitee');
    const companyUsername = uniqueCompanyUsername('INV');
    await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
    const admin = new CompanyAdminPage(page);
    await admin.goto();

    await invite(page, person.username, companyUsername, 'admin-invite-form');

    // Someone invited already, a member already, or nobody at all cannot be invited.
    const form = inviteForm(page);
    for (const [username, answer] of [
      [person.username, `"${person.username}" has been invited already and has not answered yet.`],
      ['johndoe123', '"johndoe123" is already a member of Acme.'],
      [`nobody-${Date.now()}`, 'There is no user named'],
    ] as const) {
      await form.getByLabel('Global username').fill(username);
      await form.getByRole('button', { name: 'Invite' }).click();
      await expect(form).toContainText(answer);
    }

    // Invited, not a member: not in the member list, listed as pending with a way to withdraw.
    const pending = admin.section('Pending invitations');
    const row = pending.getByRole('row', { name: new RegExp(person.username) });
    await expect(row).toContainText(companyUsername);
    await expect(row.getByRole('button', { name: `Withdraw (${person.username})` })).toBeVisible();
    await pending.screenshot({ path: join(DIR, 'admin-pending-invitations-1280.png') });
    await admin.search(person.username);
    await expect(admin.section('Members')).toContainText(`No member matches "${person.username}".`);
    await expect(admin.section('Recent admin actions')).toContainText(
      `acme-admin invited ${person.username} to join as a member, offering company username "${companyUsername}"`,
    );

    // The person signs in, and sees the invitation on /account.
    const account = await personSignsIn(browser, person.username);
    await expect(account.getByRole('row', { name: /Acme/ })).toHaveCount(0);
    const invitation = account.getByRole('list', { name: 'Pending invitations' }).getByRole('listitem').filter({ hasText: 'Acme' });
    await expect(invitation).toContainText(`Acme invites you to join as a member, with the company username ${companyUsername}.`);
    await expect(invitation).toContainText('Invited by acme-admin');
    const accept = invitation.getByRole('button', { name: 'Accept', exact: true });
    await expect(accept).toHaveAccessibleDescription(/Acme invites you/);
    await account.screenshot({ path: join(DIR, 'account-invitation-1280.png'), fullPage: true });

    await accept.click();
    await expect(account.getByRole('status').filter({ hasText: 'You joined' })).toHaveText(
      `You joined Acme as a member, with the company username "${companyUsername}".`,
    );
    await expect(account.getByText('You have no pending invitations.')).toBeVisible();
    // Their company appears on /account…
    const company = account.getByRole('row', { name: /Acme/ });
    await expect(company.getByRole('cell').nth(1)).toHaveText('Member');
    await expect(company.getByRole('cell').nth(2)).toHaveText(companyUsername);
    await account.screenshot({ path: join(DIR, 'account-invitation-accepted-1280.png'), fullPage: true });
    await account.reload();
    await expect(account.getByRole('row', { name: /Acme/ })).toContainText(companyUsername);
    await account.context().close();

    // …and in the admin's member list, with the company username offered; the invitation is gone.
    await admin.goto(person.username);
    await expect(admin.field(person.username)).toHaveValue(companyUsername);
    await expect(admin.section('Pending invitations').getByRole('row', { name: new RegExp(person.username) })).toHaveCount(0);
    await expect(admin.section('Recent admin actions')).toContainText(
      `${person.username} accepted the invitation and joined as a member with company username "${companyUsername}"`,
    );
  });

  test('the person declines; the admin withdraws: neither makes a member', async ({ page, browser }) => {
    const decliner = cliUser('decl');
    const withdrawn = cliUser('wdrw');
    await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
    const admin = new CompanyAdminPage(page);
    await admin.goto();
    await invite(page, decliner.username);
    await invite(page, withdrawn.username);

    const pending = admin.section('Pending invitations');
    await pending.getByRole('button', { name: `Withdraw (${withdrawn.username})` }).click();
    await expect(pending).toContainText(`Withdrew the invitation of ${withdrawn.username}.`);
    await expect(pending.getByRole('row', { name: new RegExp(withdrawn.username) })).toHaveCount(0);

    const declining = await personSignsIn(browser, decliner.username);
    await declining.getByRole('listitem').filter({ hasText: 'Acme' }).getByRole('button', { name: 'Decline', exact: true }).click();
    await expect(declining.getByRole('status').filter({ hasText: 'declined' })).toHaveText('You declined the invitation from Acme.');
    await expect(declining.getByText('You are not a member of any company.')).toBeVisible();
    await declining.context().close();

    const other = await personSignsIn(browser, withdrawn.username);
    await expect(other.getByText('You have no pending invitations.')).toBeVisible();
    await expect(other.getByText('You are not a member of any company.')).toBeVisible();
    await other.context().close();

    await admin.goto(decliner.username);
    await expect(admin.section('Members')).toContainText(`No member matches "${decliner.username}".`);
    await expect(admin.section('Recent admin actions')).toContainText(`${decliner.username} declined the invitation to join`);
  });

  test("hole 1: no admin gets a setup link for a passwordless global account, whether it is in their company or only invited", async ({ page }) => {
    // `seed --users` accounts: global usernames, no password, members of Acme.
    cliJson(['seed', '--users', '1']);
    await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
    const acme = new CompanyAdminPage(page);
    await acme.goto('user0000001');
    const seeded = acme.row('user0000001');
    await expect(seeded).toContainText('no password yet');
    await expect(seeded.getByRole('button', { name: /New setup link/ })).toHaveCount(0);

    // An admin of another company can only invite them: no member row, so nothing to issue a link for.
    const slug = uniqueName('other').toLowerCase();
    const company = cliJson<{ id: number }>(['company', 'create', '--name', `Other ${slug}`, '--slug', slug]);
    const boss = cliUser('oboss', { company: company.id, role: 'admin' });
    await page.context().clearCookies();
    await signIn(page.request, boss.username, PASSWORD);
    const other = new CompanyAdminPage(page, company.id);
    await other.goto();
    const form = inviteForm(page);
    await hydrated(page, `form[aria-labelledby="invite-${company.id}-title"]`);
    await form.getByLabel('Global username').fill('user0000001');
    await form.getByRole('button', { name: 'Invite' }).click();
    await expect(form).toContainText('Invited user0000001 to join as a member.');
    await expect(other.section('Members').getByText('user0000001')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /New setup link/ })).toHaveCount(0);
  });
});
