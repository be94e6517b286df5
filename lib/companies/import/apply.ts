// Applying an import file: every valid row in one IMMEDIATE transaction, with the authorization
// decided and every row classified again inside it (the database may have changed since the
// preview), the new accounts' setup links minted, existing users who are not members invited (never
// added: issue 15), and one audit entry for the whole file.
import {
  insertCompanyOnlyUser,
  insertMemberInvitation,
  insertMemberWithCompanyUsername,
  insertSetupToken,
  updateMemberCompanyUsername,
} from '@/db/queries/import';
import { writeTransaction } from '@/db/transactions';
import { mintSetupToken, toSetupLink } from '@/lib/accounts/setup-links';
import { recordAudit } from '@/lib/audit';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import type { ImportResult } from '@/lib/companies/import/format';
import { classifyRows } from '@/lib/companies/import/classify';
import { parseImportCsv } from '@/lib/companies/import/parse';
import { companyLookups } from '@/lib/companies/import/preview';

/**
 * Applies every valid row of the file in one IMMEDIATE transaction, after checking all rows again
 * inside it (the database may have changed since the preview); invalid rows are skipped.
 */
export async function applyImport(acting: Acting | null, companyId: number, csv: string, now: number = Date.now()): Promise<ImportResult> {
  const rows = parseImportCsv(csv);
  return writeTransaction(async () => {
    const access = await authorizeCompanyAdmin(acting, companyId);
    const classified = await classifyRows(rows, companyLookups(companyId));
    const result: ImportResult = { created: 0, invited: 0, updated: 0, unchanged: 0, skipped: 0, setupLinks: [] };
    for (const row of classified) {
      const { companyUsername, canonical } = row;
      switch (row.status) {
        case 'update':
          await updateMemberCompanyUsername({ companyId, userId: row.userId!, companyUsername, canonical, now });
          result.updated++;
          break;
        case 'invite':
          await insertMemberInvitation({ companyId, userId: row.userId!, companyUsername, invitedBy: access.viewer.userId, now });
          result.invited++;
          break;
        case 'create': {
          const userId = await insertCompanyOnlyUser(now);
          await insertMemberWithCompanyUsername({ companyId, userId, companyUsername, canonical, now });
          const minted = mintSetupToken(now);
          await insertSetupToken({ tokenHash: minted.tokenHash, userId, expiresAt: minted.expiresAt.getTime(), now });
          result.setupLinks.push(toSetupLink(companyUsername, minted));
          result.created++;
          break;
        }
        case 'unchanged':
          result.unchanged++;
          break;
        default:
          result.skipped++;
      }
    }
    await recordAudit(access.audit, {
      action: 'import.apply',
      companyId,
      details: { rows: classified.length, created: result.created, invited: result.invited, updated: result.updated, skipped: result.skipped },
    });
    return result;
  });
}
