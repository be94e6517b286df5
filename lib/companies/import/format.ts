// The CSV import's file format and answers, shared by the server and the admin screen's browser
// code: no database, no Node APIs.
import type { SetupLink } from '@/lib/accounts/setup-links';
import { toCsv } from '@/lib/companies/csv';
import { plural } from '@/lib/format';

/** The import file: a header row naming these columns (any order, any case); other columns are ignored. */
export const IMPORT_COLUMNS = { username: 'username', companyUsername: 'company_username' } as const;
export const IMPORT_MAX_BYTES = 32 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 200_000;

/**
 * What the import will do with a row (the first four apply, the rest are skipped):
 * create a company-only account, invite an existing user who is not a member (they join, with that
 * company username, when they accept), update a member's company username, leave a member as they
 * are; or refuse the row and say why (an existing user already invited is left to answer).
 */
export type ImportStatus = 'create' | 'invite' | 'update' | 'unchanged' | 'invalid' | 'duplicate' | 'taken' | 'held' | 'unknown_user' | 'invited';

export const APPLIED_STATUSES: readonly ImportStatus[] = ['create', 'invite', 'update', 'unchanged'];

/** Every status, in the order the preview counts them. */
export const IMPORT_STATUSES: readonly ImportStatus[] = ['create', 'invite', 'update', 'unchanged', 'invalid', 'duplicate', 'taken', 'held', 'unknown_user', 'invited'];

export const IMPORT_STATUS_LABELS: Readonly<Record<ImportStatus, string>> = {
  create: 'New account',
  invite: 'Invite',
  update: 'Update',
  unchanged: 'No change',
  invalid: 'Invalid',
  duplicate: 'Duplicate in file',
  taken: 'Taken',
  held: 'Held',
  unknown_user: 'Unknown user',
  invited: 'Already invited',
};

export interface ImportRow {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  username: string;
  companyUsername: string;
  status: ImportStatus;
  message: string;
}

export interface ImportPreview {
  total: number;
  valid: number;
  counts: Record<ImportStatus, number>;
  /** The rows with problems first (up to a limit), then the first valid rows; `total` counts them all. */
  rows: ImportRow[];
  problemsShown: number;
  problemsTotal: number;
  elapsedMs: number;
}

export interface ImportResult {
  created: number;
  invited: number;
  updated: number;
  unchanged: number;
  skipped: number;
  setupLinks: SetupLink[];
}

/**
 * What an applied import did, in words (the screen and the audit log say it alike). `added` is for
 * audit entries of imports from before invitations, which added existing users directly.
 */
export function describeImportResult(r: {
  created: number;
  invited: number;
  added?: number;
  updated: number;
  unchanged?: number;
  skipped: number;
}): string {
  const parts = [plural(r.created, 'new account')];
  if (r.added) parts.push(plural(r.added, 'member added', 'members added'));
  parts.push(`${r.invited.toLocaleString('en')} invited`, `${r.updated.toLocaleString('en')} updated`);
  if (r.unchanged !== undefined) parts.push(`${r.unchanged.toLocaleString('en')} unchanged`);
  parts.push(plural(r.skipped, 'row skipped', 'rows skipped'));
  return parts.join(', ');
}

export const SETUP_LINK_COLUMNS = ['company_username', 'setup_link', 'expires_at'] as const;

/**
 * The applied import's new accounts and their setup links as CSV, for the admin to download: through
 * the one CSV writer (lib/companies/csv.ts), so a company username such as `=HYPERLINK(…)` stays text
 * in a spreadsheet.
 */
export function setupLinksCsv(links: readonly SetupLink[], origin: string): string {
  return toCsv(
    SETUP_LINK_COLUMNS,
    links.map((l) => [l.companyUsername, origin + l.path, l.expiresAt]),
  );
}
