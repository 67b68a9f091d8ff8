/**
 * Validates a data file and streams its rows, in canonical form, into a tidy UTF-8 CSV: header row of the
 * schema's field names, data rows only (no titles, totals or footnotes), `.` decimals, ISO dates.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { validateFile } from '../check/validate-file.js';
import type { TableReport } from '../report/issue.js';
import type { TableSchema } from '../standards/schema.js';
import type { Standard } from '../standards/standard.js';
import { safeCsvLine } from '../io/safe-cell.js';

export interface TidyOptions {
  schema: TableSchema;
  standard?: TableReport['standard'];
  /** The full standard (rules, code lists) when it came from the catalog or a standard file. */
  dataStandard?: Standard;
  sheet?: string | number;
  delimiter?: string;
  maxErrors?: number;
}

export interface TidyResult {
  table: TableReport;
  rows: number;
}

const FLUSH_AT = 1 << 16;

export async function writeTidyCsv(file: string, dest: string, opts: TidyOptions): Promise<TidyResult> {
  const fd = openSync(dest, 'wx');
  let buf = safeCsvLine(opts.schema.fields.map((f) => f.name));
  let rows = 0;
  try {
    const tables = await validateFile(file, {
      schema: opts.schema,
      ...(opts.standard ? { standard: opts.standard } : {}),
      ...(opts.dataStandard ? { dataStandard: opts.dataStandard } : {}),
      maxErrors: opts.maxErrors ?? 1000,
      ...(opts.sheet !== undefined ? { sheet: opts.sheet } : {}),
      ...(opts.delimiter !== undefined ? { delimiter: opts.delimiter } : {}),
      onRow: (values) => {
        // a row none of whose fields the file fills (the standard's columns were not found) is not data
        if (values.every((v) => v === null || v === '')) return;
        buf += safeCsvLine(values);
        rows++;
        if (buf.length >= FLUSH_AT) {
          writeSync(fd, buf);
          buf = '';
        }
      },
    });
    if (buf) writeSync(fd, buf);
    return { table: tables[0]!, rows };
  } finally {
    closeSync(fd);
  }
}
