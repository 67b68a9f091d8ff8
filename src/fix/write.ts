/**
 * Writes the tidy table — CSV (UTF-8, comma, header = the standard's field names) or XLSX (one sheet
 * "Data", streamed by exceljs's WorkbookWriter) — and the change log `<out>.perubahan.csv` as ONE unit
 * (src/io/atomic.ts `writeUnitStreaming`): both names are checked before anything is written, both are filled
 * row by row in temporaries next to their destinations and renamed into place together — all or nothing; on a
 * failure or an abort every temporary is removed. Text from the source is neutralised against formula
 * injection as the last step before each cell is written.
 */
import { tagOutput, writeUnitStreaming } from '../io/atomic.js';
import type { FieldDef } from '../standards/schema.js';
import { safeCsvLine, safeXlsxText } from '../io/safe-cell.js';
import { drained } from '../io/xlsx-drain.js';
import type { Change } from './types.js';
import { ChangeLog, CHANGE_LOG_HEADER, Spool } from './change-log.js';

export { CHANGE_LOG_HEADER };

const numeric = (f: FieldDef) => f.type === 'integer' || f.type === 'number' || f.type === 'year';

/** The tidy table being written, row by row. */
interface TidyWriter {
  row(values: string[]): void;
  flush(): Promise<void>;
  end(): Promise<void>;
  destroy(): void;
}

function csvTidy(tmp: string, fields: FieldDef[]): TidyWriter {
  const out = new Spool(tmp);
  out.write(safeCsvLine(fields.map((f) => f.name)));
  return {
    row: (r) => out.write(safeCsvLine(r)),
    flush: () => out.flush(),
    end: () => out.end(),
    destroy: () => out.destroy(),
  };
}

async function xlsxTidy(tmp: string, fields: FieldDef[]): Promise<TidyWriter> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useSharedStrings: false, useStyles: false, zip: { zlib: { level: 1 } } });
  const ws = wb.addWorksheet('Data');
  ws.addRow(fields.map((f) => safeXlsxText(f.name))).commit();
  return {
    row: (r) => ws.addRow(r.map((v, i) => (v !== '' && numeric(fields[i]!) && Number.isFinite(Number(v)) ? Number(v) : safeXlsxText(v)))).commit(),
    // exceljs writes rows into its zip stream without backpressure: wait for it between batches
    flush: () => drained(ws),
    end: async () => {
      ws.commit();
      await wb.commit();
    },
    destroy: () => undefined,
  };
}

/** What the planner writes to: tidy rows and the change log; `flush` between batches (backpressure). */
export interface FixOutputs {
  row(values: string[]): void;
  log: ChangeLog;
  flush(): Promise<void>;
}

export interface WrittenLog {
  changeLog: string;
  /** The first changes (CHANGES_KEPT), the count of all, and the count per rule. */
  kept: Change[];
  count: number;
  byRule: Map<string, number>;
}

/** Runs `produce` with the unit's writers open; when it completes, the tidy file and the change log are
 *  finished and renamed into place together. */
export async function writeFixStreaming<T>(dest: string, fields: FieldDef[], produce: (o: FixOutputs) => Promise<T>): Promise<{ result: T; log: WrittenLog }> {
  const logDest = changeLogPath(dest);
  return writeUnitStreaming([dest, logDest], async ([tmpOut, tmpLog], scratch) => {
    const tag = async <R>(work: () => Promise<R>, d: string, tmp: string): Promise<R> => {
      try {
        return await work();
      } catch (err) {
        throw tagOutput(err, d, tmp);
      }
    };
    const tidy = await tag(async () => (/\.xlsx$/i.test(dest) ? xlsxTidy(tmpOut!, fields) : csvTidy(tmpOut!, fields)), dest, tmpOut!);
    const log = new ChangeLog(logDest, (suffix) => scratch(logDest, suffix));
    try {
      const result = await produce({
        row: (r) => tidy.row(r),
        log,
        flush: async () => {
          await tag(() => tidy.flush(), dest, tmpOut!);
          await tag(() => log.flush(), logDest, tmpLog!);
        },
      });
      await tag(() => tidy.end(), dest, tmpOut!);
      const written = await tag(() => log.finish(tmpLog!), logDest, tmpLog!);
      return { result, log: { changeLog: logDest, kept: written.kept, count: written.count, byRule: written.byRule } };
    } catch (err) {
      tidy.destroy();
      log.destroy();
      throw err;
    }
  });
}

/** A tidy table and its change log given whole (changes in log order), written through the same unit. */
export async function writeFixOutputs(dest: string, fields: FieldDef[], rows: string[][], changes: Change[]): Promise<{ out: string; changeLog: string }> {
  const { log } = await writeFixStreaming(dest, fields, async (o) => {
    for (const r of rows) o.row(r);
    for (const c of changes) o.log.add(c);
  });
  return { out: dest, changeLog: log.changeLog };
}

/** `data.rapi.csv` → `data.rapi.csv.perubahan.csv`. */
export function changeLogPath(out: string): string {
  return `${out}.perubahan.csv`;
}

export function changeLogText(changes: Change[]): string {
  let text = safeCsvLine(CHANGE_LOG_HEADER);
  for (const c of changes) text += safeCsvLine([c.cell, c.rule, c.old, c.new]);
  return text;
}
