// How a company's login page looks (/login/{slug}): setting its display name, accent colour and
// logo (the /admin "Login page" section and `cli company branding`), and reading them for the page.
// The rules for each value are lib/companies/branding-rules.ts; a logo's type is decided here, by
// its bytes (file-type reads the magic numbers), never by its name or the type a browser declared.
import { findCompanyById, findCompanyBySlug, type Company } from '@/db/queries/companies';
import { findBranding, findLogo, saveBranding, type LogoType, type StoredBranding } from '@/db/queries/company-branding';
import { writeTransaction } from '@/db/transactions';
import { recordAudit, type Actor } from '@/lib/audit';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { LOGO_MAX_BYTES, LOGO_TYPES, parseAccentColor, parseDisplayName } from '@/lib/companies/branding-rules';
import { parseSlug } from '@/lib/companies/rules';
import { HttpError } from '@/lib/http/problem';

export type { LogoType };

/** What a change asks: a field left out keeps its value; '' clears a text; `logo: null` removes the logo. */
export interface BrandingChange {
  displayName?: string;
  accentColor?: string;
  logo?: Uint8Array | null;
}

/** The branding as the admin screen and the CLI show it. */
export interface BrandingView {
  companyId: number;
  displayName: string | null;
  accentColor: string | null;
  logo: { type: LogoType; bytes: number; url: string } | null;
}

const KIB = 1024;
const LEADING_TEXT = /^(?:\uFEFF)?\s*</u;

/** The logo's path on the company's login page; the version makes each new logo a new URL. */
export function logoPath(slug: string, version: number): string {
  return `/login/${slug}/logo?v=${version}`;
}

/**
 * The image type of a logo, from its bytes, or a 400 that says why it is refused: over 256 KiB,
 * empty, SVG (it can carry scripts and links), or anything but PNG, JPEG and WebP.
 */
export async function logoType(bytes: Uint8Array): Promise<LogoType> {
  const refuse = (message: string) => new HttpError('validation_error', message, { errors: { logo: [message] } });
  if (bytes.byteLength === 0) throw refuse('The logo file is empty.');
  if (bytes.byteLength > LOGO_MAX_BYTES) {
    throw refuse(`The logo is ${Math.ceil(bytes.byteLength / KIB)} KiB; use a file of at most ${LOGO_MAX_BYTES / KIB} KiB.`);
  }
  // Loaded on first use (about 80 ms): the login page and the logo's route never need it.
  const { fileTypeFromBuffer } = await import('file-type/core');
  const detected = await fileTypeFromBuffer(bytes);
  const mime = detected?.mime as string | undefined;
  if (mime && (LOGO_TYPES as readonly string[]).includes(mime)) return mime as LogoType;
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 1024));
  if (mime === 'image/svg+xml' || (LEADING_TEXT.test(head) && /<svg[\s>]/i.test(head))) {
    throw refuse('SVG logos are not accepted (an SVG file can carry scripts). Use a PNG, JPEG or WebP image.');
  }
  throw refuse(`${detected ? `This file is ${detected.ext.toUpperCase()} (${detected.mime})` : 'This file is not an image we recognise'}; use a PNG, JPEG or WebP image.`);
}

function view(company: Company, stored: StoredBranding | undefined): BrandingView {
  return {
    companyId: company.id,
    displayName: stored?.displayName ?? null,
    accentColor: stored?.accentColor ?? null,
    logo:
      stored?.logoType && stored.logoBytes !== null
        ? { type: stored.logoType, bytes: stored.logoBytes, url: logoPath(company.slug, stored.logoVersion) }
        : null,
  };
}

/** The company's branding for the admin screen; a 404 for anyone who may not administer it. */
export async function viewCompanyBranding(acting: Acting | null, companyId: number): Promise<BrandingView> {
  const { company } = await authorizeCompanyAdmin(acting, companyId);
  return view(company, await findBranding(companyId));
}

/** What /login/{slug} shows: the name (the display name, else the company's), the accent colour, the logo's URL. */
export async function loginPageBranding(company: Company): Promise<{ name: string; accentColor: string | null; logoUrl: string | null }> {
  const stored = await findBranding(company.id);
  return {
    name: stored?.displayName ?? company.name,
    accentColor: stored?.accentColor ?? null,
    logoUrl: stored?.logoType ? logoPath(company.slug, stored.logoVersion) : null,
  };
}

