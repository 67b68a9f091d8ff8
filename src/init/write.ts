/**
 * Writes the metadata: a sidecar `<data>.metadata.json` beside the data, or a COPY of the workbook with a
 * `Metadata` sheet (label/value rows with the Indonesian labels). Atomic; the input workbook is never changed.
 */
import { writeFile } from 'node:fs/promises';
import { withAtomicFile } from '../io/atomic.js';
import { METADATA_LABELS, type Metadata } from '../standards/metadata.js';
import { safeXlsxText } from '../io/safe-cell.js';


export async function writeSidecar(dest: string, metadata: Metadata): Promise<void> {
  await withAtomicFile(dest, (tmp) => writeFile(tmp, JSON.stringify(metadata, null, 2) + '\n', 'utf8'));
}

function cellText(key: string, v: unknown): string {
  if (key === 'produsen' && v && typeof v === 'object') {
    const p = v as { kode: string; nama?: string };
    return p.nama ? `${p.kode} - ${p.nama}` : p.kode;
  }
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** A copy of `input` (xlsx) with a `Metadata` sheet, written to `dest`. For CSV input the copy holds the data as sheet "Data". */
export async function writeWorkbookCopy(input: string, dest: string, metadata: Metadata): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  if (/\.xlsx$/i.test(input)) {
    await wb.xlsx.readFile(input);
    // text copied from the input is neutralised too (the last step before the copy is written)
    for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((cell) => {
      if (typeof cell.value === 'string') cell.value = safeXlsxText(cell.value);
    }));
  }
  else {
    const { openSource } = await import('../read/open.js');
    const src = await openSource(input);
    const ws = wb.addWorksheet('Data');
    for await (const batch of src.batches()) for (const r of batch) ws.getRow(r.n).values = r.cells.map(safeXlsxText);
    await src.close();
  }
  const old = wb.getWorksheet('Metadata');
  if (old) wb.removeWorksheet(old.id);
  const ws = wb.addWorksheet('Metadata');
  ws.columns = [{ width: 28 }, { width: 90 }];
  for (const [key, label] of Object.entries(METADATA_LABELS)) {
    const v = metadata[key];
    if (v === undefined || v === '') continue;
    ws.addRow([label.id, safeXlsxText(cellText(key, v))]);
  }
  await withAtomicFile(dest, (tmp) => wb.xlsx.writeFile(tmp));
}
