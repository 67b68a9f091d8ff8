/** Indonesian and international number texts: classify a cell's style, parse by a declared format. */

export const enum NumStyle {
  NotNumber = 0,
  Integer = 1, // 1234
  DotDecimal = 2, // 12.34, 1234.5
  CommaDecimal = 3, // 12,34
  DotGroups = 4, // 1.234.567
  CommaGroups = 5, // 1,234,567
  IdFull = 6, // 1.234.567,89
  UsFull = 7, // 1,234,567.89
  AmbiguousDot = 8, // 900.545, 1.059 (decimal point or thousand dots)
  AmbiguousComma = 9, // 4,800 (thousand comma or decimal comma)
}

export interface NumberClass {
  style: NumStyle;
  /** Currency or percent text was stripped (Rp, IDR, %). */
  decorated: boolean;
  /** Leading/trailing whitespace around the number. */
  padded: boolean;
  /** The bare number text after stripping. */
  core: string;
}

const DECOR = /^(?:rp\.?|idr)\s*|\s*(?:%|persen)$/i;
const RE_INT = /^[+-]?\d+$/;
const RE_DOT_DEC = /^[+-]?\d*\.\d+$/;
const RE_COMMA_DEC = /^[+-]?\d*,\d+$/;
const RE_DOT_GROUPS = /^[+-]?\d{1,3}(\.\d{3})+$/;
const RE_COMMA_GROUPS = /^[+-]?\d{1,3}(,\d{3})+$/;
const RE_ID_FULL = /^[+-]?\d{1,3}(\.\d{3})+,\d+$/;
const RE_US_FULL = /^[+-]?\d{1,3}(,\d{3})+\.\d+$/;
const RE_SCI = /^[+-]?\d+(\.\d+)?e[+-]?\d+$/i;

/** Classifies a text cell's number style. Allocation-free for the common plain cases. */
export function classifyNumber(text: string): NumberClass {
  let t = text.trim();
  const padded = t.length !== text.length;
  let decorated = false;
  if (DECOR.test(t)) {
    t = t.replace(DECOR, '').replace(DECOR, '').trim();
    decorated = true;
  }
  return { style: styleOf(t), decorated, padded, core: t };
}

export function styleOf(t: string): NumStyle {
  if (t === '' || t.length > 40) return NumStyle.NotNumber;
  if (RE_INT.test(t)) return NumStyle.Integer;
  // a group of thousands never starts with 0: "0.325" is a decimal, "1.059" could be either
  if (RE_DOT_DEC.test(t)) return /^[+-]?[1-9]\d{0,2}\.\d{3}$/.test(t) ? NumStyle.AmbiguousDot : NumStyle.DotDecimal;
  if (RE_COMMA_DEC.test(t)) return /^[+-]?[1-9]\d{0,2},\d{3}$/.test(t) ? NumStyle.AmbiguousComma : NumStyle.CommaDecimal;
  if (RE_DOT_GROUPS.test(t)) return NumStyle.DotGroups;
  if (RE_COMMA_GROUPS.test(t)) return NumStyle.CommaGroups;
  if (RE_ID_FULL.test(t)) return NumStyle.IdFull;
  if (RE_US_FULL.test(t)) return NumStyle.UsFull;
  if (RE_SCI.test(t)) return NumStyle.DotDecimal;
  return NumStyle.NotNumber;
}

/** Value of a classified core text under a style decision: Indonesian (dot groups, comma decimal) or not. */
export function valueOf(core: string, style: NumStyle, indonesian: boolean): number {
  switch (style) {
    case NumStyle.Integer:
    case NumStyle.DotDecimal:
      return Number(core);
    case NumStyle.CommaDecimal:
    case NumStyle.IdFull:
      return Number(core.replace(/\./g, '').replace(',', '.'));
    case NumStyle.DotGroups:
      return Number(core.replace(/\./g, ''));
    case NumStyle.CommaGroups:
    case NumStyle.UsFull:
      return Number(core.replace(/,/g, ''));
    case NumStyle.AmbiguousDot:
      return indonesian ? Number(core.replace('.', '')) : Number(core);
    case NumStyle.AmbiguousComma:
      return indonesian ? Number(core.replace(',', '.')) : Number(core.replace(',', ''));
    default:
      return NaN;
  }
}

