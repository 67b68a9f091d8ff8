/**
 * Tidy CSV cells: RFC 4180 quoting (quote when a cell holds `,` `"` CR or LF; double inner quotes) and
 * CSV/formula-injection neutralising: a text cell starting with `=`, `+`, `-`, `@`, tab or CR that is not a
 * number is written with a leading `'` so spreadsheet programs show it as text instead of running it.
 */

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const RISKY_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

/** One value as CSV text (null and undefined → empty). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s: string;
  if (typeof value === 'number') s = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') s = value ? 'true' : 'false';
  else s = String(value);
  if (RISKY_START.test(s) && !NUMBER.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One record with its line ending (LF). */
export function csvLine(values: readonly unknown[]): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += (i ? ',' : '') + csvCell(values[i]);
  return out + '\n';
}
