/**
 * CSV/formula injection (OWASP "CSV Injection"): text that starts with `=`, `+`, `-` or `@` (also after a
 * leading TAB or CR, which some importers strip) is run as a formula by Excel/LibreOffice when the file is
 * opened. Every CSV or XLSX cell satudata writes from user text (package, fix, annotate, init, the audit)
 * goes through this one policy, and the readers use the same test to warn about such cells:
 *  - a formula-like text gets a leading `'`, so spreadsheet programs show it as text;
 *  - data that merely starts with a sign stays as written: signed numbers (-5, +62 812 3456, -1.234,5) and
 *    the missing-value markers "-" and "--".
 */

const SIGNED_NUMBER = /^[+-]\s*\d[\d\s.,]*(?:[eE][+-]?\d+)?%?$/;
const DASH_MARKER = /^-{1,2}$/;
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** What a spreadsheet program (or a reader) may skip before it sees a formula: whitespace, control and format
 *  characters (C0, C1, DEL, zero-width, bidi marks, BOM). */
// eslint-disable-next-line no-control-regex
const SKIPPABLE = /^[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+/;
const CSV_QUOTE = /[",;\r\n]/;

/** True when a spreadsheet program could run the text as a formula: after any leading whitespace or control
 *  characters it starts with `=`, `+`, `-` or `@`, and it is not a signed number (-5, +62 812 3456) nor a
 *  missing-value marker (`-`, `--`). */
export function looksLikeFormula(text: string): boolean {
  const first = text.charCodeAt(0);
  // a digit or a letter first (most cells): nothing to skip, and not a formula
  if ((first >= 0x30 && first <= 0x39) || (first >= 0x41 && first <= 0x7e)) return false;
  const t = text.replace(SKIPPABLE, '');
  const c = t.charCodeAt(0);
  if (c === 0x3d /* = */ || c === 0x40 /* @ */) return true;
  // after + or -, anything but a signed number (-2+3+cmd|…) is a formula
  if (c === 0x2b /* + */ || c === 0x2d /* - */) return !SIGNED_NUMBER.test(t) && !DASH_MARKER.test(t);
  return false;
}

/** The last step before a cell is written: a formula-like text gets a leading `'`. */
function neutralise(text: string): string {
  return looksLikeFormula(text) ? "'" + text : text;
}

/** Text for an XLSX string cell: first without the characters XML 1.0 forbids (control characters, lone
 *  surrogates), THEN neutralised — in that order, so that `"\x01=1+1"` cannot become `=1+1` after the
 *  neutralisation looked at it (exceljs writes strings, never formulas, but a user may copy the value into a
 *  formula bar or save the sheet as CSV). */
export function safeXlsxText(text: string): string {
  return neutralise(text.replace(XML_ILLEGAL, ''));
}

/**
 * One CSV field (RFC 4180): text neutralised and quoted when it holds `"` `,` `;` CR LF or the delimiter (`;`
 * too, for spreadsheets set to the Indonesian list separator); numbers as JavaScript writes them (non-finite
 * → empty), booleans as true/false, null and undefined as empty.
 */
export function safeCsvCell(value: unknown, delimiter = ','): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const v = neutralise(String(value));
  return CSV_QUOTE.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** One comma-separated record with its line ending. */
export function safeCsvLine(values: readonly unknown[], eol = '\n'): string {
  let out = '';
  for (let i = 0; i < values.length; i++) out += (i ? ',' : '') + safeCsvCell(values[i]);
  return out + eol;
}
