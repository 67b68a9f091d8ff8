/** One flat CSV per table (UTF-8 with BOM so Excel opens it right, comma-separated, `.` decimals, raw numbers). */
import type { Lang } from '../../i18n/lang.js';
import type { AuditReport } from '../model.js';
import { allTables, type Cell } from './tables.js';

function field(c: Cell): string {
  if (c === null || c === undefined) return '';
  const s = String(c);
  // a text cell that a spreadsheet would run as a formula is written as text
  const safe = typeof c === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** File name → CSV text, e.g. `per-opd.csv`. */
export function formatCsv(r: AuditReport, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tb of allTables(r, lang)) {
    const lines = [tb.columns.map((c) => field(c.label)).join(','), ...tb.rows.map((row) => row.map(field).join(','))];
    out[`${tb.key}.csv`] = '\uFEFF' + lines.join('\r\n') + '\r\n';
  }
  return out;
}
