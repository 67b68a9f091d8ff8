/**
 * Small helpers shared by the workbook readers (xlsx, xls, html):
 * sheet choice, Excel serial → ISO date, number-format date detection, A1 ranges, batching.
 */
import { ReadError, type MergeRange, type RawRow, type SheetInfo } from './table.js';

/** Rows per batch delivered by `RowSource.batches()`. */
export const BATCH_SIZE = 1000;

/** Sheet visibility as written in the info: 'visible' | 'hidden' | 'veryHidden'. */
export function sheetState(raw: string | number | undefined): 'visible' | 'hidden' | 'veryHidden' {
  if (raw === 1 || raw === 'hidden') return 'hidden';
  if (raw === 2 || raw === 'veryHidden') return 'veryHidden';
  return 'visible';
}

/** The ReadError for a sheet the workbook does not have. */
export function sheetNotFound(request: string | number, sheets: readonly SheetInfo[]): ReadError {
  return new ReadError('sheet-not-found', {
    sheet: String(request),
    sheets: sheets.map((s) => s.name).join(', '),
  });
}

/**
 * Index (0-based) of the sheet the user asked for: a name (exact, then case-insensitive and trimmed)
 * or a 1-based number (a number, or a string of digits that is not also a sheet name).
 * Returns undefined when nothing was asked; throws sheet-not-found when it does not exist.
 */
export function requestedSheetIndex(
  request: string | number | undefined,
  sheets: readonly SheetInfo[],
): number | undefined {
  if (request === undefined || request === '') return undefined;
  if (typeof request === 'string') {
    let i = sheets.findIndex((s) => s.name === request);
    if (i >= 0) return i;
    const folded = request.trim().toLowerCase();
    i = sheets.findIndex((s) => s.name.trim().toLowerCase() === folded);
    if (i >= 0) return i;
    if (!/^\s*\d+\s*$/.test(request)) throw sheetNotFound(request, sheets);
  }
  const n = Number(request);
  if (Number.isInteger(n) && n >= 1 && n <= sheets.length) return n - 1;
  throw sheetNotFound(request, sheets);
}

const DAY_MS = 86_400_000;
/** 1899-12-31: day 1 of the 1900 system is 1900-01-01. */
const EPOCH_1900 = Date.UTC(1899, 11, 31);
/** 1904-01-01 is day 0 of the 1904 system. */
const EPOCH_1904 = Date.UTC(1904, 0, 1);

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function timeText(secs: number): string {
  return pad2(Math.floor(secs / 3600)) + ':' + pad2(Math.floor(secs / 60) % 60) + ':' + pad2(secs % 60);
}

/**
 * ISO text of an Excel date serial: 'YYYY-MM-DD', or 'YYYY-MM-DDTHH:MM:SS' when it has a time part
 * (rounded to the second). A pure time (serial in [0, 1)) gives 'HH:MM:SS'.
 * The 1900 system keeps Excel's leap-year bug: serial 60 is the fictitious 1900-02-29.
 * Returns undefined for serials that are no date (negative, not finite, after 9999-12-31).
 */
export function serialToIso(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial) || serial < 0) return undefined;
  // a column of dates repeats a few thousand days over and over: their texts are kept (a bounded memo)
  const memo = date1904 ? MEMO_1904 : MEMO_1900;
  let iso = memo.get(serial);
  if (iso === undefined && !memo.has(serial)) {
    iso = serialText(serial, date1904);
    if (memo.size >= MEMO_MAX) memo.clear();
    memo.set(serial, iso);
  }
  return iso;
}

const MEMO_MAX = 8192;
const MEMO_1900 = new Map<number, string | undefined>();
const MEMO_1904 = new Map<number, string | undefined>();

function serialText(serial: number, date1904: boolean): string | undefined {
  let days = Math.floor(serial);
  let secs = Math.round((serial - days) * 86400);
  if (secs >= 86400) {
    days += 1;
    secs -= 86400;
  }
  if (serial < 1 && days === 0) return timeText(secs);
  let date: string;
  if (!date1904 && days === 60) {
    date = '1900-02-29';
  } else {
    const ms = date1904 ? EPOCH_1904 + days * DAY_MS : EPOCH_1900 + (days < 60 ? days : days - 1) * DAY_MS;
    const d = new Date(ms);
    const y = d.getUTCFullYear();
    if (y > 9999) return undefined;
    date = String(y).padStart(4, '0') + '-' + pad2(d.getUTCMonth() + 1) + '-' + pad2(d.getUTCDate());
  }
  return secs === 0 ? date : date + 'T' + timeText(secs);
}

/** Built-in number formats that are dates or times (ECMA-376 18.8.30, plus the East Asian ids). */
export function isBuiltinDateFormatId(id: number): boolean {
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

const dateFormatCache = new Map<string, boolean>();

/** Whether an Excel number-format code shows a date or time (ignoring quoted text, escapes, [colours]). */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const known = dateFormatCache.get(fmt);
  if (known !== undefined) return known;
  let result = false;
  if (fmt.toLowerCase() !== 'general') {
    let s = '';
    for (let i = 0; i < fmt.length; i++) {
      const ch = fmt[i]!;
      if (ch === '"') {
        const end = fmt.indexOf('"', i + 1);
        i = end < 0 ? fmt.length : end;
      } else if (ch === '\\' || ch === '_' || ch === '*') {
        i++; // escaped / padding / fill character
      } else if (ch === '[') {
        const end = fmt.indexOf(']', i + 1);
        const inner = fmt.slice(i + 1, end < 0 ? fmt.length : end).toLowerCase();
        if (/^(h+|m+|s+)$/.test(inner)) s += 'h'; // elapsed time [h]:mm
        i = end < 0 ? fmt.length : end;
      } else {
        s += ch;
      }
    }
    result = /[ymdhs]/i.test(s) || /a\/p/i.test(s);
  }
  if (dateFormatCache.size < 1000) dateFormatCache.set(fmt, result);
  return result;
}

/** 0-based column index of the letters at the start of an A1 reference ('B7' → 1). -1 when none. */
export function columnIndexOf(ref: string): number {
  let col = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else if (c !== 36) break; // skip '$'
  }
  return col - 1;
}

function rowNumberOf(ref: string): number {
  let i = 0;
  while (i < ref.length && !(ref.charCodeAt(i) >= 48 && ref.charCodeAt(i) <= 57)) i++;
  return parseInt(ref.slice(i), 10);
}

/** 'A1:C2' → {top:1,left:1,bottom:2,right:3} (1-based inclusive); a single cell gives a 1×1 range. */
export function decodeRange(ref: string): MergeRange | undefined {
  const colon = ref.indexOf(':');
  const a = colon < 0 ? ref : ref.slice(0, colon);
  const b = colon < 0 ? ref : ref.slice(colon + 1);
  const left = columnIndexOf(a) + 1;
  const right = columnIndexOf(b) + 1;
  const top = rowNumberOf(a);
  const bottom = rowNumberOf(b);
  if (!(left > 0 && right > 0 && top > 0 && bottom > 0)) return undefined;
  return {
    top: Math.min(top, bottom),
    left: Math.min(left, right),
    bottom: Math.max(top, bottom),
    right: Math.max(left, right),
  };
}

/** Batches of an in-memory row list. */
export async function* batchesOf(rows: readonly RawRow[]): AsyncGenerator<RawRow[]> {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) yield rows.slice(i, i + BATCH_SIZE);
}

/** Short text of an unknown error, for ReadError params. */
export function errorDetail(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  return msg.split('\n')[0]!.slice(0, 160);
}
