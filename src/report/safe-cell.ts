/**
 * CSV/formula injection (OWASP "CSV Injection"): a cell that starts with `=`, `+`, `-`, `@`, TAB or CR is
 * executed as a formula by Excel/LibreOffice when the file is opened. Every output that writes user text
 * into a CSV or XLSX (package, fix, audit, reports) passes it through these helpers.
 */

const TRIGGER = /^[=+\-@\t\r]/;
const SIGNED_NUMBER = /^[+-]\s*\d[\d\s.,]*%?$/;

/** True when a spreadsheet program would treat the text as a formula (numbers like -5 or +62 are not). */
export function looksLikeFormula(text: string): boolean {
  if (text.length === 0) return false;
  const c = text.charCodeAt(0);
  if (c === 0x3d /* = */) return text.length > 1;
  if (c === 0x40 /* @ */) return text.length > 1;
  if (c === 0x09 || c === 0x0d) return looksLikeFormula(text.slice(1));
  // a signed number (-5, +62 812 3456, -1.234,5) is data; anything else after + or - is a formula (-2+3+cmd|…)
  if (c === 0x2b /* + */ || c === 0x2d /* - */) return text.length > 1 && !SIGNED_NUMBER.test(text) && !/^[-+]+$/.test(text);
  return false;
}

/** Neutralises text for a spreadsheet cell: a leading `'` keeps it text. Numbers (-5, +62 811…) stay as they are. */
function neutralise(text: string): string {
  if (!TRIGGER.test(text)) return text;
  if (SIGNED_NUMBER.test(text)) return text; // a plain signed number is data, not a formula
  return "'" + text;
}

/** One CSV field, neutralised and quoted when needed (RFC 4180: `"` doubled; quoted when it holds `,` `"` CR LF or `;`). */
export function safeCsvCell(text: string, delimiter = ','): string {
  const v = neutralise(text);
  return v.includes(delimiter) || /[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** Text for an XLSX string cell: neutralised (exceljs writes strings as shared/inline strings, never formulas,
 *  but the user may still copy the value into a formula bar or re-export to CSV). Control characters that XML 1.0
 *  forbids are dropped. */
export function safeXlsxText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return neutralise(text).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');
}
