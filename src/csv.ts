/**
 * The one CSV writer: `cdstats query` and `cdstats people` on the command line, and the report's
 * downloads in the browser (so no Node APIs here). Its output is meant to be opened in a
 * spreadsheet, where names and messages from git and GitHub must stay text.
 */

export type CsvCell = string | number | boolean | null;

/**
 * A spreadsheet runs a cell starting with = + - or @ as a formula (and some strip a leading tab
 * or carriage return first): `=HYPERLINK(…)` as an author name would be a live link. Such text
 * gets a leading apostrophe, which spreadsheets read as "this is text". Only strings: numbers,
 * negative ones included, stay numbers.
 */
const FORMULA = /^[=+\-@\t\r]/;

function field(value: CsvCell): string {
  if (value === null) return '';
  const text = typeof value === 'string' && FORMULA.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * RFC 4180 CSV of `rows` (the header is the first row): a field with a comma, quote or line
 * break is quoted, quotes doubled; null is an empty field. Each record ends with `newline`:
 * `\r\n` as RFC 4180 says for files to download, `\n` for standard output read by text tools.
 */
export function formatCsv(rows: readonly (readonly CsvCell[])[], newline: '\r\n' | '\n'): string {
  return rows.map((row) => row.map(field).join(',') + newline).join('');
}
