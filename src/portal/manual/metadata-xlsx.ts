/** The one-sheet `Metadata.xlsx` of the manual package: Indonesian labels (Jabar-style keys), one row per key;
 *  values are user text, neutralised against formula injection like every XLSX cell satudata writes. */
import type { Metadata } from '../../standards/metadata.js';
import { METADATA_LABELS } from '../../standards/metadata.js';
import type { Lang } from '../../i18n/lang.js';
import { normaliseZip } from '../../package/zip.js';
import { safeXlsxText } from '../../io/safe-cell.js';

function text(key: string, v: unknown): string {
  if (v === undefined || v === null) return '';
  if (key === 'produsen' && typeof v === 'object') {
    const p = v as { kode?: string; nama?: string };
    return [p.kode, p.nama].filter(Boolean).join(' — ');
  }
  if (Array.isArray(v)) return v.join(', ');
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Bytes of a deterministic XLSX (fixed document dates, entries re-packed with a fixed zip date). */
export async function metadataXlsx(metadata: Partial<Metadata>, lang: Lang, date: Date, heading: [string, string]): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'satudata';
  wb.lastModifiedBy = 'satudata';
  wb.created = date;
  wb.modified = date;
  const ws = wb.addWorksheet('Metadata');
  ws.columns = [{ width: 28 }, { width: 80 }];
  const head = ws.addRow(heading);
  head.font = { bold: true };
  for (const [key, label] of Object.entries(METADATA_LABELS)) ws.addRow([label[lang], safeXlsxText(text(key, metadata[key]))]);
  for (const key of Object.keys(metadata).sort()) if (!(key in METADATA_LABELS)) ws.addRow([safeXlsxText(key), safeXlsxText(text(key, metadata[key]))]);
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  const buf = await wb.xlsx.writeBuffer();
  return normaliseZip(new Uint8Array(buf as ArrayBuffer));
}
