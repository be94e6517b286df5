import Papa from 'papaparse';
import { getConnection, type Sqlite } from '@/db/client';
import { writeTransaction } from '@/db/transactions';
import { recordAudit } from '@/lib/audit';
import { HttpError } from '@/lib/http/problem';
import { canonicalUsername, validateUsername } from '@/lib/usernames';
import { authorizeCompanyAdmin, type Acting } from '@/lib/companies/access';
import { unescapeFormula } from '@/lib/companies/csv';
import { mintSetupToken, toSetupLink } from '@/lib/accounts/setup-links';
import {
  APPLIED_STATUSES,
  IMPORT_COLUMNS,
  IMPORT_MAX_ROWS,
  type ImportPreview,
  type ImportResult,
  type ImportRow,
  type ImportStatus,
  type SetupLink,
} from '@/lib/companies/import-format';

// CSV import of company usernames. The file has a header row with the columns `username` and
// `company_username` (any order; other columns, such as the export's `role`, are ignored):
// - `username` set: an existing user, by global username. A member gets the company username; a
//   user who is not a member yet joins as a member with it.
// - `username` empty: a new account that exists only in this company, with that company username
//   and a one-time setup link for its password.
// Every row is checked with the same rules as the live check. Rows whose company username is
// invalid, taken (by someone else in the company), used twice in the file, or that name an unknown
// user (or the same user twice) are shown with the reason and skipped; the rest are applied together
// in one transaction, checked again inside it. The database is asked three bulk questions per file,
// never one per row.

interface ParsedRow {
  row: number;
  username: string;
  companyUsername: string;
  problem: string | null;
}

function fileError(message: string): HttpError {
  return new HttpError('validation_error', message, { errors: { file: [message] } });
}

/** The delimiter of the header line: a comma, or a semicolon or tab as some spreadsheets write. */
function delimiterOf(text: string): string {
  const end = text.search(/\r?\n|$/);
  const header = text.slice(0, end);
  if (header.includes(',')) return ',';
  if (header.includes(';')) return ';';
  if (header.includes('\t')) return '\t';
  return ',';
}

/** The data rows of an import file, numbered as a spreadsheet numbers them (the header is row 1). */
export function parseImportCsv(input: string): ParsedRow[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter: delimiterOf(text) });
  const header = parsed.data[0];
  if (!header || header.every((cell) => cell.trim() === '')) {
    throw fileError(`The file is empty. Its first row must be the header ${IMPORT_COLUMNS.username},${IMPORT_COLUMNS.companyUsername}.`);
  }
  const names = header.map((cell) => cell.trim().toLowerCase());
  const usernameAt = names.indexOf(IMPORT_COLUMNS.username);
  const companyUsernameAt = names.indexOf(IMPORT_COLUMNS.companyUsername);
  if (usernameAt === -1 || companyUsernameAt === -1) {
    throw fileError(
      `The first row must be the header ${IMPORT_COLUMNS.username},${IMPORT_COLUMNS.companyUsername} (found: ${header.join(',').slice(0, 80)}).`,
    );
  }
  const quoteProblems = new Map<number, string>();
  for (const error of parsed.errors) {
    if (error.row !== undefined && error.type === 'Quotes') quoteProblems.set(error.row, 'A quoted field is not closed.');
  }
  const rows: ParsedRow[] = [];
  for (let index = 1; index < parsed.data.length; index++) {
    const cells = parsed.data[index]!;
    if (cells.length === 1 && cells[0] === '') continue; // a blank line
    if (rows.length >= IMPORT_MAX_ROWS) throw fileError(`The file has more than ${IMPORT_MAX_ROWS.toLocaleString('en')} rows. Split it.`);
    let problem = quoteProblems.get(index) ?? null;
    if (problem === null && cells.length !== names.length) {
      problem = `This row has ${cells.length} field${cells.length === 1 ? '' : 's'}; the header has ${names.length}.`;
    }
    rows.push({
      row: index + 1,
      username: unescapeFormula(cells[usernameAt] ?? ''),
      companyUsername: unescapeFormula(cells[companyUsernameAt] ?? ''),
      problem,
    });
  }
  return rows;
}

interface Lookups {
  /** global canonical username → user id, for the names given */
  users(canonicals: string[]): Map<string, number>;
  /** company username canonical → the member holding it in this company */
  holders(canonicals: string[]): Map<string, number>;
  /** user id → that member's company username in this company (null: a member without one) */
  memberships(userIds: number[]): Map<number, string | null>;
}

const statements = new WeakMap<Sqlite, ReturnType<typeof prepare>>();
function prepare(sqlite: Sqlite) {
  // One parameter holding a JSON array: one query for any number of names, under SQLite's parameter limit.
  return {
    users: sqlite.prepare<[string], { id: number; c: string }>(
      'SELECT id, username_canonical AS c FROM users WHERE username_canonical IN (SELECT value FROM json_each(?))',
    ),
    holders: sqlite.prepare<[number, string], { userId: number; c: string }>(
      `SELECT user_id AS userId, company_username_canonical AS c FROM memberships
       WHERE company_id = ? AND company_username_canonical IN (SELECT value FROM json_each(?))`,
    ),
    memberships: sqlite.prepare<[number, string], { userId: number; name: string | null }>(
      `SELECT user_id AS userId, company_username AS name FROM memberships
       WHERE company_id = ? AND user_id IN (SELECT value FROM json_each(?))`,
    ),
  };
}

