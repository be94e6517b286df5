// What the import would do with each row of a file, given what the database says now. Pure: the
// database's answers come in through `ImportLookups`, five bulk questions per file, never one per
// row (lib/companies/import/preview.ts asks them of db/queries/import.ts).
// - `username` set: an existing user, by global username. A member gets the company username; a
//   user who is not a member yet is invited with it (they join when they accept on /account: no
//   admin makes someone a member without asking, issue 15); one invited already is left to answer.
// - `username` empty: a new account that exists only in this company, with that company username
//   and a one-time setup link for its password.
// Every row is checked with the same rules as the live check. Rows whose company username is
// invalid, taken (by someone else in the company), held for the company (given up recently by
// someone else: the person it is held for may take it back), used twice in the file, or that name an unknown
// user (or the same user twice, or one invited already) are shown with the reason and skipped.
import { translate } from '@/lib/i18n/translate';
import { canonicalUsername, companyRuleViolation, heldCompanyNameMessage, validateUsername, type CompanyUsernameRules } from '@/lib/usernames';
import { APPLIED_STATUSES, IMPORT_STATUSES, type ImportPreview, type ImportRow, type ImportStatus } from '@/lib/companies/import/format';
import type { ParsedRow } from '@/lib/companies/import/parse';

/** The questions, each asked once per file with every name at once. */
export interface ImportLookups {
  /** the company's own username rules (lengths, pattern, reserved names) */
  rules(): Promise<CompanyUsernameRules>;
  /** global canonical username → user id, for the names given */
  users(canonicals: string[]): Promise<Map<string, number>>;
  /** company username canonical → the member holding it in this company */
  holders(canonicals: string[]): Promise<Map<string, number>>;
  /** user id → that member's company username in this company (null: a member without one) */
  memberships(userIds: number[]): Promise<Map<number, string | null>>;
  /** the user ids, of those given, with a pending invitation to this company */
  invited(userIds: number[]): Promise<Set<number>>;
  /** company username canonical → for whom (null: a deleted account) and until when (ms) it is held for this company now */
  held(canonicals: string[]): Promise<Map<string, { userId: number | null; until: number }>>;
}

/** A row with its verdict, and what applying it needs: the user (null: a new account) and the canonical form. */
export interface ClassifiedRow extends ImportRow {
  userId: number | null;
  canonical: string;
  /** an `update`'s company username before it (held for the company once replaced), or null */
  previous: string | null;
}

function rowList(rows: number[], self: number): string {
  const others = rows.filter((r) => r !== self).slice(0, 3);
  return others.map((r) => `row ${r}`).join(', ') + (rows.length - 1 > others.length ? ' and more' : '');
}

