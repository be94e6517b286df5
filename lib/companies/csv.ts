import Papa from 'papaparse';

// Spreadsheets run a cell that starts with = + - @ (or a tab or carriage return) as a formula, and a
// company username may start with any of them. The export puts an apostrophe before such a cell
// (OWASP's advice), and the import takes one apostrophe off again, so an export imports back as it
// was: `=x` ↔ `'=x`, and `'=x` ↔ `''=x`.
const FORMULA_START = /^'*[=+\-@\t\r]/;
const ESCAPED_FORMULA = /^'+[=+\-@\t\r]/;

export function escapeFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function unescapeFormula(cell: string): string {
  return ESCAPED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

/** A CSV document (RFC 4180, CRLF line ends) from a header and rows; every cell formula-escaped. */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return (
    Papa.unparse(
      { fields: header.map(escapeFormula), data: rows.map((row) => row.map(escapeFormula)) },
      { newline: '\r\n', escapeFormulae: false },
    ) + '\r\n'
  );
}
