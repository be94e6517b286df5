// The import's answers in the browser's words: the setup links file (issue 15, hole 6: it escaped
// quotes only, so a company username such as =HYPERLINK(…) became a formula in a spreadsheet).
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { describeImportResult, setupLinksCsv } from '@/lib/companies/import/format';

const link = (companyUsername: string) => ({ companyUsername, path: '/setup/TOKEN', expiresAt: '2030-01-01T00:00:00.000Z' });

describe('setup-links.csv', () => {
  it('writes every company username as text: formulas defused, quotes and commas quoted', () => {
    const csv = setupLinksCsv(
      [link('=HYPERLINK("https://evil.example","open me")'), link('+1'), link('-2'), link('@SUM(A1)'), link('Jane, "JD"'), link('FB12345')],
      'https://namecheck.example',
    );
    expect(csv.split('\r\n')).toEqual([
      'company_username,setup_link,expires_at',
      `"'=HYPERLINK(""https://evil.example"",""open me"")",https://namecheck.example/setup/TOKEN,2030-01-01T00:00:00.000Z`,
      "'+1,https://namecheck.example/setup/TOKEN,2030-01-01T00:00:00.000Z",
      "'-2,https://namecheck.example/setup/TOKEN,2030-01-01T00:00:00.000Z",
      "'@SUM(A1),https://namecheck.example/setup/TOKEN,2030-01-01T00:00:00.000Z",
      '"Jane, ""JD""",https://namecheck.example/setup/TOKEN,2030-01-01T00:00:00.000Z',
      'FB12345,https://namecheck.example/setup/TOKEN,2030-01-01T00:00:00.000Z',
      '',
    ]);
    // A spreadsheet reads no cell that starts a formula.
    const cells = Papa.parse<string[]>(csv.trim(), { header: false }).data.flat();
    expect(cells.filter((c) => /^[=+\-@\t\r]/.test(c))).toEqual([]);
  });
});

describe('describing an applied import', () => {
  it('counts invitations; entries of imports from before invitations still read', () => {
    expect(describeImportResult({ created: 1, invited: 2, updated: 3, unchanged: 0, skipped: 4 })).toBe(
      '1 new account, 2 invited, 3 updated, 0 unchanged, 4 rows skipped',
    );
    expect(describeImportResult({ created: 0, invited: 0, added: 1, updated: 0, skipped: 0 })).toBe('0 new accounts, 1 member added, 0 invited, 0 updated, 0 rows skipped');
  });
});
