// Reading an import file, without a database.
import { describe, expect, it } from 'vitest';
import { HttpError } from '@/lib/http/problem';
import { parseImportCsv } from '@/lib/companies/import/parse';

describe('CSV import file', () => {
  it('reads headers in any order and case, a BOM, semicolons, quoted fields, and the export format with formulas defused', () => {
    expect(parseImportCsv('\uFEFFCompany_Username;USERNAME\n"A;B";alice\n')).toEqual([{ row: 2, username: 'alice', companyUsername: 'A;B', problem: null }]);
    expect(parseImportCsv("username,company_username,role\nbob,'=1+1,member\r\n")).toEqual([
      { row: 2, username: 'bob', companyUsername: '=1+1', problem: null },
    ]);
    expect(() => parseImportCsv('name,employee_id\na,b\n')).toThrow(HttpError);
    expect(() => parseImportCsv('')).toThrow(/empty/);
  });

  it('numbers rows as a spreadsheet does, skips blank lines, and marks rows it cannot read', () => {
    expect(parseImportCsv('username,company_username\n\nalice,A-1\nbob\n,"open\n')).toEqual([
      { row: 3, username: 'alice', companyUsername: 'A-1', problem: null },
      { row: 4, username: 'bob', companyUsername: '', problem: 'This row has 1 field; the header has 2.' },
      { row: 5, username: '', companyUsername: 'open\n', problem: 'A quoted field is not closed.' },
    ]);
  });

  it('refuses a file of more than 200,000 rows, naming the limit', () => {
    const rows = Array.from({ length: 200_001 }, (_, i) => `,R-${i}`);
    expect(() => parseImportCsv(['username,company_username', ...rows].join('\n'))).toThrow('The file has more than 200,000 rows. Split it.');
  });
});