/** What the import would do with each row, with the database as `lookups` says it is. */
export async function classifyRows(rows: ParsedRow[], lookups: ImportLookups): Promise<ClassifiedRow[]> {
  const out: ClassifiedRow[] = rows.map((r) => ({
    row: r.row,
    username: r.username,
    companyUsername: r.companyUsername,
    status: 'create' as ImportStatus,
    message: '',
    userId: null,
    canonical: '',
    previous: null,
  }));

  // The format rules and the company's own rules, row by row, in memory.
  const rules = await lookups.rules();
  const globalCanonicals: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = out[i]!;
    const problem = rows[i]!.problem;
    if (problem !== null) {
      row.status = 'invalid';
      row.message = problem;
      continue;
    }
    if (row.companyUsername === '') {
      row.status = 'invalid';
      row.message = 'The company username is empty. (To remove one, clear it in the members table.)';
      continue;
    }
    const validation = validateUsername(row.companyUsername, 'company');
    if (!validation.ok) {
      row.status = 'invalid';
      row.message = translate(validation.errors[0]!);
      continue;
    }
    const broken = companyRuleViolation(row.companyUsername, rules, validation.canonical);
    if (broken) {
      row.status = 'invalid';
      row.message = `${broken.message}.`;
      continue;
    }
    row.canonical = validation.canonical;
    if (row.username !== '') globalCanonicals.push(canonicalUsername(row.username, 'global'));
  }

  // Five bulk questions to the database.
  const userIds = await lookups.users(globalCanonicals);
  const candidates = out.filter((r) => r.status !== 'invalid');
  const holders = await lookups.holders(candidates.map((r) => r.canonical));
  const held = await lookups.held(candidates.map((r) => r.canonical));
  for (const row of candidates) {
    if (row.username === '') continue;
    const id = userIds.get(canonicalUsername(row.username, 'global'));
    if (id === undefined) {
      row.status = 'unknown_user';
      row.message = `There is no user named "${row.username}".`;
    } else {
      row.userId = id;
    }
  }
  const people = [...new Set(candidates.flatMap((r) => (r.userId === null ? [] : [r.userId])))];
  const current = await lookups.memberships(people);
  const invited = await lookups.invited(people.filter((id) => !current.has(id)));

  // Duplicates inside the file: every row that shares a company username (or a person) is skipped.
  const byName = new Map<string, number[]>();
  const byUser = new Map<number, number[]>();
  const push = <K,>(map: Map<K, number[]>, key: K, row: number) => {
    const list = map.get(key);
    if (list) list.push(row);
    else map.set(key, [row]);
  };
  for (const row of candidates) {
    push(byName, row.canonical, row.row);
    if (row.userId !== null) push(byUser, row.userId, row.row);
  }

  for (const row of candidates) {
    if (row.status === 'unknown_user') continue;
    const sameName = byName.get(row.canonical)!;
    const samePerson = row.userId === null ? [] : byUser.get(row.userId)!;
    if (sameName.length > 1) {
      row.status = 'duplicate';
      row.message = `The same company username is also on ${rowList(sameName, row.row)}.`;
      continue;
    }
    if (samePerson.length > 1) {
      row.status = 'duplicate';
      row.message = `This person is also on ${rowList(samePerson, row.row)}.`;
      continue;
    }
    const holder = holders.get(row.canonical);
    if (holder !== undefined && holder !== row.userId) {
      row.status = 'taken';
      row.message = `Username "${row.companyUsername}" is already taken for this company`;
      continue;
    }
    const hold = held.get(row.canonical);
    if (hold !== undefined && (hold.userId === null || hold.userId !== row.userId)) {
      row.status = 'held';
      row.message = translate(heldCompanyNameMessage(row.companyUsername, new Date(hold.until)));
      continue;
    }
    if (row.userId === null) {
      row.status = 'create';
      row.message = 'A new company account, with a setup link for its password.';
    } else if (!current.has(row.userId)) {
      if (invited.has(row.userId)) {
        row.status = 'invited';
        row.message = 'Invited already: they join when they accept. Withdraw the invitation to offer another company username.';
      } else {
        row.status = 'invite';
        row.message = 'Not a member yet: gets an invitation with this company username, and joins when they accept.';
      }
    } else if (current.get(row.userId) === row.companyUsername) {
      row.status = 'unchanged';
      row.message = 'Already has this company username.';
    } else {
      row.status = 'update';
      const from = current.get(row.userId);
      row.previous = from ?? null;
      row.message = from ? `Changes the company username from "${from}".` : 'Gets this company username.';
    }
  }
  return out;
}

const SHOWN_PROBLEMS = 1000;
const SHOWN_VALID = 200;

/** The preview the admin sees: the counts, the rows with problems first (up to a limit), then the first valid rows. */
export function summarizePreview(classified: ClassifiedRow[], elapsedMs: number): ImportPreview {
  const counts = Object.fromEntries(IMPORT_STATUSES.map((s) => [s, 0])) as Record<ImportStatus, number>;
  const problems: ImportRow[] = [];
  const valid: ImportRow[] = [];
  for (const r of classified) {
    counts[r.status]++;
    const view: ImportRow = { row: r.row, username: r.username, companyUsername: r.companyUsername, status: r.status, message: r.message };
    if (APPLIED_STATUSES.includes(r.status)) {
      if (valid.length < SHOWN_VALID) valid.push(view);
    } else if (problems.length < SHOWN_PROBLEMS) {
      problems.push(view);
    }
  }
  const validCount = APPLIED_STATUSES.reduce((n, s) => n + counts[s], 0);
  return {
    total: classified.length,
    valid: validCount,
    counts,
    rows: [...problems, ...valid],
    problemsShown: problems.length,
    problemsTotal: classified.length - validCount,
    elapsedMs: Math.round(elapsedMs),
  };
}
