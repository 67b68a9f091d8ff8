/**
 * The annotated workbook (`validate --annotate OUT.xlsx`): a copy of the data — every sheet of an XLSX input,
 * the table of a CSV, .xls or HTML input — where each problem cell is filled by severity (error red, warning
 * amber, info blue) and carries a note with the message and "Cara memperbaiki: hint", plus a first sheet
 * "Masalah" listing every issue with a hyperlink to its cell.
 *
 * Streamed, with memory bounded independent of the file's size: the rows are read again with the same readers
 * validation uses (one batch at a time) and written with exceljs' streaming WorkbookWriter, row by row; only
 * the issues (at most --max-errors per table) are held. The copy holds values (numbers as numbers, text
 * neutralised against formula injection as the last step, formulas as their computed values), not the input's
 * styles. A row Excel cannot hold (above 1,048,576) is refused (`output-error`, nothing written); the per-file
 * `--time-limit` applies. The input file is never modified; the output is written atomically.
 */
import { OutputError, refuseSameFile, writeUnitAtomic } from '../io/atomic.js';
import { drained } from '../io/xlsx-drain.js';
import type { Lang } from '../i18n/lang.js';
import { t } from '../i18n/ui.js';
import type { Issue, Severity, TableReport } from '../report/issue.js';
import { SEVERITY_RANK } from '../report/issue.js';
import { renderIssue } from '../report/render.js';
import { openSource } from '../read/open.js';
import { CellKind, columnLetter, ReadError, type RawRow } from '../read/table.js';
import { currentLimits } from '../read/limits.js';
import { safeXlsxText } from '../io/safe-cell.js';

export const FILL: Record<Severity, string> = { error: 'FFFFC7CE', warning: 'FFFFEB9C', info: 'FFDDEBF7' };
export const ISSUES_SHEET = 'Masalah';
/** The last row and column an XLSX sheet can hold. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_COLUMNS = 16_384;

type ExcelJS = typeof import('exceljs');
type StreamWorkbook = InstanceType<ExcelJS['stream']['xlsx']['WorkbookWriter']>;
type StreamSheet = ReturnType<StreamWorkbook['addWorksheet']>;

export interface AnnotateOptions {
  /** Seconds the copy may take (the per-file --time-limit); default: limits.ts. */
  timeLimitSeconds?: number;
}

interface Mark {
  col: number;
  severity: Severity;
  lines: string[];
}

function quoted(sheet: string): string {
  return `'${sheet.replace(/'/g, "''")}'`;
}

/** Where an issue points: a cell, or the first cell of its row, or nothing (file-level issues). */
function anchor(issue: Issue): string | undefined {
  if (issue.cell) return issue.cell;
  if (issue.row !== undefined) return `${issue.col ? columnLetter(issue.col - 1) : 'A'}${issue.row}`;
  return undefined;
}

/** `E6` → row 6, column 5 (1-based); undefined for anything else (or beyond what a sheet can hold). */
function decodeAddress(addr: string): { row: number; col: number } | undefined {
  const m = /^([A-Z]{1,3})(\d{1,7})$/.exec(addr);
  if (!m) return undefined;
  let col = 0;
  for (const ch of m[1]!) col = col * 26 + (ch.charCodeAt(0) - 64);
  const row = Number(m[2]);
  if (row < 1 || row > EXCEL_MAX_ROWS || col > EXCEL_MAX_COLUMNS) return undefined;
  return { row, col };
}

/** A cell of the copy: numbers and booleans as such, text neutralised (the last step before it is written). */
function cellValue(text: string, kind: CellKind | undefined): string | number | boolean | null {
  if (text === '') return null;
  if (kind === CellKind.Number) {
    const n = Number(text);
    if (Number.isFinite(n)) return n;
  }
  if (kind === CellKind.Boolean) return text === 'true' || text === 'TRUE' || text === '1';
  return safeXlsxText(text);
}

