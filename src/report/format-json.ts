/**
 * JSON report (schema "satudata-report/1"): Frictionless-like `valid` and `stats`, one entry per table in
 * `tables`, each issue with its code (`type`, the Frictionless name where one exists), severity, rendered
 * message and hint in the chosen language, location (sheet, cell, rowNumber, fieldNumber) and params.
 */
import type { Lang } from '../i18n/lang.js';
import { columnLetter } from '../read/table.js';
import type { Report } from './issue.js';
import { renderIssue } from './render.js';

export const REPORT_SCHEMA = 'satudata-report/1';

export function formatJson(report: Report, lang: Lang): string {
  const out = {
    $schema: REPORT_SCHEMA,
    valid: report.valid,
    tool: report.tool,
    lang,
    stats: report.stats,
    tables: report.tables.map((t) => ({
      path: t.path,
      ...(t.sheet ? { sheet: t.sheet } : {}),
      ...(t.format ? { format: t.format } : {}),
      valid: t.valid,
      ...(t.standard ? { standard: t.standard } : {}),
      ...(t.references ? { references: t.references } : {}),
      ...(t.metadata ? { metadata: t.metadata } : {}),
      labels: t.labels,
      ...(t.layout ? { layout: t.layout } : {}),
      ...(t.columns ? { columns: t.columns } : {}),
      ...(t.interpretation ? { interpretation: t.interpretation } : {}),
      ...(t.otherSheets ? { otherSheets: t.otherSheets } : {}),
      stats: t.stats,
      ...(t.truncated ? { truncated: true } : {}),
      issues: t.issues.map((i) => {
        const r = renderIssue(i, lang);
        return {
          type: i.code,
          severity: i.severity,
          title: r.title,
          message: r.message,
          hint: r.hint,
          ...(i.sheet ? { sheet: i.sheet } : {}),
          ...(i.cell ? { cell: i.cell } : {}),
          ...(i.row !== undefined ? { rowNumber: i.row } : {}),
          ...(i.line !== undefined ? { lineNumber: i.line } : {}),
          ...(i.col !== undefined ? { fieldNumber: i.col, columnLetter: columnLetter(i.col - 1) } : {}),
          ...(i.field !== undefined ? { fieldName: i.field } : {}),
          ...(i.value !== undefined ? { cellValue: i.value } : {}),
          ...(i.params ? { params: i.params } : {}),
        };
      }),
    })),
  };
  return JSON.stringify(out, null, 2) + '\n';
}
