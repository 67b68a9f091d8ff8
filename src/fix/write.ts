/**
 * Writes the tidy table — CSV (UTF-8, comma, header = the standard's field names) or XLSX (one sheet
 * "Data") — and the change log `<out>.perubahan.csv`, each ATOMICALLY: a temp file in the same folder,
 * then a rename. Text from the source is neutralised against formula injection.
 */
import { withAtomicFile, writeFileAtomic } from '../io/atomic.js';
import type { FieldDef } from '../standards/schema.js';
import { safeCsvLine, safeXlsxText } from '../io/safe-cell.js';
import type { Change } from './types.js';


const numeric = (f: FieldDef) => f.type === 'integer' || f.type === 'number' || f.type === 'year';

export async function writeTidy(dest: string, fields: FieldDef[], rows: string[][]): Promise<void> {
  if (/\.xlsx$/i.test(dest)) {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(fields.map((f) => f.name));
    for (const r of rows) {
      ws.addRow(r.map((v, i) => (v !== '' && numeric(fields[i]!) && Number.isFinite(Number(v)) ? Number(v) : safeXlsxText(v))));
    }
    await withAtomicFile(dest, (tmp) => wb.xlsx.writeFile(tmp));
    return;
  }
  let text = safeCsvLine(fields.map((f) => f.name));
  for (const r of rows) text += safeCsvLine(r);
  await writeFileAtomic(dest, text);
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

export async function writeChangeLog(dest: string, changes: Change[]): Promise<void> {
  await writeFileAtomic(dest, changeLogText(changes));
}
