import { stringify } from 'csv-stringify/sync';
import { stripForbidden } from '../../shared/text.js';

// A line a spreadsheet would read as a formula (CWE-1236): = + - @, or tab/CR before one. Checked at
// every line start inside a cell, not only the first: a tool that splits a quoted cell on its line
// breaks (a text import set to the wrong quote character, a line-based script) would otherwise
// meet a live formula on the second line. Rows stored today hold no line break (TEXT.md T2); older
// rows may.
const FORMULA_AT_LINE_START = /(^|\n|\r(?!\n))(?=[=+\-@\t\r])/g;

/**
 * Keeps a cell text in Excel, LibreOffice and Google Sheets: a leading apostrophe, as OWASP advises,
 * on each line; invisible direction and control characters removed (T8), line breaks kept.
 */
export function neutralizeCell(value: string): string {
  return stripForbidden(value).replace(FORMULA_AT_LINE_START, "$1'");
}

/**
 * RFC 4180 CSV with a header row; every cell safe to open in a spreadsheet. A cell with a line
 * break of any kind is quoted: csv-stringify quotes only the record delimiter (CR LF) by itself,
 * and spreadsheets end a row at a bare LF or CR too.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean)[])[]) {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === 'string' ? neutralizeCell(cell) : cell)),
  );
  return stringify([header, ...cells], {
    record_delimiter: '\r\n',
    quoted_match: /[\r\n]/,
    cast: { boolean: (b) => (b ? 'yes' : 'no') },
  });
}
