/**
 * Writes the tidy table — CSV (UTF-8, comma, header = the standard's field names) or XLSX (one sheet
 * "Data") — and the change log `<out>.perubahan.csv` as ONE unit (src/io/atomic.ts `writeUnitAtomic`): both
 * names are checked before anything is written, both are built in temporaries next to their destinations and
 * renamed into place together — all or nothing. Text from the source is neutralised against formula injection
 * as the last step before each cell is written.
 */
import { writeFile } from 'node:fs/promises';
import { writeUnitAtomic, type UnitPart } from '../io/atomic.js';
import type { FieldDef } from '../standards/schema.js';
import { safeCsvLine, safeXlsxText } from '../io/safe-cell.js';
import type { Change } from './types.js';


const numeric = (f: FieldDef) => f.type === 'integer' || f.type === 'number' || f.type === 'year';

/** The unit part that writes the tidy table to a temporary path. */
function tidyPart(dest: string, fields: FieldDef[], rows: string[][]): UnitPart {
  if (/\.xlsx$/i.test(dest)) {
    return {
      dest,
      write: async (tmp) => {
        const { default: ExcelJS } = await import('exceljs');
        const wb = new ExcelJS.Workbook();
        const ws = wb.addWorksheet('Data');
        ws.addRow(fields.map((f) => safeXlsxText(f.name)));
        for (const r of rows) {
          ws.addRow(r.map((v, i) => (v !== '' && numeric(fields[i]!) && Number.isFinite(Number(v)) ? Number(v) : safeXlsxText(v))));
        }
        await wb.xlsx.writeFile(tmp);
      },
    };
  }
  return {
    dest,
    write: async (tmp) => {
      let text = safeCsvLine(fields.map((f) => f.name));
      for (const r of rows) text += safeCsvLine(r);
      await writeFile(tmp, text);
    },
  };
}

/** The tidy table and its change log, written as one unit (all or nothing). */
export async function writeFixOutputs(dest: string, fields: FieldDef[], rows: string[][], changes: Change[]): Promise<{ out: string; changeLog: string }> {
  const log = changeLogPath(dest);
  await writeUnitAtomic([tidyPart(dest, fields, rows), { dest: log, write: (tmp) => writeFile(tmp, changeLogText(changes)) }]);
  return { out: dest, changeLog: log };
}

export const CHANGE_LOG_HEADER = ['sel', 'aturan', 'nilai_lama', 'nilai_baru'];

/** `data.rapi.csv` → `data.rapi.csv.perubahan.csv`. */
export function changeLogPath(out: string): string {
  return `${out}.perubahan.csv`;
}

export function changeLogText(changes: Change[]): string {
  let text = safeCsvLine(CHANGE_LOG_HEADER);
  for (const c of changes) text += safeCsvLine([c.cell, c.rule, c.old, c.new]);
  return text;
}