/**
 * Writes the annotated copy of `inputPath` to `outPath` (XLSX) from the validation report.
 * Returns how many cells were marked and how many issues were listed.
 */
export async function annotateWorkbook(report: TableReport[], inputPath: string, outPath: string, lang: Lang, opts: AnnotateOptions = {}): Promise<{ cells: number; issues: number }> {
  refuseSameFile(inputPath, outPath);
  const started = performance.now();
  const seconds = opts.timeLimitSeconds ?? currentLimits().timeLimitSeconds;
  const { default: ExcelJS } = (await import('exceljs')) as unknown as { default: ExcelJS };
  const tables = report.filter((tb) => !tb.unreadable);

  // the sheets of the copy, in order: every sheet of a workbook (the issues sheet of an earlier run is
  // replaced), the table of any other input
  let sheets: { name: string; source: string | undefined }[];
  const xlsx = tables.some((tb) => tb.format === 'xlsx');
  if (xlsx) {
    const first = await openSource(inputPath, tables[0]!.sheet !== undefined ? { sheet: tables[0]!.sheet } : {});
    const names = (first.info.sheets ?? []).map((s) => s.name);
    await first.close();
    sheets = (names.length ? names : [tables[0]!.sheet ?? 'Data']).filter((n) => n.toLowerCase() !== ISSUES_SHEET.toLowerCase()).map((n) => ({ name: n, source: n }));
  } else {
    sheets = [...new Set(tables.map((tb) => tb.sheet))].map((s) => ({ name: s ?? 'Data', source: s }));
  }
  // names Excel (and exceljs) accept, unique without regard to case, whatever a hostile workbook declares
  const used = new Set([ISSUES_SHEET.toLowerCase()]);
  for (const sh of sheets) {
    let name = safeSheetName(sh.name);
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${safeSheetName(sh.name).slice(0, 26)} (${i})`;
    used.add(name.toLowerCase());
    sh.name = name;
  }
  const sheetOf = (tb: TableReport) => sheets.find((s) => s.source === tb.sheet) ?? (tables.length === 1 ? sheets[0] : undefined);

  // one note per cell (several issues joined), filled with the worst severity
  const marks = new Map<string, Map<number, Mark[]>>();
  const listed: { issue: Issue; sheet: string | undefined; addr?: string }[] = [];
  let cells = 0;
  for (const tb of tables) {
    const sh = sheetOf(tb);
    for (const issue of tb.issues) {
      const addr = sh ? anchor(issue) : undefined;
      const pos = addr ? decodeAddress(addr) : undefined;
      listed.push({ issue, sheet: sh?.name, ...(addr && pos ? { addr } : {}) });
      if (!sh || !pos) continue;
      const r = renderIssue(issue, lang);
      const text = `${r.title}: ${r.message}${r.hint ? `\n${t(lang, 'annotate.hint')}: ${r.hint}` : ''} [${issue.code}]`;
      let rows = marks.get(sh.name);
      if (!rows) marks.set(sh.name, (rows = new Map()));
      let row = rows.get(pos.row);
      if (!row) rows.set(pos.row, (row = []));
      const m = row.find((x) => x.col === pos.col);
      if (m) {
        m.lines.push(text);
        if (SEVERITY_RANK[issue.severity] > SEVERITY_RANK[m.severity]) m.severity = issue.severity;
      } else {
        row.push({ col: pos.col, severity: issue.severity, lines: [text] });
        cells++;
      }
    }
  }

  const checkTime = () => {
    if ((performance.now() - started) / 1000 > seconds) throw new ReadError('time-limit', { seconds });
  };

  await writeUnitAtomic([{
    dest: outPath,
    write: async (tmp) => {
      const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
      wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: 'visible' }];
      writeIssueList(wb, listed, lang);
      for (const sh of sheets) {
        const ws = wb.addWorksheet(sh.name);
        const rows = marks.get(sh.name) ?? new Map<number, Mark[]>();
        const pendingRows = [...rows.keys()].sort((a, b) => a - b);
        let next = 0; // index into pendingRows
        let last = 0; // last row written
        const put = (n: number, raw: RawRow | undefined) => {
          const row = ws.getRow(n);
          if (raw) {
            row.values = raw.cells.map((c, i) => cellValue(c, raw.kinds?.[i]));
            // one shared (never changed) style object for plain cells: exceljs caches a style's id by object,
            // so the style of a plain cell is not worked out again for every cell
            row.eachCell((cell) => {
              cell.style = PLAIN_STYLE;
            });
          }
          for (const m of rows.get(n) ?? []) {
            const cell = row.getCell(m.col);
            cell.style = {}; // its own style object: the fill must not change PLAIN_STYLE
            // the streaming writer leaves out rows without values: an empty marked cell gets an empty text
            if (cell.value === null || cell.value === undefined) cell.value = '';
            cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[m.severity] } };
            cell.note = m.lines.join('\n\n');
          }
          row.commit();
          last = n;
        };
        // a sheet that was not validated and cannot be read as a table (a chart sheet, a broken part) is copied
        // empty; a validated one was readable a moment ago, and any error on it stands
        const validated = tables.some((tb) => sheetOf(tb) === sh);
        const src = await openSource(inputPath, sh.source !== undefined ? { sheet: sh.source } : {}).catch((err: unknown) => {
          if (validated || !(err instanceof ReadError) || err.code === 'time-limit') throw err;
          return undefined;
        });
        if (src) try {
          for await (const batch of src.batches()) {
            checkTime();
            await drained(ws);
            for (const raw of batch) {
              if (raw.n > EXCEL_MAX_ROWS) throw new OutputError(outPath, `@reason.excel-rows:${raw.n}`);
              if (raw.n <= last) continue; // a row listed twice or out of order: the first one stands
              while (next < pendingRows.length && pendingRows[next]! < raw.n) {
                if (pendingRows[next]! > last) put(pendingRows[next]!, undefined);
                next++;
              }
              if (pendingRows[next] === raw.n) next++;
              put(raw.n, raw.cells.length > EXCEL_MAX_COLUMNS ? { ...raw, cells: raw.cells.slice(0, EXCEL_MAX_COLUMNS) } : raw);
            }
          }
        } catch (err) {
          if (validated || !(err instanceof ReadError) || err.code === 'time-limit') throw err;
          // the rest of a sheet that was not validated and cannot be read: left out
        } finally {
          await src.close();
        }
        for (; next < pendingRows.length; next++) if (pendingRows[next]! > last) put(pendingRows[next]!, undefined);
        ws.commit();
      }
      await wb.commit();
    },
  }]);
  return { cells, issues: listed.length };
}

/** The first sheet: every issue, worst first, with a link to its cell. */
function writeIssueList(wb: StreamWorkbook, listed: { issue: Issue; sheet: string | undefined; addr?: string }[], lang: Lang): void {
  const list: StreamSheet = wb.addWorksheet(ISSUES_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  list.columns = [{ width: 16 }, { width: 10 }, { width: 20 }, { width: 70 }, { width: 60 }];
  const head = list.addRow(['annotate.col.where', 'annotate.col.level', 'annotate.col.code', 'annotate.col.problem', 'annotate.col.hint'].map((k) => t(lang, k)));
  head.font = { bold: true };
  head.commit();
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
    row.commit();
  }
  list.commit();
}

const PLAIN_STYLE = Object.freeze({}) as Record<string, never>;

/** A sheet name Excel accepts (at most 31 characters, none of : \ / ? * [ ]). */
function safeSheetName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = name.replace(/[:\\/?*[\]\u0000-\u001f]/g, '_').replace(/^'|'$/g, '_').slice(0, 31);
  return clean === '' || clean.toLowerCase() === ISSUES_SHEET.toLowerCase() ? 'Data' : clean;
}
