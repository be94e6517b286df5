// A company's login page branding: the contrast rule, the display name rule, the logo's type by its
// bytes (real tiny PNG, JPEG and WebP files, and an SVG), storage, authorization and the audit log.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { testRun, testValue } from '@/db/testing/sql';
import { CLI_ACTOR, listCompanyAudit } from '@/lib/audit';
import type { Acting } from '@/lib/companies/access';
import { addToCompany, makeCompany, makeUser, refused, useFreshDatabase } from '@/lib/testing/fixtures';
import { companyLogo, loginPageBranding, logoAnswer, logoType, setCompanyBranding, setCompanyBrandingAsOperator, viewCompanyBranding } from './branding';
import { contrastRatio, formatRatio, LOGO_MAX_BYTES, parseAccentColor, parseDisplayName } from './branding-rules';
import { findCompanyById } from './companies';

const image = (file: string) => new Uint8Array(readFileSync(new URL(`../testing/images/${file}`, import.meta.url)));

describe('the accent colour', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
    expect(formatRatio(contrastRatio('#767676', '#ffffff'))).toBe('4.54:1');
    expect(formatRatio(contrastRatio('#777777', '#ffffff'))).toBe('4.48:1');
    expect(formatRatio(contrastRatio('#1f5fd1', '#ffffff'))).toBe('5.81:1'); // the site's own accent (L = 0.1308, by hand)
    expect(contrastRatio('#ffffff', '#767676')).toBe(contrastRatio('#767676', '#ffffff'));
  });

  it('accepts #767676 (4.54:1 with white) and refuses #777777 (4.48:1), giving the ratio', () => {
    expect(parseAccentColor('#767676')).toEqual({ ok: true, value: '#767676' });
    expect(parseAccentColor(' #0F5132 ')).toEqual({ ok: true, value: '#0f5132' });
    expect(parseAccentColor('#777777')).toEqual({
      ok: false,
      message: 'White text on #777777 has a contrast ratio of 4.48:1; it needs at least 4.5:1. Choose a darker colour.',
    });
    expect(parseAccentColor('#ffff00')).toMatchObject({ ok: false, message: expect.stringContaining('1.07:1') });
    for (const bad of ['767676', '#767', 'red', '#76767g', '#7676767']) expect(parseAccentColor(bad)).toEqual({ ok: false, message: 'Give the accent colour as #RRGGBB, for example #1f5fd1.' });
    expect(parseAccentColor('')).toEqual({ ok: true, value: null });
  });
});

describe('the display name', () => {
  it('is trimmed, 1 to 80 characters, without control or format characters', () => {
    expect(parseDisplayName('  Globex Corporation ')).toEqual({ ok: true, value: 'Globex Corporation' });
    expect(parseDisplayName('   ')).toEqual({ ok: true, value: null });
    expect(parseDisplayName('é'.repeat(80))).toMatchObject({ ok: true });
    expect(parseDisplayName('x'.repeat(81))).toEqual({ ok: false, message: 'The display name is 81 characters long; use at most 80.' });
    for (const bad of ['Glo\nbex', 'Glo\u0000bex', 'Globex\u202e', 'Glo\u200bbex']) expect(parseDisplayName(bad)).toMatchObject({ ok: false, message: expect.stringContaining('control characters') });
  });
});

describe("a logo's type, by its bytes", () => {
  it('knows PNG, JPEG and WebP whatever the file is called', async () => {
    expect(await logoType(image('tiny.png'))).toBe('image/png');
    expect(await logoType(image('tiny.jpg'))).toBe('image/jpeg');
    expect(await logoType(image('tiny.webp'))).toBe('image/webp');
  });

  it('refuses SVG, other types, empty and oversized files, saying why', async () => {
    await expect(logoType(image('tiny.svg'))).rejects.toThrow('SVG logos are not accepted (an SVG file can carry scripts). Use a PNG, JPEG or WebP image.');
    const withXml = new TextEncoder().encode(`<?xml version="1.0"?>\n${new TextDecoder().decode(image('tiny.svg'))}`);
    await expect(logoType(withXml)).rejects.toThrow(/SVG logos are not accepted/);
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 0, 1, 0, 0, 0, 0, 0x3b]);
    await expect(logoType(gif)).rejects.toThrow('This file is GIF (image/gif); use a PNG, JPEG or WebP image.');
    await expect(logoType(new TextEncoder().encode('just text'))).rejects.toThrow('This file is not an image we recognise; use a PNG, JPEG or WebP image.');
    await expect(logoType(new Uint8Array())).rejects.toThrow('The logo file is empty.');
    // A real PNG padded past the limit: the limit is by bytes, whatever the content.
    const big = new Uint8Array(LOGO_MAX_BYTES + 1);
    big.set(image('tiny.png'));
    await expect(logoType(big)).rejects.toThrow('The logo is 257 KiB; use a file of at most 256 KiB.');
    const exact = new Uint8Array(LOGO_MAX_BYTES);
    exact.set(image('tiny.png'));
    expect(await logoType(exact)).toBe('image/png');
  });
});

let acme: number;
let admin: Acting;
let outsider: Acting;

beforeAll(async () => {
  await useFreshDatabase('namecheck-branding-');
  acme = await makeCompany('Globex', 'globex');
  admin = await makeUser('boss');
  outsider = await makeUser('outsider');
  await addToCompany(acme, 'boss', 'admin');
});

