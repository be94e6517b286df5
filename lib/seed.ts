import { randomBytes } from 'node:crypto';
import { insertBenchUsers } from '@/db/queries/bench-seed';
import { insertCompany } from '@/db/queries/companies';
import { findMembership } from '@/db/queries/memberships';
import { isDatabaseEmpty } from '@/db/queries/users';
import { writeTransaction } from '@/db/transactions';
import { CLI_ACTOR, recordAudit, type Actor } from '@/lib/audit';
import { createCompany, findCompanyById, findCompanyBySlug, type Company } from '@/lib/companies/companies';
import type { Role } from '@/lib/companies/roles';
import { addMember } from '@/lib/companies/members';
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

async function ensureCompany(name: string, slug: string, actor: Actor): Promise<Company> {
  return (await findCompanyBySlug(slug)) ?? (await createCompany({ name, slug }, actor));
}

/** The demo data of the contract; idempotent. Passwords are random and printed once, by the caller. */
export async function seedDemo(actor: Actor = CLI_ACTOR): Promise<DemoResult> {
  const acme = await ensureCompany(DEMO_COMPANY.name, DEMO_COMPANY.slug, actor);
  const result: DemoResult = { companies: [{ id: acme.id, name: acme.name, slug: acme.slug }], users: [] };
  for (const demo of DEMO_USERS) {
    let password: string | null = null;
    if (!(await findUserByUsername(demo.username))) {
      password = newPassword();
      await createUser({ username: demo.username, password, isPlatformAdmin: demo.isPlatformAdmin ?? false }, actor);
    }
    result.users.push({ username: demo.username, password });
    if (demo.acme) {
      const user = await findUserByUsername(demo.username);
      const already = user && (await findMembership(acme.id, user.id));
      if (!already) {
        await addMember(
          { companyId: acme.id, username: demo.username, role: demo.acme.role, companyUsername: demo.acme.companyUsername },
          actor,
        );
      }
    }
  }
  return result;
}

export { isDatabaseEmpty };

/** Company 1 is the benchmarks' company: Acme, created with that id when missing. */
async function createCompanyOne(actor: Actor): Promise<Company> {
  return writeTransaction(async () => {
    const company = await insertCompany({ id: 1, ...DEMO_COMPANY });
    await recordAudit(actor, { action: 'company.create', companyId: company.id, target: company.slug });
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
export async function seedBenchUsers(count: number, actor: Actor = CLI_ACTOR): Promise<{ users: number }> {
  const company = (await findCompanyById(1)) ?? (await createCompanyOne(actor));
  await insertBenchUsers(company.id, benchUserRows(count));
  return { users: count };
}

function* benchUserRows(count: number) {
  for (let i = 1; i <= count; i++) {
    const username = benchUsername(i);
    const usernameCanonical = canonicalUsername(username, 'global');
    yield {
      username,
      usernameCanonical,
      similarityKey: similarityKey(usernameCanonical),
      companyUsername: username,
      companyUsernameCanonical: canonicalUsername(username, 'company'),
    };
  }
}
