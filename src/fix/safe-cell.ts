/**
 * Formula-injection neutralising for the cells fix, annotate and init write from user text: the shared
 * helpers of src/report/safe-cell.ts, plus one exception — a dash alone ("-", "--") is a missing-value
 * marker no spreadsheet evaluates, and the change log shows it as written.
 */
import { safeCsvCell as sharedCsvCell, safeXlsxText } from '../report/safe-cell.js';

const DASHES_ONLY = /^-+$/;

/** Text for an XLSX cell. */
export function safeText(s: string): string {
  return DASHES_ONLY.test(s) ? s : safeXlsxText(s);
}

/** One CSV cell (RFC 4180 quoting), neutralised. */
export function safeCsvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return DASHES_ONLY.test(value) ? value : sharedCsvCell(value);
}

export function csvRecord(values: readonly (string | number | null | undefined)[]): string {
  return values.map(safeCsvCell).join(',') + '\n';
}
