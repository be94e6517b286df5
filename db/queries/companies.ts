// Companies in the database.
import { asc, eq } from 'drizzle-orm';
import { first, getDb, one } from '@/db/client';
import { companies } from '@/db/tables';
import type { Company } from '@/db/schema';

export type { Company };

/** Inserts a company; a taken slug fails on its unique index. `id` only for the benchmarks' company 1. */
export async function insertCompany(row: { name: string; slug: string; id?: number }): Promise<Company> {
  return getDb().insert(companies).values(row).returning().then(one);
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
