// Companies in the database.
import { asc, eq, sql } from 'drizzle-orm';
import { databaseEngine, first, getDb, one, runStatement } from '@/db/client';
import { companies } from '@/db/tables';
import type { Company } from '@/db/schema';

export type { Company };

/** Inserts a company; a taken slug fails on its unique index. `id` only for the benchmarks' company 1. */
export async function insertCompany(row: { name: string; slug: string; id?: number }): Promise<Company> {
  if (row.id === undefined || databaseEngine() === 'sqlite') return getDb().insert(companies).values(row).returning().then(one);
  // PostgreSQL's ids are `generated always`: an id of our choosing needs OVERRIDING SYSTEM VALUE,
  // and the sequence moved past it, so that the next company does not get it again.
  const builder = getDb().insert(companies) as unknown as { overridingSystemValue(): typeof builder; values(v: object): { returning(): Promise<Company[]> } };
  const company = one(await builder.overridingSystemValue().values(row).returning());
  await runStatement(getDb(), sql`SELECT setval(pg_get_serial_sequence('companies', 'id'), GREATEST((SELECT max(id) FROM companies), 1))`);
  return company;
}

export async function findCompanyById(id: number): Promise<Company | undefined> {
  return getDb().select().from(companies).where(eq(companies.id, id)).then(first);
}

export async function findCompanyBySlug(slug: string): Promise<Company | undefined> {
  return getDb().select().from(companies).where(eq(companies.slug, slug)).then(first);
}

/** Every company, by name. */
export async function listCompanies(): Promise<Company[]> {
  return getDb().select().from(companies).orderBy(asc(companies.name), asc(companies.id));
}
