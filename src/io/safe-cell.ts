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
const SIGNS_ONLY = /^[-+]+$/;
// eslint-disable-next-line no-control-regex
const XML_ILLEGAL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
const CSV_QUOTE = /[",;\r\n]/;

/** True when a spreadsheet program would run the text as a formula. */
export function looksLikeFormula(text: string): boolean {
  if (text.length < 2) return false;
  const c = text.charCodeAt(0);
  if (c === 0x3d /* = */ || c === 0x40 /* @ */) return true;
  if (c === 0x09 || c === 0x0d) return looksLikeFormula(text.slice(1));
  // after + or -, anything but a signed number (-2+3+cmd|…) is a formula
  if (c === 0x2b /* + */ || c === 0x2d /* - */) return !SIGNED_NUMBER.test(text) && !SIGNS_ONLY.test(text);
  return false;
}

function neutralise(text: string): string {
  return looksLikeFormula(text) ? "'" + text : text;
}

/** Text for an XLSX string cell: neutralised (exceljs writes strings, never formulas, but a user may copy the
 *  value into a formula bar or save the sheet as CSV), without the control characters XML 1.0 forbids. */
export function safeXlsxText(text: string): string {
  return neutralise(text).replace(XML_ILLEGAL, '');
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
