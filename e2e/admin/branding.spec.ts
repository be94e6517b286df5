import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliJson } from '../support/cli';
import { expect, test, uniqueName } from '../support/fixtures';
import { hydrated } from '../pages/signup-page';
import { CompanyAdminPage, PASSWORD, cliUser, signIn } from './admin-page';

const image = (file: string) => fileURLToPath(new URL(`../../lib/testing/images/${file}`, import.meta.url));

test.describe('the login page of a company, branded on /admin', () => {
  test('an admin uploads a logo and sets a display name and an accent colour; /login/{slug} shows them', async ({ page, browser }, testInfo) => {
    const slug = uniqueName('brand').toLowerCase().slice(0, 40);
    const company = cliJson<{ id: number }>(['company', 'create', '--name', `Globex ${slug}`, '--slug', slug]);
    const admin = cliUser('badm', { company: company.id, role: 'admin' });
    await signIn(page.request, admin.username, PASSWORD);
    const screen = new CompanyAdminPage(page, company.id);
    await screen.goto();
    const section = screen.section('Login page');
    await hydrated(page, `form:has(#brand-${company.id}-accent)`);
    const save = section.getByRole('button', { name: 'Save login page' });

    // Refusals, each at its field: a low-contrast accent (live, with its ratio), then an SVG "logo".
    const accent = section.getByLabel('Accent colour', { exact: true });
    await accent.fill('#777777');
    await expect(accent).toHaveAttribute('aria-invalid', 'true');
    await expect(section.locator(`#brand-${company.id}-accentColor-error`)).toHaveText(
      'White text on #777777 has a contrast ratio of 4.48:1; it needs at least 4.5:1. Choose a darker colour.',
    );
    await accent.fill('#767676');
    await expect(accent).not.toHaveAttribute('aria-invalid', 'true');
    const logo = section.getByLabel('Logo', { exact: true });
    await logo.setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    await save.click();
    await expect(section.locator(`#brand-${company.id}-logo-error`)).toHaveText('SVG logos are not accepted (an SVG file can carry scripts). Use a PNG, JPEG or WebP image.');
    await expect(logo).toHaveAttribute('aria-invalid', 'true');

    // The limit is 256 KiB by bytes: a file of exactly that goes through the server action (whose
    // body limit is 1 MiB); one over it is refused before it is sent.
    const png = readFileSync(image('tiny.png'));
    const padded = (bytes: number) => Buffer.concat([png, Buffer.alloc(bytes - png.length)]);
    await logo.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: padded(300 * 1024) });
    await expect(section.locator(`#brand-${company.id}-logo-error`)).toHaveText('The logo is 300 KiB; use a file of at most 256 KiB.');
    await expect(save).toBeDisabled();
    await logo.setInputFiles({ name: 'limit.png', mimeType: 'image/png', buffer: padded(256 * 1024) });
    await save.click();
    await expect(section.getByText(/^Saved\. The login page shows the company name, the logo/)).toBeVisible();
    await expect(section).toContainText('Now: PNG, 256 KiB');

    // The real thing.
    await section.getByLabel('Display name', { exact: true }).fill('Globex Corporation');
    await logo.setInputFiles(image('logo-globex.png'));
    await accent.fill('#0f5132');
    await save.click();
    await expect(section.getByText('Saved. The login page shows "Globex Corporation", the logo and the accent colour #0f5132.')).toBeVisible();
    await expect(section.getByRole('img', { name: `Current logo of Globex ${slug}` })).toBeVisible();
    await expect(screen.section('Recent admin actions')).toContainText(`${admin.username} changed the login page: display name "Globex Corporation", accent colour #0f5132, a new logo (image/png, 5 KiB)`);
    await page.screenshot({ path: testInfo.outputPath('admin-login-page-section.png'), clip: (await section.boundingBox()) ?? undefined });

    // The company's people see it, at phone and desktop widths.
    for (const width of [360, 1280]) {
      const context = await browser.newContext({ viewport: { width, height: 800 } });
      const visitor = await context.newPage();
      // The accent comes in a <style> carrying the request's nonce: the CSP must refuse nothing.
      const refused: string[] = [];
      visitor.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
      });
      await visitor.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to ${e.violatedDirective}`)));
      await visitor.goto(`/login/${slug}`);
      await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('Globex Corporation');
      await expect(visitor).toHaveTitle(/Sign in to Globex Corporation/);
      const img = visitor.getByRole('img', { name: 'Globex Corporation logo' });
      await expect(img).toBeVisible();
      expect(await img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(200);
      const box = await img.boundingBox();
      expect(box!.width).toBeLessThanOrEqual(width);
      const button = visitor.getByRole('button', { name: 'Sign in' });
      await expect(button).toHaveCSS('background-color', 'rgb(15, 81, 50)');
      await visitor.screenshot({ path: testInfo.outputPath(`login-branded-${width}.png`), fullPage: true });
      expect(refused).toEqual([]);
      await context.close();
    }

    // The logo is served with its type, nosniff and a versioned cache.
    const src = await page.request.get(`/login/${slug}`).then((r) => r.text()).then((html) => /src="(\/login\/[^"]+\/logo\?v=\d+)"/.exec(html)?.[1]);
    expect(src).toBeTruthy();
    const served = await page.request.get(src!.replace(/&amp;/g, '&'));
    expect(served.status()).toBe(200);
    expect(served.headers()).toMatchObject({ 'content-type': 'image/png', 'x-content-type-options': 'nosniff', 'cache-control': 'public, max-age=31536000, immutable' });

    // Removing the logo: the page goes back to no image, the logo URL to 404.
    await section.getByLabel('Remove the logo').check();
    await save.click();
    await expect(section.getByText(/no logo/)).toBeVisible();
    expect((await page.request.get(src!)).status()).toBe(404);
    await page.goto(`/login/${slug}`);
    await expect(page.getByRole('img')).toHaveCount(0);
  });
});
