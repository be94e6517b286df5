import { listCompanies } from '@/db/queries/companies';
import { countMembers, findMembership, listCompaniesOfUser, memberCountsByCompany } from '@/db/queries/memberships';
import { writeTransaction } from '@/db/transactions';
import { createCompany, findCompanyBySlug, normalizeSlug } from '@/lib/companies/companies';
import type { Role } from '@/lib/companies/roles';
import { addMember } from '@/lib/companies/members';
import type { SlugVerdict } from '@/lib/companies/rules';
import { HttpError } from '@/lib/http/problem';
import { findUserByUsername } from '@/lib/accounts/users';
import { adminViewer, authorizeCompanyAdmin, authorizePlatformAdmin, type Acting, type AdminViewer } from '@/lib/companies/access';

export interface AdminCompany {
  id: number;
  name: string;
  slug: string;
  memberCount: number;
  /** The viewer's own role there (a platform admin may see companies they are not in). */
  role: Role | null;
}

export interface AdminOverview {
  viewer: AdminViewer | null;
  /** The companies the viewer may administer: all for a platform admin, else those where they are an admin. */
  companies: AdminCompany[];
}

/** What /admin lists for the signed-in person; nothing at all for anyone who administers nothing. */
export async function adminOverview(acting: Acting | null): Promise<AdminOverview> {
  const viewer = await adminViewer(acting);
  if (!viewer) return { viewer: null, companies: [] };
  const mine = await listCompaniesOfUser(viewer.userId);
  const own = new Map(mine.map((m) => [m.company.id, m.role] as const));
  const visible = viewer.isPlatformAdmin ? (await listCompanies()) : mine.filter((m) => m.role === 'admin').map((m) => m.company);
  const counts = await memberCountsByCompany();
  return {
    viewer,
    companies: visible.map((c) => ({ id: c.id, name: c.name, slug: c.slug, memberCount: counts.get(c.id) ?? 0, role: own.get(c.id) ?? null })),
  };
}

/** One company for its admin page, or a 404 for anyone who may not administer it. */
export async function adminCompany(acting: Acting | null, companyId: number): Promise<AdminCompany> {
  const { company, viewer } = await authorizeCompanyAdmin(acting, companyId);
  const memberCount = await countMembers(companyId);
  const role = (await findMembership(companyId, viewer.userId))?.role ?? null;
  return { id: company.id, name: company.name, slug: company.slug, memberCount, role };
}


/** The live check of the create-company form (platform admins only). */
export async function checkSlug(acting: Acting | null, input: string): Promise<SlugVerdict> {
  await authorizePlatformAdmin(acting);
  let slug: string;
  try {
    slug = normalizeSlug(input);
  } catch (error) {
    if (error instanceof HttpError) return { slug: input, available: false, message: error.message };
    throw error;
  }
  if ((await findCompanyBySlug(slug))) return { slug, available: false, message: `The slug "${slug}" is taken by another company.` };
  return { slug, available: true, message: `The slug "${slug}" is available: its login page will be /login/${slug}.` };
}

/**
 * A new company and its first admin (an existing user, by global username), in one transaction:
 * a company never exists without someone to run it.
 */
export async function createCompanyWithAdmin(
  acting: Acting | null,
  input: { name: string; slug: string; adminUsername: string },
): Promise<AdminCompany> {
  return writeTransaction(async () => {
    const { audit } = await authorizePlatformAdmin(acting);
    const admin = input.adminUsername.trim() === '' ? undefined : (await findUserByUsername(input.adminUsername));
    if (!admin) {
      throw new HttpError('validation_error', `There is no user named "${input.adminUsername}" to appoint as the first admin.`, {
        errors: { adminUsername: ['Give the global username of an existing user.'] },
      });
    }
    // createCompany and addMember run as savepoints of this transaction.
    const company = await createCompany({ name: input.name, slug: input.slug }, audit);
    await addMember({ companyId: company.id, username: input.adminUsername, role: 'admin' }, audit);
    return { id: company.id, name: company.name, slug: company.slug, memberCount: 1, role: null };
  });
}
