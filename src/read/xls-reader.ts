/**
 * Legacy BIFF (.xls, Excel 97–2003 and older) reader on SheetJS (@e965/xlsx).
 * The file is read whole (legacy files are small; over 50 MB is refused) and rows are produced per batch.
 */
import { readFile } from 'node:fs/promises';
import type { CellObject, WorkSheet } from '@e965/xlsx';
import { CellKind, ReadError, type RawRow, type RowSource, type SheetInfo, type SourceInfo } from './table.js';
import { OLE2 } from './sniff.js';
import {
  BATCH_SIZE,
  errorDetail,
  isDateFormat,
  requestedSheetIndex,
  serialToIso,
  sheetState,
} from './workbook-common.js';

const MAX_BYTES = 50 * 1024 * 1024;

/** BIFF error codes ([MS-XLS] 2.5.97.2 BErr). */
const BIFF_ERRORS: Record<number, string> = {
  0x00: '#NULL!',
  0x07: '#DIV/0!',
  0x0f: '#VALUE!',
  0x17: '#REF!',
  0x1d: '#NAME?',
  0x24: '#NUM!',
  0x2a: '#N/A',
  0x2b: '#GETTING_DATA',
};


/** An OLE2 compound file, or a bare BIFF2–5 stream starting with a BOF record (09 00 / 09 02 / 09 04 / 09 08). */
function looksLikeXls(buf: Uint8Array): boolean {
  if (buf.length >= 8 && OLE2.every((b, i) => buf[i] === b)) return true;
  return buf.length >= 4 && buf[0] === 0x09 && (buf[1] === 0x00 || buf[1] === 0x02 || buf[1] === 0x04 || buf[1] === 0x08);
}

/** Text and kind of one SheetJS cell; undefined when it holds no value. */
function cellValue(cell: CellObject, date1904: boolean): [string, CellKind] | undefined {
  const v = cell.v;
  switch (cell.t) {
    case 's':
      return v === undefined || v === null || v === '' ? undefined : [String(v), CellKind.String];
    case 'n': {
      if (typeof v !== 'number') return undefined;
      if (cell.z !== undefined && isDateFormat(String(cell.z))) {
        const iso = serialToIso(v, date1904);
        if (iso !== undefined) return [iso, CellKind.Date];
      }
      return [String(v), CellKind.Number];
    }
    case 'b':
      return [v ? 'TRUE' : 'FALSE', CellKind.Boolean];
    case 'e':
      return [(typeof v === 'number' ? BIFF_ERRORS[v] : undefined) ?? cell.w ?? '#ERROR', CellKind.Error];
    case 'd': {
      if (!(v instanceof Date) || Number.isNaN(v.getTime())) return undefined;
      const iso = v.toISOString();
      return [iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19), CellKind.Date];
    }
    default:
      return undefined;
  }
}

function sheetRows(ws: WorkSheet): (CellObject[] | undefined)[] {
  return ((ws as { '!data'?: (CellObject[] | undefined)[] })['!data'] ?? []) as (CellObject[] | undefined)[];
}

function hasValue(ws: WorkSheet): boolean {
  for (const row of sheetRows(ws)) {
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const cell = row[c];
      if (cell && cellValue(cell, false) !== undefined) return true;
    }
  }
  return false;
}

class XlsSource implements RowSource {
  private released = false;
  private iterated = false;

  constructor(
    readonly info: SourceInfo,
    private ws: WorkSheet | undefined,
  ) {}