/** Fast path for `^[+-]?\d+$` (the common integer cell): NaN when the text is anything else. */
export function parsePlainInteger(s: string): number {
  const n = s.length;
  if (n === 0 || n > 15) return n > 15 && RE_INT.test(s) ? Number(s) : NaN;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 || c0 === 43) {
    if (n === 1) return NaN;
    neg = c0 === 45;
    i = 1;
  }
  let v = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

/** Exact powers of ten (10^0 … 10^15). */
export const POW10 = Array.from({ length: 16 }, (_, k) => 10 ** k);

/** Fast path for `^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$`: NaN when the text is anything else. */
export function parsePlainNumber(s: string): number {
  const n = s.length;
  let i = 0;
  let c = s.charCodeAt(0);
  if (c === 45 || c === 43) c = s.charCodeAt(++i);
  let digits = 0;
  // the digits as one integer and how many follow the point: up to 15 digits, their value is that integer
  // over a power of ten — both exact doubles, so the one division is correctly rounded, as Number(s) is
  let m = 0;
  let decimals = 0;
  while (c >= 48 && c <= 57) { digits++; m = m * 10 + (c - 48); c = s.charCodeAt(++i); }
  if (c === 46) {
    c = s.charCodeAt(++i);
    while (c >= 48 && c <= 57) { digits++; decimals++; m = m * 10 + (c - 48); c = s.charCodeAt(++i); }
  }
  if (digits === 0) return NaN;
  if (i === n && digits <= 15) {
    const v = decimals === 0 ? m : m / POW10[decimals]!;
    return s.charCodeAt(0) === 45 ? -v : v;
  }
  if (c === 101 || c === 69) {
    c = s.charCodeAt(++i);
    if (c === 45 || c === 43) c = s.charCodeAt(++i);
    let exp = 0;
    while (c >= 48 && c <= 57) { exp++; c = s.charCodeAt(++i); }
    if (exp === 0) return NaN;
  }
  return i === n ? Number(s) : NaN;
}

export interface NumberFormat {
  decimalChar: string;
  groupChar: string;
  bareNumber: boolean;
}

/**
 * Parses by a declared Table Schema format (decimalChar, groupChar, bareNumber), strictly:
 * `1.234` with decimalChar "," and no groupChar is NOT a number (the frictionless-py #1005 trap).
 * Returns NaN when the text is not a number of that format.
 */
export function parseNumber(text: string, fmt: NumberFormat, integer: boolean): number {
  let t = text;
  if (!fmt.bareNumber) {
    t = t.trim().replace(/^[^\d+-]+/, '').replace(/[^\d]+$/, '');
  }
  if (fmt.groupChar) {
    if (t.indexOf(fmt.groupChar) >= 0) {
      const g = fmt.groupChar === '.' ? /\./g : new RegExp(escapeRe(fmt.groupChar), 'g');
      t = t.replace(g, '');
    }
  }
  if (integer) {
    return RE_INT.test(t) ? Number(t) : NaN;
  }
  if (fmt.decimalChar !== '.') {
    if (t.indexOf('.') >= 0) return NaN;
    const k = t.indexOf(fmt.decimalChar);
    if (k >= 0) t = t.slice(0, k) + '.' + t.slice(k + 1);
  }
  if (!NUMBER_TEXT.test(t)) {
    if (t === 'NaN' || t === 'INF' || t === '-INF') return t === 'NaN' ? NaN : t === 'INF' ? Infinity : -Infinity;
    return NaN;
  }
  return Number(t);
}

const NUMBER_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Formats a number the Indonesian way for messages (1.234.567,5). */
export function formatId(n: number): string {
  return n.toLocaleString('id-ID', { maximumFractionDigits: 6 });
}