/** The logo's bytes, type and version, or undefined. */
export async function companyLogo(companyId: number): Promise<{ bytes: Buffer; type: LogoType; version: number } | undefined> {
  return findLogo(companyId);
}

/** A year: the longest a browser is told to keep a logo whose URL names its version. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * GET /login/{slug}/logo[?v=N]: the logo's bytes with their type and `nosniff`, an ETag of its
 * version (a 304 for a browser that has it), cached for good when the URL names the current
 * version and revalidated otherwise; a 404 when the company or its logo does not exist.
 */
export async function logoAnswer(slug: string, query: { version: string | null; ifNoneMatch: string | null }): Promise<{ status: number; headers: Record<string, string>; body: Buffer | string }> {
  const common = { 'x-content-type-options': 'nosniff' };
  const company = parseSlug(slug) === null ? undefined : (await findCompanyBySlug(slug.toLowerCase()));
  const logo = company ? (await findLogo(company.id)) : undefined;
  if (!company || !logo) {
    return { status: 404, headers: { ...common, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: 'This company has no logo.\n' };
  }
  const etag = `"logo-${company.id}-${logo.version}"`;
  const headers = {
    ...common,
    etag,
    'cache-control': query.version === String(logo.version) ? IMMUTABLE : 'no-cache',
    // An image, never a document: nothing in it may run or load anything even if opened on its own.
    'content-security-policy': "default-src 'none'; sandbox",
  };
  if (query.ifNoneMatch?.split(/\s*,\s*/).includes(etag)) return { status: 304, headers, body: '' };
  return { status: 200, headers: { ...headers, 'content-type': logo.type, 'content-length': String(logo.bytes.byteLength) }, body: logo.bytes };
}

interface CheckedChange {
  displayName?: string | null;
  accentColor?: string | null;
  logo?: { bytes: Buffer; type: LogoType } | null;
}

/** Every field checked (the logo's bytes read before any transaction); a 400 naming each refused field. */
async function checked(change: BrandingChange): Promise<CheckedChange> {
  const errors: Record<string, string[]> = {};
  const out: CheckedChange = {};
  if (change.displayName !== undefined) {
    const answer = parseDisplayName(change.displayName);
    if (answer.ok) out.displayName = answer.value;
    else errors.displayName = [answer.message];
  }
  if (change.accentColor !== undefined) {
    const answer = parseAccentColor(change.accentColor);
    if (answer.ok) out.accentColor = answer.value;
    else errors.accentColor = [answer.message];
  }
  if (change.logo === null) out.logo = null;
  else if (change.logo !== undefined) {
    try {
      out.logo = { bytes: Buffer.from(change.logo), type: await logoType(change.logo) };
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      errors.logo = error.errors?.logo ?? [error.message];
    }
  }
  const fields = Object.keys(errors);
  if (fields.length > 0) throw new HttpError('validation_error', errors[fields[0]!]![0]!, { errors });
  return out;
}

async function apply(company: Company, change: CheckedChange, actor: Actor): Promise<BrandingView> {
  await saveBranding(company.id, change);
  await recordAudit(actor, {
    action: 'company.branding',
    companyId: company.id,
    details: {
      ...(change.displayName !== undefined ? { displayName: change.displayName } : {}),
      ...(change.accentColor !== undefined ? { accentColor: change.accentColor } : {}),
      ...(change.logo !== undefined ? { logo: change.logo ? { type: change.logo.type, bytes: change.logo.bytes.byteLength } : null } : {}),
    },
  });
  return view(company, await findBranding(company.id));
}

/** The /admin "Login page" form: checked, then authorized and applied in one transaction, audited. */
export async function setCompanyBranding(acting: Acting | null, companyId: number, change: BrandingChange): Promise<BrandingView> {
  await authorizeCompanyAdmin(acting, companyId); // before reading any upload; again inside the transaction
  const valid = await checked(change);
  return writeTransaction(async () => {
    const access = await authorizeCompanyAdmin(acting, companyId);
    return apply(access.company, valid, access.audit);
  });
}

/** `cli company branding`: an operator sets the branding directly. */
export async function setCompanyBrandingAsOperator(companyId: number, change: BrandingChange, actor: Actor): Promise<BrandingView> {
  const company = await findCompanyById(companyId);
  if (!company) throw new HttpError('not_found', `There is no company with id ${companyId}.`);
  const valid = await checked(change);
  return writeTransaction(() => apply(company, valid, actor));
}