describe('storing the branding', () => {
  it('starts with none: the login page shows the company name', async () => {
    expect(await viewCompanyBranding(admin, acme)).toEqual({ companyId: acme, displayName: null, accentColor: null, logo: null });
    expect(await loginPageBranding((await findCompanyById(acme))!)).toEqual({ name: 'Globex', accentColor: null, logoUrl: null });
    expect(await companyLogo(acme)).toBeUndefined();
  });

  it('stores the logo bytes and type in the database; each new logo is a new version and URL; audited', async () => {
    const png = image('logo-globex.png');
    const saved = await setCompanyBranding(admin, acme, { displayName: ' Globex Corporation ', accentColor: '#0F5132', logo: png });
    expect(saved).toEqual({
      companyId: acme,
      displayName: 'Globex Corporation',
      accentColor: '#0f5132',
      logo: { type: 'image/png', bytes: png.byteLength, url: '/login/globex/logo?v=1' },
    });
    expect(Buffer.compare((await companyLogo(acme))!.bytes, Buffer.from(png))).toBe(0);
    expect(await loginPageBranding((await findCompanyById(acme))!)).toEqual({ name: 'Globex Corporation', accentColor: '#0f5132', logoUrl: '/login/globex/logo?v=1' });
    const webp = await setCompanyBrandingAsOperator(acme, { logo: image('tiny.webp') }, CLI_ACTOR);
    expect(webp.logo).toMatchObject({ type: 'image/webp', url: '/login/globex/logo?v=2' });
    expect(webp.displayName).toBe('Globex Corporation'); // untouched
    const summaries = (await listCompanyAudit(admin, acme)).map((e) => e.summary);
    expect(summaries).toContain(`changed the login page: display name "Globex Corporation", accent colour #0f5132, a new logo (image/png, ${Math.ceil(png.byteLength / 1024)} KiB)`);
    expect(summaries).toContain('changed the login page: a new logo (image/webp, 1 KiB)');
  });

  it('removes the logo and clears texts, and refuses bad values per field, changing nothing', async () => {
    const before = await viewCompanyBranding(admin, acme);
    const error = await setCompanyBranding(admin, acme, { displayName: 'x'.repeat(81), accentColor: '#777777', logo: image('tiny.svg') }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 400 });
    expect((error as { errors: Record<string, string[]> }).errors).toEqual({
      displayName: ['The display name is 81 characters long; use at most 80.'],
      accentColor: ['White text on #777777 has a contrast ratio of 4.48:1; it needs at least 4.5:1. Choose a darker colour.'],
      logo: ['SVG logos are not accepted (an SVG file can carry scripts). Use a PNG, JPEG or WebP image.'],
    });
    expect(await viewCompanyBranding(admin, acme)).toEqual(before);
    const cleared = await setCompanyBranding(admin, acme, { displayName: '', accentColor: '', logo: null });
    expect(cleared).toEqual({ companyId: acme, displayName: null, accentColor: null, logo: null });
    expect(await companyLogo(acme)).toBeUndefined();
  });

  it('is for the company\u2019s admins only, and goes with the company', async () => {
    await expect(setCompanyBranding(outsider, acme, { displayName: 'Mine' })).rejects.toMatchObject({ status: 404 });
    await refused(() => viewCompanyBranding(outsider, acme), 404);
    await expect(setCompanyBrandingAsOperator(9999, { displayName: 'X' }, CLI_ACTOR)).rejects.toMatchObject({ status: 404 });
    const gone = await makeCompany('Gone', 'gone');
    await setCompanyBrandingAsOperator(gone, { logo: image('tiny.png') }, CLI_ACTOR);
    await testRun('DELETE FROM companies WHERE id = ?', [gone]);
    expect(await testValue('SELECT count(*) AS n FROM company_branding WHERE company_id = ?', [gone])).toBe(0);
  });
});

describe('serving the logo', () => {
  it('answers its bytes with their type, nosniff and a versioned cache; 304 for a browser that has it; 404 without one', async () => {
    const jpeg = image('tiny.jpg');
    const saved = await setCompanyBrandingAsOperator(acme, { logo: jpeg }, CLI_ACTOR);
    const version = saved.logo!.url.split('v=')[1]!;
    const answer = await logoAnswer('Globex', { version, ifNoneMatch: null });
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatchObject({
      'content-type': 'image/jpeg',
      'content-length': String(jpeg.byteLength),
      'x-content-type-options': 'nosniff',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: `"logo-${acme}-${version}"`,
    });
    expect(Buffer.compare(answer.body as Buffer, Buffer.from(jpeg))).toBe(0);
    // Another (or no) version in the URL: revalidated, never kept for good.
    expect((await logoAnswer('globex', { version: null, ifNoneMatch: null })).headers['cache-control']).toBe('no-cache');
    expect(await logoAnswer('globex', { version: '0', ifNoneMatch: `"x", "logo-${acme}-${version}"` })).toMatchObject({ status: 304, body: '' });
    await setCompanyBrandingAsOperator(acme, { logo: null }, CLI_ACTOR);
    expect(await logoAnswer('globex', { version, ifNoneMatch: null })).toMatchObject({ status: 404, headers: { 'x-content-type-options': 'nosniff' } });
    expect((await logoAnswer('no-such-company', { version: null, ifNoneMatch: null })).status).toBe(404);
    expect((await logoAnswer('../etc', { version: null, ifNoneMatch: null })).status).toBe(404);
  });
});