function sqliteLookups(sqlite: Sqlite, companyId: number): Lookups {
  let s = statements.get(sqlite);
  if (!s) {
    s = prepare(sqlite);
    statements.set(sqlite, s);
  }
  const st = s;
  return {
    users: (canonicals) => new Map(st.users.all(JSON.stringify(canonicals)).map((r) => [r.c, r.id])),
    holders: (canonicals) => new Map(st.holders.all(companyId, JSON.stringify(canonicals)).map((r) => [r.c, r.userId])),
    memberships: (userIds) => new Map(st.memberships.all(companyId, JSON.stringify(userIds)).map((r) => [r.userId, r.name])),
  };
}

interface Classified extends ImportRow {
  userId: number | null;
  canonical: string;
}

function rowList(rows: number[], self: number): string {
  const others = rows.filter((r) => r !== self).slice(0, 3);
  return others.map((r) => `row ${r}`).join(', ') + (rows.length - 1 > others.length ? ' and more' : '');
}

/** What the import would do with each row, with the database as it is now. */
export function classifyRows(rows: ParsedRow[], lookups: Lookups): Classified[] {
  const out: Classified[] = rows.map((r) => ({
    row: r.row,
    username: r.username,
    companyUsername: r.companyUsername,
    status: 'create' as ImportStatus,
    message: '',
    userId: null,
    canonical: '',
  }));

  // The format rules, row by row, in memory.
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
      row.message = validation.errors[0]?.message ?? 'This company username breaks the rules.';
      continue;
    }
    row.canonical = validation.canonical;
    if (row.username !== '') globalCanonicals.push(canonicalUsername(row.username, 'global'));
  }

  // Three bulk questions to the database.
  const userIds = lookups.users(globalCanonicals);
  const candidates = out.filter((r) => r.status !== 'invalid');
  const holders = lookups.holders(candidates.map((r) => r.canonical));
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
  const current = lookups.memberships([...new Set(candidates.flatMap((r) => (r.userId === null ? [] : [r.userId])))]);

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
    if (row.userId === null) {
      row.status = 'create';
      row.message = 'A new company account, with a setup link for its password.';
    } else if (!current.has(row.userId)) {
      row.status = 'add';
      row.message = 'Joins the company as a member with this company username.';
    } else if (current.get(row.userId) === row.companyUsername) {
      row.status = 'unchanged';
      row.message = 'Already has this company username.';
    } else {
      row.status = 'update';
      const from = current.get(row.userId);
      row.message = from ? `Changes the company username from "${from}".` : 'Gets this company username.';
    }
  }
  return out;
}

const SHOWN_PROBLEMS = 1000;
const SHOWN_VALID = 200;
const STATUSES: ImportStatus[] = ['create', 'add', 'update', 'unchanged', 'invalid', 'duplicate', 'taken', 'unknown_user'];

function summarize(classified: Classified[], elapsedMs: number): ImportPreview {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ImportStatus, number>;
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

/** The preview: every row checked, nothing changed. */
export function previewImport(acting: Acting | null, companyId: number, csv: string): ImportPreview {
  authorizeCompanyAdmin(acting, companyId);
  const started = performance.now();
  const rows = parseImportCsv(csv);
  const classified = classifyRows(rows, sqliteLookups(getConnection().sqlite, companyId));
  return summarize(classified, performance.now() - started);
}

/**
 * Applies every valid row of the file in one IMMEDIATE transaction, after checking all rows again
 * inside it (the database may have changed since the preview); invalid rows are skipped.
 */
export function applyImport(acting: Acting | null, companyId: number, csv: string, now: number = Date.now()): ImportResult {
  const connection = getConnection();
  const rows = parseImportCsv(csv);
  return writeTransaction(() => {
    const access = authorizeCompanyAdmin(acting, companyId);
    const { sqlite } = connection;
    const classified = classifyRows(rows, sqliteLookups(sqlite, companyId));
    const update = sqlite.prepare(
      'UPDATE memberships SET company_username = ?, company_username_canonical = ?, updated_at = ? WHERE company_id = ? AND user_id = ?',
    );
    const addMembership = sqlite.prepare(
      `INSERT INTO memberships (company_id, user_id, role, company_username, company_username_canonical, created_at, updated_at)
       VALUES (?, ?, 'member', ?, ?, ?, ?)`,
    );
    const newUser = sqlite.prepare<[number, number], { id: number }>(
      'INSERT INTO users (username, created_at, updated_at) VALUES (NULL, ?, ?) RETURNING id',
    );
    const newSetupToken = sqlite.prepare('INSERT INTO setup_tokens (token_hash, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)');
    const result: ImportResult = { created: 0, added: 0, updated: 0, unchanged: 0, skipped: 0, setupLinks: [] as SetupLink[] };
    for (const row of classified) {
      switch (row.status) {
        case 'update':
          update.run(row.companyUsername, row.canonical, now, companyId, row.userId);
          result.updated++;
          break;
        case 'add':
          addMembership.run(companyId, row.userId, row.companyUsername, row.canonical, now, now);
          result.added++;
          break;
        case 'create': {
          const user = newUser.get(now, now)!;
          addMembership.run(companyId, user.id, row.companyUsername, row.canonical, now, now);
          const minted = mintSetupToken(now);
          newSetupToken.run(minted.tokenHash, user.id, minted.expiresAt.getTime(), now);
          result.setupLinks.push(toSetupLink(row.companyUsername, minted));
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
    recordAudit(access.audit, {
      action: 'import.apply',
      companyId,
      details: { rows: classified.length, created: result.created, added: result.added, updated: result.updated, skipped: result.skipped },
    });
    return result;
  });
}
