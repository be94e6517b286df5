// Applying an import file: every valid row in one IMMEDIATE transaction, with the authorization
// decided and every row classified again inside it (the database may have changed since the
// preview), the new accounts' setup links minted, existing users who are not members invited (never
// added: issue 15), the company usernames replaced held for the company (COMPANY_USERNAME_HOLD_DAYS,
// as a change on the members table holds them), and one audit entry for the whole file.
import {
  claimCompanyUsernames,
  holdCompanyUsernames,
  insertCompanyOnlyUser,
  insertMemberInvitation,
  insertMemberWithCompanyUsername,
  insertSetupToken,
  updateMemberCompanyUsername,
  type GivenUpName,
} from '@/db/queries/import';
import { writeTransaction } from '@/db/transactions';
import { mintSetupToken, toSetupLink } from '@/lib/accounts/setup-links';
import { recordAudit } from '@/lib/audit';
import { now as clockNow } from '@/lib/clock';
import { companyHoldUntil } from '@/lib/holds';
import { HttpError } from '@/lib/http/problem';
import { canonicalUsername } from '@/lib/usernames';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import type { ImportResult } from '@/lib/companies/import/format';
import { classifyRows } from '@/lib/companies/import/classify';
import { parseImportCsv } from '@/lib/companies/import/parse';
import { companyLookups } from '@/lib/companies/import/preview';

/**
 * Applies every valid row of the file in one IMMEDIATE transaction, after checking all rows again
 * inside it (the database may have changed since the preview); invalid rows are skipped.
 */
export async function applyImport(acting: Acting | null, companyId: number, csv: string, now: number = clockNow().getTime()): Promise<ImportResult> {
  const rows = parseImportCsv(csv);
  return writeTransaction(async () => {
    const access = await authorizeCompanyAdmin(acting, companyId);
    const classified = await classifyRows(rows, companyLookups(companyId, now));
    const result: ImportResult = { created: 0, invited: 0, updated: 0, unchanged: 0, skipped: 0, setupLinks: [] };
    const givenUp: GivenUpName[] = [];
    const claimed: { canonical: string; userId: number }[] = [];
    for (const row of classified) {
      const { companyUsername, canonical } = row;
      switch (row.status) {
        case 'update':
          await updateMemberCompanyUsername({ companyId, userId: row.userId!, companyUsername, canonical, now });
          claimed.push({ canonical, userId: row.userId! });
          if (row.previous !== null) {
            const previous = canonicalUsername(row.previous, 'company');
            if (previous !== canonical) givenUp.push({ companyUsername: row.previous, canonical: previous, userId: row.userId! });
          }
          result.updated++;
          break;
        case 'invite':
          await insertMemberInvitation({ companyId, userId: row.userId!, companyUsername, invitedBy: access.viewer.userId, now });
          result.invited++;
          break;
        case 'create': {
          const userId = await insertCompanyOnlyUser(now);
          await insertMemberWithCompanyUsername({ companyId, userId, companyUsername, canonical, now });
          claimed.push({ canonical, userId });
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
    // The rows were checked against the holds in this transaction; a hold written since (PostgreSQL:
    // another transaction freeing a name as this one took it) wins, and the whole file rolls back.
    const heldUntil = await claimCompanyUsernames(companyId, claimed, now);
    if (heldUntil !== null) {
      throw new HttpError('conflict', 'A company username in the file was given up a moment ago and is held for the company. Preview the file again.');
    }
    const holdUntil = companyHoldUntil(new Date(now));
    if (holdUntil !== null) await holdCompanyUsernames(companyId, givenUp, holdUntil.getTime(), now);
    await recordAudit(access.audit, {
      action: 'import.apply',
      companyId,
      details: { rows: classified.length, created: result.created, invited: result.invited, updated: result.updated, skipped: result.skipped },
    });
    return result;
  });
}
