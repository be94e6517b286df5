import { demoPassword, expect, test } from '../support/fixtures';
import { CompanyAdminPage, cliUser, signIn, uniqueCompanyUsername } from './admin-page';

// The contract's /admin row: held company usernames with a `Release` button (one click frees the name),
// and the live check on a member's row says `held` for a held name, then `available` once released.
test.describe('held company usernames on /admin', () => {
  test('a replaced name is held, shows held in another row, and Release frees it for that row', async ({ page }, testInfo) => {
    const x = uniqueCompanyUsername('HX');
    const y = uniqueCompanyUsername('HY');
    const a = cliUser('hold-a', { company: 1, companyUsername: x });
    const b = cliUser('hold-b', { company: 1 });

    await signIn(page.request, 'acme-admin', demoPassword('acme-admin'));
    const admin = new CompanyAdminPage(page);
    await admin.goto();
    const held = admin.section('Held company usernames');

    // The admin changes A's company username from X to Y: X is held, and listed.
    await admin.search(a.username);
    await expect(admin.field(a.username)).toHaveValue(x);
    await admin.field(a.username).fill(y);
    await expect(admin.verdict(a.username)).toHaveText(`Username "${y}" is available for this company`);
    await admin.row(a.username).getByRole('button', { name: 'Save' }).click();
    await expect(admin.verdict(a.username)).toHaveText(`Saved: "${y}".`);
    const heldRow = held.getByRole('row', { name: new RegExp(x) });
    await expect(heldRow).toBeVisible();
    await expect(heldRow).toContainText(a.username);
    // Until when: 30 days from now (COMPANY_USERNAME_HOLD_DAYS' default), as a date in English.
    const until = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000);
    const day = (d: Date) => d.toLocaleDateString('en', { dateStyle: 'long', timeZone: 'UTC' });
    await expect(heldRow.locator('time')).toHaveText(new RegExp(`^(${day(until)}|${day(new Date(until.getTime() + 60_000))})$`));
    // A typing X back into their own row: theirs to take back, and Save is not blocked.
    await admin.field(a.username).fill(x.toLowerCase());
    await expect(admin.verdict(a.username)).toHaveText(`Held for ${a.username}: theirs to take back.`);
    await expect(admin.row(a.username).getByRole('button', { name: 'Save' })).toBeEnabled();

    await held.screenshot({ path: testInfo.outputPath('held-section.png') });

    // /admin itself lists it too, in Acme's section.
    await page.goto('/admin');
    await expect(page.getByTestId('company-acme').getByRole('region', { name: 'Held company usernames' }).getByRole('row', { name: new RegExp(x) })).toBeVisible();
    await admin.goto();

    // X typed into B's row: held, not usable.
    await admin.search(b.username);
    const bField = admin.field(b.username);
    await bField.fill(x);
    const bVerdict = admin.verdict(b.username);
    await expect(bVerdict).toHaveText(new RegExp(`^Username "${x}" was given up recently and is held for this company until ${day(until).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await expect(bVerdict.locator('..')).toHaveAttribute('data-state', 'held');
    await expect(bField).toHaveAttribute('aria-invalid', 'true');
    await expect(admin.row(b.username).getByRole('button', { name: 'Save' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('held-verdict.png'), fullPage: false });

    // One click on Release: the name leaves the list, and B's row asks again and says available.
    await held.getByRole('button', { name: `Release ${x}` }).click();
    await expect(held).toContainText(`Released "${x}": it is free for anyone in the company now.`);
    await expect(held.getByRole('row', { name: new RegExp(x) })).toHaveCount(0);
    await expect(bVerdict).toHaveText(`Username "${x}" is available for this company`);
    await expect(bField).toHaveValue(x);
    await admin.row(b.username).getByRole('button', { name: 'Save' }).click();
    await expect(bVerdict).toHaveText(`Saved: "${x}".`);
    await expect(admin.section('Recent admin actions')).toContainText(`acme-admin released the held company username "${x}"`);

    await page.reload();
    await expect(admin.field(b.username)).toHaveValue(x);
  });
});
