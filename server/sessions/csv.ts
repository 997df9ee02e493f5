import { stringify } from 'csv-stringify/sync';

// A cell that a spreadsheet would read as a formula (CWE-1236): = + - @, or tab/CR before one.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Keeps a cell text in Excel, LibreOffice and Google Sheets: a leading apostrophe, as OWASP advises. */
export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180 CSV with a header row; every cell safe to open in a spreadsheet. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean)[])[]) {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === 'string' ? neutralizeCell(cell) : cell)),
  );
  return stringify([header, ...cells], {
    record_delimiter: '\r\n',
    cast: { boolean: (b) => (b ? 'yes' : 'no') },
  });
}
