// The preview of an import file: every row checked against the database as it is now, nothing
// changed. Also where the classification's five questions are put to the storage boundary, for
// the preview and for the apply's second check inside its transaction.
import { findCompanyUsernameHolders, findCompanyUsernamesOfMembers, findHeldCompanyUsernames, findInvitedUserIds, findUserIdsByCanonical } from '@/db/queries/import';
import { now as clockNow } from '@/lib/clock';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { companyUsernameRules } from '@/lib/companies/username-rules';
import type { ImportPreview } from '@/lib/companies/import/format';
import { classifyRows, summarizePreview, type ImportLookups } from '@/lib/companies/import/classify';
import { parseImportCsv } from '@/lib/companies/import/parse';

/** The classification's questions about company `companyId`, answered by the database; holds as they count at `now` (ms). */
export function companyLookups(companyId: number, now: number = clockNow().getTime()): ImportLookups {
  return {
    rules: () => companyUsernameRules(companyId),
    users: (canonicals) => findUserIdsByCanonical(canonicals),
    holders: (canonicals) => findCompanyUsernameHolders(companyId, canonicals),
    memberships: (userIds) => findCompanyUsernamesOfMembers(companyId, userIds),
    invited: (userIds) => findInvitedUserIds(companyId, userIds),
    held: (canonicals) => findHeldCompanyUsernames(companyId, canonicals, now),
  };
}

/** The preview: every row checked, nothing changed. */
export async function previewImport(acting: Acting | null, companyId: number, csv: string): Promise<ImportPreview> {
  await authorizeCompanyAdmin(acting, companyId);
  const started = performance.now();
  const rows = parseImportCsv(csv);
  const classified = await classifyRows(rows, companyLookups(companyId));
  return summarizePreview(classified, performance.now() - started);
}
