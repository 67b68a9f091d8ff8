/**
 * The annotated workbook (`validate --annotate OUT.xlsx`): a copy of the workbook — for CSV, .xls and HTML
 * input a new XLSX holding the data — where each problem cell is filled by severity (error red, warning
 * amber, info blue) and carries a note with the message and "Cara memperbaiki: hint", plus a first sheet
 * "Masalah" listing every issue with a hyperlink to its cell. The input file is never modified; the output
 * is written atomically.
 */
import { refuseSameFile, withAtomicFile } from '../io/atomic.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Issue, Severity, TableReport } from '../report/issue.js';
import { SEVERITY_RANK } from '../report/issue.js';
import { renderIssue } from '../report/render.js';
import { openSource } from '../read/open.js';
import { columnLetter } from '../read/table.js';
import { safeXlsxText } from '../io/safe-cell.js';

export const FILL: Record<Severity, string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };
export const ISSUES_SHEET = 'Masalah';

type ExcelJS = typeof import('exceljs');
type Workbook = InstanceType<ExcelJS['Workbook']>;
type Worksheet = ReturnType<Workbook['addWorksheet']>;

function quoted(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** Where an issue points: a cell, or the first cell of its row, or nothing (file-level issues). */
function anchor(issue: Issue): string | undefined {
  if (issue.cell) return issue.cell;
  if (issue.row !== undefined) return `${issue.col ? columnLetter(issue.col - 1) : 'A'}${issue.row}`;
  return undefined;
}

async function copyAsWorkbook(ExcelJS: ExcelJS, inputPath: string, tables: TableReport[]): Promise<Workbook> {
  const wb = new ExcelJS.Workbook();
  const names = [...new Set(tables.map((tb) => tb.sheet))];
  for (const sheet of names) {
    const src = await openSource(inputPath, sheet !== undefined ? { sheet } : {});
    const ws = wb.addWorksheet(sheet ?? 'Data');
    try {
      for await (const batch of src.batches()) {
        for (const r of batch) ws.getRow(r.n).values = r.cells.map((c) => safeXlsxText(c));
      }
    } finally {
      await src.close();
    }
  }
  return wb;
}

/**
 * Writes the annotated copy of `inputPath` to `outPath` (XLSX) from the validation report.
 * Returns how many cells were marked and how many issues were listed.
 */
export async function annotateWorkbook(report: TableReport[], inputPath: string, outPath: string, lang: Lang): Promise<{ cells: number; issues: number }> {
  refuseSameFile(inputPath, outPath);
  const { default: ExcelJS } = (await import('exceljs')) as unknown as { default: ExcelJS };
  const tables = report.filter((tb) => !tb.unreadable);
  let wb: Workbook;
  const xlsx = tables.some((tb) => tb.format === 'xlsx');
  if (xlsx) {
    wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(inputPath);
  } else wb = await copyAsWorkbook(ExcelJS, inputPath, tables);
  const old = wb.getWorksheet(ISSUES_SHEET);
  if (old) wb.removeWorksheet(old.id);

  // one note per cell (several issues joined), filled with the worst severity
  const marks = new Map<string, { ws: Worksheet; addr: string; severity: Severity; lines: string[] }>();
  const listed: { issue: Issue; sheet: string | undefined; addr?: string }[] = [];
  for (const tb of tables) {
    const ws = (tb.sheet !== undefined ? wb.getWorksheet(tb.sheet) : undefined) ?? wb.worksheets[0];
    for (const issue of tb.issues) {
      const addr = ws ? anchor(issue) : undefined;
      listed.push({ issue, sheet: ws?.name, ...(addr ? { addr } : {}) });
      if (!ws || !addr) continue;
      const r = renderIssue(issue, lang);
      const text = `${r.title}: ${r.message}${r.hint ? `\n${t(lang, 'annotate.hint')}: ${r.hint}` : ''} [${issue.code}]`;
      const key = `${ws.name}!${addr}`;
      const m = marks.get(key);
      if (m) {
        m.lines.push(text);
        if (SEVERITY_RANK[issue.severity] > SEVERITY_RANK[m.severity]) m.severity = issue.severity;
      } else marks.set(key, { ws, addr, severity: issue.severity, lines: [text] });
    }
  }
  for (const m of marks.values()) {
    const cell = m.ws.getCell(m.addr);
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[m.severity] } };
    cell.note = m.lines.join('\n\n');
  }

  const list = wb.addWorksheet(ISSUES_SHEET);
  // exceljs orders sheets by orderNo (not in its typings): put "Masalah" first
  const ordered = (w: Worksheet) => w as unknown as { orderNo?: number };
  ordered(list).orderNo = Math.min(0, ...wb.worksheets.filter((w) => w !== list).map((w) => ordered(w).orderNo ?? 0)) - 1;
  list.columns = [
    { header: t(lang, 'annotate.col.where'), width: 16 },
    { header: t(lang, 'annotate.col.level'), width: 10 },
    { header: t(lang, 'annotate.col.code'), width: 20 },
    { header: t(lang, 'annotate.col.problem'), width: 70 },
    { header: t(lang, 'annotate.col.hint'), width: 60 },
  ];
  list.getRow(1).font = { bold: true };
  list.views = [{ state: 'frozen', ySplit: 1 }];
  const order = listed
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => SEVERITY_RANK[b.issue.severity] - SEVERITY_RANK[a.issue.severity] || a.i - b.i);
  for (const { issue, sheet, addr } of order) {
    const r = renderIssue(issue, lang);
    const row = list.addRow([
      addr && sheet ? safeXlsxText(`${sheet}!${addr}`) : t(lang, 'annotate.file'),
      t(lang, `annotate.severity.${issue.severity}`),
      issue.code,
      safeXlsxText(`${r.title}: ${r.message}`),
      safeXlsxText(r.hint),
    ]);
    if (addr && sheet) {
      const target = `${quoted(sheet)}!${addr}`;
      row.getCell(1).value = { text: safeXlsxText(`${sheet}!${addr}`), hyperlink: target, tooltip: target };
      row.getCell(1).font = { color: { argb: 'FF0563C1' }, underline: true };
    }
    row.getCell(2).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[issue.severity] } };
  }
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];

  await withAtomicFile(outPath, (tmp) => wb.xlsx.writeFile(tmp));
  return { cells: marks.size, issues: listed.length };
}