  async *batches(): AsyncGenerator<RawRow[]> {
    if (this.iterated) throw new Error('batches() can only be iterated once');
    this.iterated = true;
    try {
      const ws = this.ws;
      if (!ws) return;
      const date1904 = this.info.dateSystem === 1904;
      const data = sheetRows(ws);
      const rowInfo = ws['!rows'] ?? [];
      let out: RawRow[] = [];
      let width = 0;
      for (let r = 0; r < data.length && !this.released; r++) {
        const src = data[r];
        if (!src) continue;
        const cells: string[] = [];
        const kinds: CellKind[] = [];
        for (let c = 0; c < src.length; c++) {
          const cell = src[c];
          const value = cell ? cellValue(cell, date1904) : undefined;
          if (!value) continue;
          while (cells.length < c) {
            cells.push('');
            kinds.push(CellKind.Empty);
          }
          cells.push(value[0]);
          kinds.push(value[1]);
        }
        if (cells.length === 0) continue;
        const row: RawRow = { n: r + 1, cells, kinds };
        if (rowInfo[r]?.hidden) row.hidden = true;
        if (cells.length > width) width = this.info.width = cells.length;
        out.push(row);
        if (out.length >= BATCH_SIZE) {
          yield out;
          out = [];
        }
      }
      if (out.length > 0 && !this.released) yield out;
      // the sheet's used range (!ref) also counts formatted empty rows at the bottom
      const end = /(\d+)$/.exec(String(ws['!ref'] ?? ''));
      this.info.lastRow = Math.max(data.length, end ? Number(end[1]) : 0);
    } finally {
      await this.close();
    }
  }

  async close(): Promise<void> {
    this.released = true;
    this.ws = undefined;
  }
}

/** Opens a genuine BIFF .xls workbook and selects its sheet. */
export async function openXls(path: string, opts: { sheet?: string | number; bytes: number }): Promise<RowSource> {
  if (opts.bytes === 0) throw new ReadError('empty-file');
  if (opts.bytes > MAX_BYTES) throw new ReadError('format-error', { detected: 'xls > 50 MB' });
  let buf: Buffer;
  try {
    buf = await readFile(path);
  } catch (err) {
    throw new ReadError('source-error', { reason: errorDetail(err) });
  }
  if (buf.length === 0) throw new ReadError('empty-file');
  if (buf.length > MAX_BYTES) throw new ReadError('format-error', { detected: 'xls > 50 MB' });
  if (!looksLikeXls(buf)) {
    throw new ReadError('corrupt-file', { detail: 'bukan berkas Excel 97-2003 / not an Excel 97-2003 file' });
  }
  const XLSX = await import('@e965/xlsx');
  let wb: ReturnType<typeof XLSX.read>;
  try {
    wb = XLSX.read(buf, {
      type: 'buffer',
      dense: true,
      cellDates: false,
      cellNF: true,
      cellStyles: false,
      cellText: false,
      cellFormula: false,
      cellHTML: false,
    });
  } catch (err) {
    throw new ReadError('corrupt-file', { detail: errorDetail(err) });
  }
  const names = wb.SheetNames ?? [];
  if (names.length === 0) throw new ReadError('corrupt-file', { detail: 'tidak ada sheet / no sheets' });
  const props = wb.Workbook?.Sheets ?? [];
  const sheets: SheetInfo[] = names.map((name, i) => {
    const ws = wb.Sheets[name];
    return { name, state: sheetState(props[i]?.Hidden), empty: ws ? !hasValue(ws) : true };
  });
  let index = requestedSheetIndex(opts.sheet, sheets);
  if (index === undefined) {
    index = sheets.findIndex((s) => s.state === 'visible' && !s.empty);
    if (index < 0) index = Math.max(0, sheets.findIndex((s) => s.state === 'visible'));
  }
  const name = names[index]!;
  const ws = wb.Sheets[name];
  const info: SourceInfo = {
    path,
    format: 'xls',
    bytes: opts.bytes,
    sheet: name,
    sheets,
    merges: (ws?.['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, left: m.s.c + 1, bottom: m.e.r + 1, right: m.e.c + 1 })),
    dateSystem: wb.Workbook?.WBProps?.date1904 ? 1904 : 1900,
    notes: [],
  };
  return new XlsSource(info, ws);
}
