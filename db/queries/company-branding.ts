// How a company's login page looks, in the database: its display name, accent colour and logo.
import { eq, sql } from 'drizzle-orm';
import { first, getDb } from '@/db/client';
import { companyBranding } from '@/db/tables';

export type LogoType = 'image/png' | 'image/jpeg' | 'image/webp';

/** Everything but the logo's bytes: what the login page and the admin screen show. */
export interface StoredBranding {
  displayName: string | null;
  accentColor: string | null;
  logoType: LogoType | null;
  logoVersion: number;
  logoBytes: number | null;
}

export async function findBranding(companyId: number): Promise<StoredBranding | undefined> {
  return getDb()
    .select({
      displayName: companyBranding.displayName,
      accentColor: companyBranding.accentColor,
      logoType: companyBranding.logoType,
      logoVersion: companyBranding.logoVersion,
      // length() of a BLOB (and of a bytea) is its size in bytes.
      logoBytes: sql<number | null>`length(${companyBranding.logo})`.mapWith((n: unknown) => (n === null ? null : Number(n))),
    })
    .from(companyBranding)
    .where(eq(companyBranding.companyId, companyId))
    .then(first);
}

/** The logo itself, or undefined when the company has none. */
export async function findLogo(companyId: number): Promise<{ bytes: Buffer; type: LogoType; version: number } | undefined> {
  const row = await getDb()
    .select({ bytes: companyBranding.logo, type: companyBranding.logoType, version: companyBranding.logoVersion })
    .from(companyBranding)
    .where(eq(companyBranding.companyId, companyId))
    .then(first);
  return row?.bytes && row.type ? { bytes: row.bytes, type: row.type, version: row.version } : undefined;
}

/**
 * Writes the fields given (a logo of `null` removes it); a new or removed logo bumps the version.
 * Call inside a write transaction.
 */
export async function saveBranding(
  companyId: number,
  change: { displayName?: string | null; accentColor?: string | null; logo?: { bytes: Buffer; type: LogoType } | null },
): Promise<void> {
  const db = getDb();
  const current = await db.select({ version: companyBranding.logoVersion }).from(companyBranding).where(eq(companyBranding.companyId, companyId)).then(first);
  const set: Partial<typeof companyBranding.$inferInsert> = { updatedAt: new Date() };
  if (change.displayName !== undefined) set.displayName = change.displayName;
  if (change.accentColor !== undefined) set.accentColor = change.accentColor;
  if (change.logo !== undefined) {
    set.logo = change.logo?.bytes ?? null;
    set.logoType = change.logo?.type ?? null;
    set.logoVersion = (current?.version ?? 0) + 1;
  }
  if (current) await db.update(companyBranding).set(set).where(eq(companyBranding.companyId, companyId));
  else await db.insert(companyBranding).values({ companyId, ...set });
}
