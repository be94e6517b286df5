// Company usernames held for a company (removed or replaced, not yet free for anyone but the member
// who had them): what the admin screen lists, and its `Release` (one click frees the name at once).
import { listCompanyHolds, releaseCompanyHold, type HeldCompanyName } from '@/db/queries/memberships';
import { writeTransaction } from '@/db/transactions';
import { recordAudit } from '@/lib/audit';
import { now } from '@/lib/clock';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { HttpError } from '@/lib/http/problem';
import { canonicalUsername } from '@/lib/usernames';

/** The longest company username the release accepts (the company profile's maximum is 64). */
const MAX_RELEASE_INPUT = 1024;

/** A held name: who had it (userId null: deleted since; username null: a company-only account, or deleted), until when. */
export type HeldCompanyUsername = HeldCompanyName;

/** The company's held usernames that still count now, soonest free first; a 404 for anyone who may not administer it. */
export async function listHeldCompanyUsernames(acting: Acting | null, companyId: number): Promise<HeldCompanyUsername[]> {
  await authorizeCompanyAdmin(acting, companyId);
  return listCompanyHolds(companyId, now());
}

/** Frees a held company username at once (audited); a name that is not held (or whose hold is over) is a 404. */
export async function releaseHeldCompanyUsername(acting: Acting | null, companyId: number, companyUsername: string): Promise<{ companyUsername: string }> {
  if (companyUsername.length === 0 || companyUsername.length > MAX_RELEASE_INPUT) {
    throw new HttpError('validation_error', 'Name the held company username to release.', { errors: { companyUsername: ['Name the held company username to release.'] } });
  }
  return writeTransaction(async () => {
    const access = await authorizeCompanyAdmin(acting, companyId);
    const released = await releaseCompanyHold(companyId, canonicalUsername(companyUsername, 'company'), now());
    if (released === null) {
      throw new HttpError('not_found', `"${companyUsername}" is not held for ${access.company.name} (it may have been released already, or its hold is over).`);
    }
    await recordAudit(access.audit, { action: 'member.company_username.release', companyId, target: released });
    return { companyUsername: released };
  });
}
