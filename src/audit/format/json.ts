/**
 * JSON report (`satudata-audit-report/1`, documented in README): the whole AuditReport — totals, funnel, per-OPD,
 * per-frequency, items, worklist, trend with the previous run id, history, guard, configuration and definitions.
 */
import type { Lang } from '../../i18n/lang.js';
import type { AuditReport } from '../model.js';
import { definitionsTable } from './tables.js';

export function formatJson(r: AuditReport, lang: Lang): string {
  const definitions = Object.fromEntries(definitionsTable(r, lang).rows.map(([k, v]) => [String(k), String(v)]));
  return JSON.stringify({ $schema: r.schema, ...r, schema: undefined, definitions }, null, 2) + '\n';
}
