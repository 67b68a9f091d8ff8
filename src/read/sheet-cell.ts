/**
 * One `<c …>` of a sheet read in place, the hot path of every XLSX: its column (from `r`), style (`s`) and type
 * (`t`) taken from the characters without a string per attribute, and its plain `<v>` value located. Only the
 * common, unambiguous shape is taken — `<c …/>`, `<c …></c>` or `<c …><v>text</v></c>`, unprefixed, attributes
 * separated by single spaces and quoted, `r` as letters then digits, `s` as digits, a known `t`, no entity or
 * CR in the value — and only when the whole cell is in the string; for anything else scanCell says no and the
 * general scanner (xml-scan.ts) reads the cell tag by tag, with the same result.
 */

/** Where scanCell puts what it read (one object reused for every cell). */
export interface CellTag {
  /** The index just after the cell. */
  next: number;
  /** Zero-based column from `r`, or -1 when the cell has no `r`. */
  col: number;
  style: number;
  type: string | undefined;
  /** The value's range in the string; vFrom is -1 when the cell has no `<v>`. */
  vFrom: number;
  vTo: number;
}

/** A `t` value a writer uses, as the string the general path would slice; undefined for any other. */
function typeAt(s: string, from: number, to: number): string | undefined {
  if (to - from === 1) {
    switch (s.charCodeAt(from)) {
      case 115: return 's';
      case 110: return 'n';
      case 98: return 'b';
      case 101: return 'e';
      case 100: return 'd';
      default: return undefined;
    }
  }
  if (to - from === 3 && s.startsWith('str', from)) return 'str';
  if (to - from === 9 && s.startsWith('inlineStr', from)) return 'inlineStr';
  return undefined;
}

/** Column index of a reference of capital letters then digits (`AB12` → 27), or -2 for any other shape. */
function columnAt(s: string, from: number, to: number): number {
  let col = 0;
  let i = from;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else break;
  }
  if (i === from || i === to) return -2;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -2;
  }
  return col - 1;
}

/** A number written as 1–9 digits (a style or shared-string index), or -1 for anything else. */
export function digitsIn(s: string, from: number, to: number): number {
  if (to === from || to - from > 9) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** Reads the cell starting at s[i] (`<c`) into `out`; false when it is not of the simple shape or not whole. */
export function scanCell(s: string, i: number, n: number, out: CellTag): boolean {
  let j = i + 2;
  let c = s.charCodeAt(j);
  let col = -1;
  let style = 0;
  let type: string | undefined = undefined;
  while (c === 32) {
    c = s.charCodeAt(++j);
    if (c === 62 || c === 47) break;
    // names and values are a few characters: a loop beats two indexOf calls (a third of this function's time)
    let eq = j;
    const nameEnd = j + 13 < n ? j + 13 : n;
    while (eq < nameEnd && s.charCodeAt(eq) !== 61) eq++;
    if (eq >= nameEnd) return false;
    const q = s.charCodeAt(eq + 1);
    if (q !== 34 && q !== 39) return false;
    const from = eq + 2;
    let close = from;
    while (close < n && s.charCodeAt(close) !== q) close++;
    if (close >= n) return false;
    if (eq - j === 1) {
      const k = s.charCodeAt(j);
      if (k === 114) {
        col = columnAt(s, from, close);
        if (col === -2) return false;
      } else if (k === 115) {
        style = digitsIn(s, from, close);
        if (style < 0) return false;
      } else if (k === 116) {
        type = typeAt(s, from, close);
        if (type === undefined) return false;
      } else if (k === 32 || k === 47 || k === 62) return false;
    } else {
      // another attribute (ignored, as the general path ignores it): a plain name only
      for (let x = j; x < eq; x++) {
        const d = s.charCodeAt(x);
        if (d === 32 || d === 9 || d === 10 || d === 13 || d === 62 || d === 47 || d === 60 || d === 34 || d === 39) return false;
      }
    }
    j = close + 1;
    c = s.charCodeAt(j);
  }
  if (c === 47) {
    if (s.charCodeAt(j + 1) !== 62) return false;
    out.next = j + 2;
    out.vFrom = -1;
  } else if (c === 62) {
    const k = j + 1;
    if (k + 4 > n || s.charCodeAt(k) !== 60) return false;
    const k1 = s.charCodeAt(k + 1);
    if (k1 === 47) {
      if (s.charCodeAt(k + 2) !== 99 || s.charCodeAt(k + 3) !== 62) return false;
      out.next = k + 4;
      out.vFrom = -1;
    } else {
      if (k1 !== 118 || s.charCodeAt(k + 2) !== 62) return false;
      const vFrom = k + 3;
      let e = vFrom;
      for (; e < n; e++) {
        const d = s.charCodeAt(e);
        if (d === 60) break;
        if (d === 38 || d === 13) return false;
      }
      // '</v></c>', compared by code (startsWith cost a fifth of this function)
      if (e + 8 > n || s.charCodeAt(e + 1) !== 47 || s.charCodeAt(e + 2) !== 118 || s.charCodeAt(e + 3) !== 62 || s.charCodeAt(e + 4) !== 60 || s.charCodeAt(e + 5) !== 47 || s.charCodeAt(e + 6) !== 99 || s.charCodeAt(e + 7) !== 62) return false;
      out.next = e + 8;
      out.vFrom = vFrom;
      out.vTo = e;
    }
  } else return false;
  out.col = col;
  out.style = style;
  out.type = type;
  return true;
}
