import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { getConnection } from '@/db/client';
import { writeTransaction } from '@/db/transactions';
import { companies, memberships, type Company } from '@/db/schema';
import { CLI_ACTOR, recordAudit, type Actor } from '@/lib/audit';
import { addMember, createCompany, findCompanyById, findCompanyBySlug, type Role } from '@/lib/companies/companies';
import { createUser, findUserByUsername } from '@/lib/accounts/users';
import { canonicalUsername, similarityKey } from '@/lib/usernames';

const DEMO_COMPANY = { name: 'Acme', slug: 'acme' };

interface DemoUser {
  username: string;
  isPlatformAdmin?: boolean;
  acme?: { role: Role; companyUsername?: string };
}

// The seed documents' examples hold: johndoe123 is taken, Acme's FB12345 is taken and FB1234 free.
const DEMO_USERS: DemoUser[] = [
  { username: 'admin', isPlatformAdmin: true },
  { username: 'acme-admin', acme: { role: 'admin' } },
  { username: 'johndoe123', acme: { role: 'member', companyUsername: 'FB12345' } },
];

export interface DemoResult {
  companies: { id: number; name: string; slug: string }[];
  users: { username: string; password: string | null }[];
}

function newPassword(): string {
  return randomBytes(12).toString('base64url');
}

function ensureCompany(name: string, slug: string, actor: Actor): Company {
  return findCompanyBySlug(slug) ?? createCompany({ name, slug }, actor);
}

/** The demo data of the contract; idempotent. Passwords are random and printed once, by the caller. */
export async function seedDemo(actor: Actor = CLI_ACTOR): Promise<DemoResult> {
  const acme = ensureCompany(DEMO_COMPANY.name, DEMO_COMPANY.slug, actor);
  const result: DemoResult = { companies: [{ id: acme.id, name: acme.name, slug: acme.slug }], users: [] };
  for (const demo of DEMO_USERS) {
    let password: string | null = null;
    if (!findUserByUsername(demo.username)) {
      password = newPassword();
      await createUser({ username: demo.username, password, isPlatformAdmin: demo.isPlatformAdmin ?? false }, actor);
    }
    result.users.push({ username: demo.username, password });
    if (demo.acme) {
      const user = findUserByUsername(demo.username);
      const already =
        user &&
        getConnection()
          .db.select({ userId: memberships.userId })
          .from(memberships)
          .where(and(eq(memberships.companyId, acme.id), eq(memberships.userId, user.id)))
          .get();
      if (!already) {
        addMember(
          { companyId: acme.id, username: demo.username, role: demo.acme.role, companyUsername: demo.acme.companyUsername },
          actor,
        );
      }
    }
  }
  return result;
}

export function isDatabaseEmpty(): boolean {
  const row = getConnection().sqlite.prepare('SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM companies) AS n').get() as { n: number };
  return row.n === 0;
}

/** Company 1 is the benchmarks' company: Acme, created with that id when missing. */
function createCompanyOne(actor: Actor): Company {
  return writeTransaction((db) => {
    const company = db.insert(companies).values({ id: 1, ...DEMO_COMPANY }).returning().get();
    recordAudit(db, actor, { action: 'company.create', companyId: company.id, target: company.slug });
    return company;
  });
}

export function benchUsername(i: number): string {
  return `user${String(i).padStart(7, '0')}`;
}

/**
 * Bulk users for benchmarks: user0000001 … userN, each a member of company 1 (Acme, created when
 * missing) with the same company username, without passwords. One transaction; names that already
 * exist are left as they are.
 */
export function seedBenchUsers(count: number, actor: Actor = CLI_ACTOR): { users: number } {
  const connection = getConnection();
  const company = findCompanyById(1) ?? createCompanyOne(actor);
  const insertUser = connection.sqlite.prepare(
    'INSERT INTO users (username, username_canonical, similarity_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING RETURNING id',
  );
  const insertMember = connection.sqlite.prepare(
    `INSERT INTO memberships (company_id, user_id, role, company_username, company_username_canonical)
     VALUES (?, ?, 'member', ?, ?) ON CONFLICT DO NOTHING`,
  );
  writeTransaction(() => {
    for (let i = 1; i <= count; i++) {
      const name = benchUsername(i);
      const canonical = canonicalUsername(name, 'global');
      const row = insertUser.get(name, canonical, similarityKey(canonical)) as { id: number } | undefined;
      if (row) insertMember.run(company.id, row.id, name, canonicalUsername(name, 'company'));
    }
  }, connection);
  return { users: count };
}
