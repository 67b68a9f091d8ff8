/** One flat CSV per table (UTF-8 with BOM so Excel opens it right, comma-separated, `.` decimals, raw numbers). */
import type { Lang } from '../../i18n/lang.js';
import type { AuditReport } from '../model.js';
import { safeCsvLine } from '../../io/safe-cell.js';
import { allTables } from './tables.js';

/** File name → CSV text, e.g. `per-opd.csv`. */
export function formatCsv(r: AuditReport, lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const tb of allTables(r, lang)) {
    let text = '\uFEFF' + safeCsvLine(tb.columns.map((c) => c.label), '\r\n');
    for (const row of tb.rows) text += safeCsvLine(row, '\r\n');
    out[`${tb.key}.csv`] = text;
  }
  return out;
}
