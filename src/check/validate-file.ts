/** Validates one file (CSV, or one sheet of a workbook): opens it, maps read failures to coded issues. */
import { openSource, type OpenOptions } from '../read/open.js';
import { ReadError } from '../read/table.js';
import { entry } from '../report/catalog.js';
import type { TableReport } from '../report/issue.js';
import { validateSource, type TableOptions } from './validate-table.js';

export interface FileOptions extends TableOptions, OpenOptions {}

export async function validateFile(path: string, opts: FileOptions): Promise<TableReport> {
  const started = performance.now();
  let source;
  try {
    source = await openSource(path, opts);
    return await validateSource(source, opts);
  } catch (err) {
    await source?.close().catch(() => undefined);
    if (!(err instanceof ReadError)) throw err;
    const severity = entry(err.code)?.severity ?? 'error';
    return {
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
}
