import { cliJson } from '../support/cli';
import { expect, test, uniqueName } from '../support/fixtures';
import { CompanyAdminPage, PASSWORD, cliUser, signIn } from './admin-page';

// A company of its own, so that its rules touch no other spec's company.
function freshCompany() {
  const slug = uniqueName('rules').toLowerCase().slice(0, 40);
  return cliJson<{ id: number; name: string; slug: string }>(['company', 'create', '--name', `Rules ${slug}`, '--slug', slug]);
}

test.describe('company username rules on /admin', () => {
  test("an admin sets a pattern (a catastrophic one is refused at the field), and a member's live check refuses a name off it", async ({ page }, testInfo) => {
    const company = freshCompany();
    const admin = cliUser('radm', { company: company.id, role: 'admin' });
    const member = cliUser('rmem', { company: company.id });
    await signIn(page.request, admin.username, PASSWORD);
    const screen = new CompanyAdminPage(page, company.id);
    await screen.goto();

    const rules = screen.section('Username rules');
    const pattern = rules.getByLabel('Pattern', { exact: true });
    const save = rules.getByRole('button', { name: 'Save username rules' });

    // A pattern that could backtrack super-linearly: refused, next to the field, nothing saved.
    await pattern.fill('^(a|a)*$');
    await save.click();
    const refusal = rules.locator(`#${(await pattern.getAttribute('aria-describedby'))?.split(' ')[0] ?? 'missing'}`);
    await expect(pattern).toHaveAttribute('aria-invalid', 'true');
    await expect(refusal).toContainText('could take more than linear time');
    await page.screenshot({ path: testInfo.outputPath('rules-refused.png'), fullPage: false, clip: (await rules.boundingBox()) ?? undefined });

    // A safe pattern and lengths: saved, audited.
    await pattern.fill('EMP-\\d{4}');
    await rules.getByLabel('Minimum length', { exact: true }).fill('8');
    await rules.getByLabel('Maximum length', { exact: true }).fill('8');
    await rules.getByLabel('Reserved names', { exact: true }).fill('EMP-0000');
    await save.click();
    await expect(rules.getByText('Saved: 8 to 8 characters, pattern EMP-\\d{4}, 1 reserved name.')).toBeVisible();
    await expect(pattern).not.toHaveAttribute('aria-invalid', 'true');
    await expect(screen.section('Recent admin actions')).toContainText(`${admin.username} set the username rules: 8 to 8 characters, pattern "EMP-\\d{4}", 1 reserved name`);

    // The member's live check applies them: off the pattern, reserved, then a name that follows them.
    await page.reload();
    await screen.search(member.username);
    const field = screen.field(member.username);
    await field.fill('emp-1234');
    await expect(screen.verdict(member.username)).toHaveText(`Username "emp-1234" does not match this company's pattern (EMP-\\d{4})`);
    await expect(screen.row(member.username).getByRole('button', { name: 'Save' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('rules-live-check.png'), fullPage: true });
    await field.fill('EMP-0000');
    await expect(screen.verdict(member.username)).toHaveText('Username "EMP-0000" is reserved by this company');
    await field.fill('EMP-4321');
    await expect(screen.verdict(member.username)).toHaveText('Username "EMP-4321" is available for this company');
    await screen.row(member.username).getByRole('button', { name: 'Save' }).click();
    await expect(screen.verdict(member.username)).toHaveText('Saved: "EMP-4321".');

    // The rules survive a reload, in the form.
    await page.reload();
    await expect(rules.getByLabel('Pattern', { exact: true })).toHaveValue('EMP-\\d{4}');
    await expect(rules.getByLabel('Reserved names', { exact: true })).toHaveValue('EMP-0000');
  });
});
