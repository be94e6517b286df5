// Classifying rows, with the database's answers given in memory: the verdicts, and the questions
// asked (five per file, each with every name at once, never one per row).
import { describe, expect, it } from 'vitest';
import { classifyRows, summarizePreview, type ImportLookups } from '@/lib/companies/import/classify';
import type { ParsedRow } from '@/lib/companies/import/parse';
import { NO_COMPANY_RULES, type CompanyUsernameRules } from '@/lib/usernames';

// alice (1) is not a member; carol (3) is one as C-1; dave (4) as D-1; erin (5) without a company
// username; fred (6) is not a member but invited already.
const USERS = new Map([['alice', 1], ['carol', 3], ['dave', 4], ['erin', 5], ['fred', 6]]);
const INVITED = new Set([6]);
const MEMBERS = new Map<number, string | null>([[3, 'C-1'], [4, 'D-1'], [5, null]]);
const HOLDERS = new Map([['c-1', 3], ['d-1', 4], ['x-9', 9]]); // 9: someone not in the file
// Held for the company: h-1 for carol (hers to take back), h-2 for dave, h-3 for a deleted account.
const HELD_UNTIL = Date.UTC(2026, 2, 31);
const HELD = new Map([['h-1', { userId: 3, until: HELD_UNTIL }], ['h-2', { userId: 4, until: HELD_UNTIL }], ['h-3', { userId: null, until: HELD_UNTIL }]]);

function recordingLookups(rules: CompanyUsernameRules = NO_COMPANY_RULES) {
  const asked: { rules: number; users: string[][]; holders: string[][]; memberships: number[][]; invited: number[][]; held: string[][] } = {
    rules: 0,
    users: [],
    holders: [],
    memberships: [],
    invited: [],
    held: [],
  };
  const lookups: ImportLookups = {
    rules: async () => (asked.rules++, rules),
    users: async (canonicals) => (asked.users.push(canonicals), new Map([...USERS].filter(([name]) => canonicals.includes(name)))),
    holders: async (canonicals) => (asked.holders.push(canonicals), new Map([...HOLDERS].filter(([name]) => canonicals.includes(name)))),
    memberships: async (ids) => (asked.memberships.push(ids), new Map([...MEMBERS].filter(([id]) => ids.includes(id)))),
    invited: async (ids) => (asked.invited.push(ids), new Set([...INVITED].filter((id) => ids.includes(id)))),
    held: async (canonicals) => (asked.held.push(canonicals), new Map([...HELD].filter(([name]) => canonicals.includes(name)))),
  };
  return { asked, lookups };
}

const rows = (...pairs: [string, string][]): ParsedRow[] =>
  pairs.map(([username, companyUsername], i) => ({ row: i + 2, username, companyUsername, problem: null }));

describe('classifying import rows', () => {
  it('says what each row would do, given what the database holds', async () => {
    const { lookups } = recordingLookups();
    const classified = await classifyRows(
      rows(['alice', 'AL-1'], ['Carol', 'C-2'], ['dave', 'D-1'], ['erin', 'E-1'], ['', 'NEW-1'], ['', 'x-9'], ['ghost', 'G-1'], ['fred', 'F-1']),
      lookups,
    );
    expect(classified.map((r) => [r.row, r.status, r.userId, r.canonical, r.message])).toEqual([
      // Not a member: invited (issue 15: an admin never makes someone a member without asking).
      [2, 'invite', 1, 'al-1', 'Not a member yet: gets an invitation with this company username, and joins when they accept.'],
      [3, 'update', 3, 'c-2', 'Changes the company username from "C-1".'],
      [4, 'unchanged', 4, 'd-1', 'Already has this company username.'],
      [5, 'update', 5, 'e-1', 'Gets this company username.'],
      [6, 'create', null, 'new-1', 'A new company account, with a setup link for its password.'],
      [7, 'taken', null, 'x-9', 'Username "x-9" is already taken for this company'],
      [8, 'unknown_user', null, 'g-1', 'There is no user named "ghost".'],
      [9, 'invited', 6, 'f-1', 'Invited already: they join when they accept. Withdraw the invitation to offer another company username.'],
    ]);
  });

  it('asks the database five questions for the whole file, each with every name at once', async () => {
    const { asked, lookups } = recordingLookups();
    const file: ParsedRow[] = [
      ...rows(['alice', 'AL-1'], ['carol', 'C-2'], ['', 'NEW-1'], ['bob', ' padded']),
      ...Array.from({ length: 5_000 }, (_, i) => ({ row: i + 6, username: '', companyUsername: `N-${i}`, problem: null })),
    ];
    const classified = await classifyRows(file, lookups);
    expect(asked.rules).toBe(1);
    expect(asked.users).toEqual([['alice', 'carol']]); // the invalid row's user is not asked about
    expect(asked.holders).toHaveLength(1);
    expect(asked.holders[0]).toHaveLength(file.length - 1);
    expect(asked.holders[0]!.slice(0, 3)).toEqual(['al-1', 'c-2', 'new-1']);
    expect(asked.memberships).toEqual([[1, 3]]);
    expect(asked.invited).toEqual([[1]]); // only about people who are not members
    expect(asked.held).toEqual(asked.holders);
    expect(classified[3]).toMatchObject({ status: 'invalid', userId: null });
  });

  it('refuses a name held for the company for someone else, saying until when; the person it is held for takes it back', async () => {
    const { lookups } = recordingLookups();
    const classified = await classifyRows(rows(['carol', 'H-1'], ['dave', 'h-1x'], ['erin', 'H-2'], ['', 'h-3']), lookups);
    expect(classified.map((r) => [r.row, r.status, r.message, r.previous])).toEqual([
      [2, 'update', 'Changes the company username from "C-1".', 'C-1'],
      [3, 'update', 'Changes the company username from "D-1".', 'D-1'],
      [4, 'held', 'Username "H-2" was given up recently and is held for this company until March 31, 2026', null],
      [5, 'held', 'Username "h-3" was given up recently and is held for this company until March 31, 2026', null],
    ]);
  });

  it("refuses rows that break the company's own rules, naming the rule", async () => {
    const { lookups } = recordingLookups({ minLength: 5, maxLength: 8, pattern: '[A-Z]{2}-\\d+', reserved: new Set(['ab-99']) });
    const classified = await classifyRows(rows(['', 'AB-1'], ['', 'ab-12'], ['', 'AB-99'], ['', 'AB-123456'], ['', 'AB-12']), lookups);
    expect(classified.map((r) => [r.status, r.message])).toEqual([
      ['invalid', 'Username "AB-1" is too short for this company (at least 5 characters).'],
      ['invalid', 'Username "ab-12" does not match this company\'s pattern ([A-Z]{2}-\\d+).'],
      ['invalid', 'Username "AB-99" is reserved by this company.'],
      ['invalid', 'Username "AB-123456" is too long for this company (at most 8 characters).'],
      ['create', 'A new company account, with a setup link for its password.'],
    ]);
  });

  it('the preview counts every row, and shows the problems first', async () => {
    const { lookups } = recordingLookups();
    const preview = summarizePreview(await classifyRows(rows(['alice', 'AL-1'], ['', ''], ['', 'd-1']), lookups), 12.4);
    expect(preview).toMatchObject({ total: 3, valid: 1, problemsShown: 2, problemsTotal: 2, elapsedMs: 12 });
    expect(preview.counts).toMatchObject({ invite: 1, invalid: 1, taken: 1, create: 0, invited: 0 });
    expect(preview.rows.map((r) => r.status)).toEqual(['invalid', 'taken', 'invite']);
  });
});
