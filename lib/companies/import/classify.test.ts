// Classifying rows, with the database's answers given in memory: the verdicts, and the questions
// asked (three per file, each with every name at once, never one per row).
import { describe, expect, it } from 'vitest';
import { classifyRows, summarizePreview, type ImportLookups } from '@/lib/companies/import/classify';
import type { ParsedRow } from '@/lib/companies/import/parse';

// alice (1) is not a member; carol (3) is one as C-1; dave (4) as D-1; erin (5) without a company username.
const USERS = new Map([['alice', 1], ['carol', 3], ['dave', 4], ['erin', 5]]);
const MEMBERS = new Map<number, string | null>([[3, 'C-1'], [4, 'D-1'], [5, null]]);
const HOLDERS = new Map([['c-1', 3], ['d-1', 4], ['x-9', 9]]); // 9: someone not in the file

function recordingLookups() {
  const asked: { users: string[][]; holders: string[][]; memberships: number[][] } = { users: [], holders: [], memberships: [] };
  const lookups: ImportLookups = {
    users: (canonicals) => (asked.users.push(canonicals), new Map([...USERS].filter(([name]) => canonicals.includes(name)))),
    holders: (canonicals) => (asked.holders.push(canonicals), new Map([...HOLDERS].filter(([name]) => canonicals.includes(name)))),
    memberships: (ids) => (asked.memberships.push(ids), new Map([...MEMBERS].filter(([id]) => ids.includes(id)))),
  };
  return { asked, lookups };
}

const rows = (...pairs: [string, string][]): ParsedRow[] =>
  pairs.map(([username, companyUsername], i) => ({ row: i + 2, username, companyUsername, problem: null }));

describe('classifying import rows', () => {
  it('says what each row would do, given what the database holds', () => {
    const { lookups } = recordingLookups();
    const classified = classifyRows(
      rows(['alice', 'AL-1'], ['Carol', 'C-2'], ['dave', 'D-1'], ['erin', 'E-1'], ['', 'NEW-1'], ['', 'x-9'], ['ghost', 'G-1']),
      lookups,
    );
    expect(classified.map((r) => [r.row, r.status, r.userId, r.canonical, r.message])).toEqual([
      [2, 'add', 1, 'al-1', 'Joins the company as a member with this company username.'],
      [3, 'update', 3, 'c-2', 'Changes the company username from "C-1".'],
      [4, 'unchanged', 4, 'd-1', 'Already has this company username.'],
      [5, 'update', 5, 'e-1', 'Gets this company username.'],
      [6, 'create', null, 'new-1', 'A new company account, with a setup link for its password.'],
      [7, 'taken', null, 'x-9', 'Username "x-9" is already taken for this company'],
      [8, 'unknown_user', null, 'g-1', 'There is no user named "ghost".'],
    ]);
  });

  it('asks the database three questions for the whole file, each with every name at once', () => {
    const { asked, lookups } = recordingLookups();
    const file: ParsedRow[] = [
      ...rows(['alice', 'AL-1'], ['carol', 'C-2'], ['', 'NEW-1'], ['bob', ' padded']),
      ...Array.from({ length: 5_000 }, (_, i) => ({ row: i + 6, username: '', companyUsername: `N-${i}`, problem: null })),
    ];
    const classified = classifyRows(file, lookups);
    expect(asked.users).toEqual([['alice', 'carol']]); // the invalid row's user is not asked about
    expect(asked.holders).toHaveLength(1);
    expect(asked.holders[0]).toHaveLength(file.length - 1);
    expect(asked.holders[0]!.slice(0, 3)).toEqual(['al-1', 'c-2', 'new-1']);
    expect(asked.memberships).toEqual([[1, 3]]);
    expect(classified[3]).toMatchObject({ status: 'invalid', userId: null });
  });

  it('the preview counts every row, and shows the problems first', () => {
    const { lookups } = recordingLookups();
    const preview = summarizePreview(classifyRows(rows(['alice', 'AL-1'], ['', ''], ['', 'd-1']), lookups), 12.4);
    expect(preview).toMatchObject({ total: 3, valid: 1, problemsShown: 2, problemsTotal: 2, elapsedMs: 12 });
    expect(preview.counts).toMatchObject({ add: 1, invalid: 1, taken: 1, create: 0 });
    expect(preview.rows.map((r) => r.status)).toEqual(['invalid', 'taken', 'add']);
  });
});
