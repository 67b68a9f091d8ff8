/** Dates as Indonesian offices write them: ISO, D/M/YYYY, Indonesian month names, Excel serials. */
import { monthNumber } from '../read/words.js';

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;
const SLASH = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const NAMED = /^(?:[a-z]+,\s*)?(\d{1,2})[\s-]+([a-z]+)\.?[\s-]+(\d{4})$/i;
const MONTH_YEAR = /^([a-z]+)\.?[\s-]+(\d{4})$/i;

export function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

function iso(y: number, m: number, d: number): string | null {
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || y < 1000 || y > 9999) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** YYYY-MM-DD with a real day (no regex: this runs once per date cell). */
export function isIsoDate(t: string): boolean {
  if (t.length !== 10 || t.charCodeAt(4) !== 45 || t.charCodeAt(7) !== 45) return false;
  const y = digits(t, 0, 4);
  const m = digits(t, 5, 7);
  const d = digits(t, 8, 10);
  return y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function digits(t: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

export function isIsoDatetime(t: string): boolean {
  const m = ISO_DATETIME.exec(t);
  return !!m && iso(+m[1]!, +m[2]!, +m[3]!) !== null && +m[4]! < 24 && +m[5]! < 60 && (m[7] === undefined || +m[7] < 61);
}

export type DateOrder = 'dmy' | 'mdy';

/** Parts of a numeric D/M/Y or M/D/Y date, or null. */
export function slashParts(t: string): [number, number, number] | null {
  const m = SLASH.exec(t.trim());
  return m ? [+m[1]!, +m[2]!, +m[3]!] : null;
}

/** Parses a non-ISO date text to ISO: numeric (by `order`) or with an Indonesian month name. */
export function parseLooseDate(text: string, order: DateOrder = 'dmy'): string | null {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  const s = slashParts(t);
  if (s) return order === 'dmy' ? iso(s[2], s[1], s[0]) : iso(s[2], s[0], s[1]);
  const n = NAMED.exec(t);
  if (n) {
    const month = monthNumber(n[2]!);
    return month ? iso(+n[3]!, month, +n[1]!) : null;
  }
  return null;
}

/** "Januari 2024" → "2024-01". */
export function parseMonthYear(text: string): string | null {
  const m = MONTH_YEAR.exec(text.trim());
  if (!m) return null;
  const month = monthNumber(m[1]!);
  return month ? `${m[2]}-${String(month).padStart(2, '0')}` : null;
}

/**
 * Excel serial day → ISO date. 1900 system: serial 60 is the non-existent 1900-02-29 (Lotus bug);
 * serials from 61 count from 1899-12-30, those below from 1899-12-31. 1904 system: from 1904-01-01.
 */
export function excelSerialToIso(serial: number, system: 1900 | 1904 = 1900): string | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2958465) return null;
  const whole = Math.floor(serial);
  let ms: number;
  if (system === 1904) ms = Date.UTC(1904, 0, 1) + whole * 86400000;
  else if (whole === 60) return '1900-02-29';
  else if (whole > 60) ms = Date.UTC(1899, 11, 30) + whole * 86400000;
  else ms = Date.UTC(1899, 11, 31) + whole * 86400000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Parses by a Table Schema/strptime pattern such as %d/%m/%Y or %Y-%m-%d. */
export function compileDatePattern(pattern: string): (t: string) => string | null {
  const groups: string[] = [];
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '%' && i + 1 < pattern.length) {
      const k = pattern[++i]!;
      groups.push(k);
      re += k === 'Y' ? '(\\d{4})' : k === 'y' ? '(\\d{2})' : k === 'b' || k === 'B' ? '([A-Za-z]+)\\.?' : '(\\d{1,2})';
    } else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  const rx = new RegExp(re + '$');
  return (t: string) => {
    const m = rx.exec(t.trim());
    if (!m) return null;
    let y = 0;
    let mo = 1;
    let d = 1;
    groups.forEach((g, i) => {
      const v = m[i + 1]!;
      if (g === 'Y') y = +v;
      else if (g === 'y') y = 2000 + +v;
      else if (g === 'm') mo = +v;
      else if (g === 'd') d = +v;
      else if (g === 'b' || g === 'B') mo = monthNumber(v) ?? 0;
    });
    return iso(y, mo, d);
  };
}
