// Companies in the database.
import { asc, eq } from 'drizzle-orm';
import { getDb } from '@/db/client';
import { companies, type Company } from '@/db/schema';

export type { Company };

/** Inserts a company; a taken slug fails on its unique index. `id` only for the benchmarks' company 1. */
export function insertCompany(row: { name: string; slug: string; id?: number }): Company {
  return getDb().insert(companies).values(row).returning().get();
}

export function findCompanyById(id: number): Company | undefined {
  return getDb().select().from(companies).where(eq(companies.id, id)).get();
}

export function findCompanyBySlug(slug: string): Company | undefined {
  return getDb().select().from(companies).where(eq(companies.slug, slug)).get();
}

/** Every company, by name. */
export function listCompanies(): Company[] {
  return getDb().select().from(companies).orderBy(asc(companies.name), asc(companies.id)).all();
}
