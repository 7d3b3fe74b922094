/**
 * CSV for spreadsheets (Excel, WPS, LibreOffice), safe against CSV/formula injection.
 *
 * A text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a
 * formula by a spreadsheet (OWASP "CSV Injection"), so such a cell gets a leading `'`, which
 * spreadsheets show as plain text. Every cell that holds `"`, `,`, CR or LF (the prefixed ones
 * included) is wrapped in double quotes with inner quotes doubled.
 *
 * Numbers: a cell given as a finite JS `number` is written as the number itself, unprefixed, so
 * a numeric column (the figure's value, e.g. -3.2) stays numeric and sums in the spreadsheet. This
 * is safe because `String(n)` of a finite number is only digits, `.`, `-`, `e`, `+`, which no
 * spreadsheet evaluates as a formula. Anything else, including the figure's text as written
 * in the article ("-3.2%", "+5个百分点"), is text and is neutralised as OWASP says.
 * Non-finite numbers (NaN, ±Infinity) are written as text and neutralised like text.
 */

export type CsvCell = string | number | null | undefined

/** Characters that make a spreadsheet read a cell as a formula (OWASP). */
const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One cell, neutralised and quoted as needed. */
export function csvCell(value: CsvCell): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  let s = value === null || value === undefined ? '' : String(value)
  if (FORMULA_START.test(s)) s = `'${s}`
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

/**
 * A whole CSV document: a UTF-8 BOM (so Excel reads Chinese correctly), the header, then the rows,
 * lines separated by CRLF (RFC 4180).
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return '\ufeff' + [header, ...rows].map((line) => line.map(csvCell).join(',')).join('\r\n')
}
