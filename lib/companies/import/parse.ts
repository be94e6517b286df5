// Reading an import file: the header (the columns `username` and `company_username`, in any order
// and case, other columns ignored), the delimiter, the rows numbered as a spreadsheet numbers them,
// and the export's formula escaping taken off again. Pure: no database, no rules of the names.
import Papa from 'papaparse';
import { HttpError } from '@/lib/http/problem';
import { unescapeFormula } from '@/lib/companies/csv';
import { IMPORT_COLUMNS, IMPORT_MAX_ROWS } from '@/lib/companies/import/format';

export interface ParsedRow {
  /** Row number as a spreadsheet shows it: the header is row 1. */
  row: number;
  username: string;
  companyUsername: string;
  /** Why the row cannot be read (an unclosed quote, a wrong number of fields), or null. */
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
