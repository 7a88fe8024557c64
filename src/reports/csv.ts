/**
 * CSV as RFC 4180 writes it: CRLF line ends; a field with a comma, a double quote or a line
 * break is quoted, its quotes doubled. Text that a spreadsheet would run as a formula (starting
 * with = + - @, or a tab or carriage return) is prefixed with an apostrophe (OWASP, "CSV
 * Injection"); numbers are written as numbers.
 */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = FORMULA.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
