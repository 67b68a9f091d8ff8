/** Validates one file (CSV, one sheet of a workbook, or every sheet): opens it, maps read failures to coded issues. */
import { openSource, type OpenOptions } from '../read/open.js';
import { ReadError, type RowSource } from '../read/table.js';
import { entry } from '../report/catalog.js';
import type { TableReport } from '../report/issue.js';
import { validateSource, type TableOptions } from './validate-table.js';

export interface FileOptions extends TableOptions, OpenOptions {
  /** A sheet name or 1-based number; `all` (or `*`) validates every visible sheet that has values. */
  sheet?: string | number;
}

export const ALL_SHEETS = new Set(['all', '*']);

export async function validateFile(path: string, opts: FileOptions): Promise<TableReport[]> {
  const all = typeof opts.sheet === 'string' && ALL_SHEETS.has(opts.sheet.toLowerCase());
  if (!all) return [await validateOne(path, opts)];
  const first = await validateOne(path, { ...opts, sheet: undefined }, (src) => src.info.sheets?.filter((s) => s.state === 'visible' && s.empty !== true).map((s) => s.name));
  const reports = [first.report];
  for (const name of first.sheets ?? []) {
    if (name === first.report.sheet) continue;
    reports.push(await validateOne(path, { ...opts, sheet: name }));
  }
  // keep workbook order
  const order = first.sheets ?? [];
  return reports.sort((a, b) => order.indexOf(a.sheet ?? '') - order.indexOf(b.sheet ?? ''));
}

async function validateOne(path: string, opts: FileOptions): Promise<TableReport>;
async function validateOne(path: string, opts: FileOptions, sheetsOf: (src: RowSource) => string[] | undefined): Promise<{ report: TableReport; sheets?: string[] }>;
async function validateOne(path: string, opts: FileOptions, sheetsOf?: (src: RowSource) => string[] | undefined): Promise<TableReport | { report: TableReport; sheets?: string[] }> {
  const started = performance.now();
  let source: RowSource | undefined;
  let report: TableReport;
  let sheets: string[] | undefined;
  try {
    source = await openSource(path, opts);
    sheets = sheetsOf?.(source);
    report = await validateSource(source, opts);
  } catch (err) {
    await source?.close().catch(() => undefined);
    if (!(err instanceof ReadError)) throw err;
    const severity = entry(err.code)?.severity ?? 'error';
    report = {
      path,
      valid: false,
      unreadable: true,
      labels: [],
      stats: {
        rows: 0, dataRows: 0, errors: severity === 'error' ? 1 : 0, warnings: severity === 'warning' ? 1 : 0, infos: 0,
        seconds: Math.round(performance.now() - started) / 1000, bytes: 0, fields: 0,
      },
      issues: [{ code: err.code, severity, params: err.params }],
    };
  }
  return sheetsOf ? { report, ...(sheets ? { sheets } : {}) } : report;
}
