/**
 * XLSX workbook (exceljs): sheets Ringkasan, Per OPD, Per Periodisitas, Terlambat, Perubahan, Kualitas Metadata,
 * all items, trend, Definisi — bold frozen header, auto-filter, column widths, % formats, band colours.
 * No formula injection: every text cell is written as a plain string value (never a formula object), and
 * formula-like text is neutralised (src/io/safe-cell.ts) so a re-import or CSV save cannot run it.
 */
import ExcelJS from 'exceljs';
import { safeXlsxText } from '../../io/safe-cell.js';
import type { Lang } from '../../i18n/lang.js';
import type { AuditReport } from '../model.js';
import { generatedLine, headlines, notes, sourceLine, titleOf, trendLine } from './common.js';
import { allTables, type Cell, type ReportTable } from './tables.js';

const FILL: Record<string, string> = { hijau: 'FFC6EFCE', biru: 'FFBDD7EE', kuning: 'FFFFEB9C' };

function value(c: Cell, kind: string): ExcelJS.CellValue {
  if (c === null || c === undefined) return null;
  // a percentage as a fraction, without float noise (92.54 → 0.9254, not 0.9254000000000001)
  if (typeof c === 'number') return kind === 'pct' ? Math.round(c * 100) / 10000 : c;
  return safeXlsxText(c);
}

function sheetName(title: string, used: Set<string>): string {
  let name = title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31);
  for (let i = 2; used.has(name); i++) name = `${name.slice(0, 28)} ${i}`;
  used.add(name);
  return name;
}

function addTable(wb: ExcelJS.Workbook, tb: ReportTable, used: Set<string>, preamble: string[] = []): void {
  const ws = wb.addWorksheet(sheetName(tb.title, used));
  for (const line of preamble) ws.addRow([safeXlsxText(line)]);
  if (preamble.length) ws.addRow([]);
  const headerRow = ws.addRow(tb.columns.map((c) => safeXlsxText(c.label)));
  headerRow.font = { bold: true };
  headerRow.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
  const h = headerRow.number;
  const bandCol = tb.columns.findIndex((c) => c.key === 'band');
  for (const row of tb.rows) {
    const r = ws.addRow(row.map((c, i) => value(c, tb.columns[i]!.kind)));
    if (bandCol >= 0 && tb.key === 'per-opd') {
      const band = Object.keys(FILL).find((k) => String(row[bandCol] ?? '').startsWith(k) || String(row[bandCol] ?? '').startsWith({ hijau: 'green', biru: 'blue', kuning: 'amber' }[k]!));
      if (band) r.getCell(bandCol + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[band]! } };
    }
  }
  tb.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    const longest = Math.max(c.label.length, ...tb.rows.slice(0, 200).map((row) => String(row[i] ?? '').length));
    col.width = Math.min(Math.max(8, longest + 2), c.key === 'definition' ? 120 : 60);
    if (c.kind === 'pct') col.numFmt = '0.00%';
    else if (c.kind === 'num') col.numFmt = '0.0#';
  });
  ws.views = [{ state: 'frozen', ySplit: h, xSplit: 0 }];
  if (tb.rows.length) ws.autoFilter = { from: { row: h, column: 1 }, to: { row: h + tb.rows.length, column: tb.columns.length } };
}

export async function formatXlsx(r: AuditReport, lang: Lang): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'satudata';
  wb.created = new Date(r.generatedAt);
  wb.modified = new Date(r.generatedAt);
  const used = new Set<string>();
  const tables = allTables(r, lang);
  const preamble = [titleOf(r, lang), ...headlines(r, lang), ...notes(r, lang), ...(trendLine(r, lang) ? [trendLine(r, lang)!] : []), sourceLine(r, lang), generatedLine(r, lang)];
  tables.forEach((tb, i) => addTable(wb, tb, used, i === 0 ? preamble : []));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
