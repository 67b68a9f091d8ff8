/**
 * Number conventions per column, from the evidence of a bounded sample (never cell by cell): the field type
 * (an integer field cannot hold 45.210 as a decimal), the unambiguous cells of the column (1.234.567, 64,06,
 * 12.5), trailing zeros (60.100 is not how a decimal is written), which reading makes the totals row equal the
 * column sum, and what the file's other columns (or a `;` delimiter) prove.
 */
import { classifyNumber, NumStyle, valueOf } from '../check/numbers.js';
import type { NumberConvention } from './reading.js';

/** The number a text is under a decided convention; NaN when the text is no number. */
export function valueUnder(text: string, n: NumberConvention): number {
  const k = classifyNumber(text);
  return k.style === NumStyle.NotNumber ? NaN : valueOf(k.core, k.style, n.groupChar === '.' || n.decimalChar === ',');
}

export interface NumberCell {
  text: string;
  /** A1 address, for conflicts. */
  cell: string;
  total: boolean;
}

export interface ColumnNumbers {
  cells: NumberCell[];
  id: number;
  en: number;
  ambiguousDot: number;
  ambiguousComma: number;
  decorated: number;
  styles: Uint32Array;
}

/** Classifies a column's sampled text cells (markers and non-numbers already left out by the caller). */
export function tally(cells: NumberCell[]): ColumnNumbers {
  const styles = new Uint32Array(10);
  let decorated = 0;
  for (const c of cells) {
    const k = classifyNumber(c.text);
    styles[k.style]++;
    if (k.decorated && k.style !== NumStyle.NotNumber) decorated++;
  }
  return {
    cells,
    id: styles[NumStyle.CommaDecimal]! + styles[NumStyle.DotGroups]! + styles[NumStyle.IdFull]!,
    en: styles[NumStyle.DotDecimal]! + styles[NumStyle.CommaGroups]! + styles[NumStyle.UsFull]!,
    ambiguousDot: styles[NumStyle.AmbiguousDot]!,
    ambiguousComma: styles[NumStyle.AmbiguousComma]!,
    decorated,
    styles,
  };
}

/** Sum of the data cells before the first total, and that total, under one reading; null when unreadable. */
function totalsAgree(cells: NumberCell[], indonesian: boolean): boolean | null {
  let sum = 0;
  let parts = 0;
  for (const c of cells) {
    const k = classifyNumber(c.text);
    if (k.style === NumStyle.NotNumber) continue;
    const v = valueOf(k.core, k.style, indonesian);
    if (!Number.isFinite(v)) return null;
    if (c.total) {
      if (parts < 2) return null;
      return Math.abs(v - sum) <= Math.max(1e-6, Math.abs(sum) * 1e-9);
    }
    sum += v;
    parts++;
  }
  return null;
}

export interface ConventionContext {
  /** The field's type when the column feeds one. */
  type?: string;
  /** The field declares its own decimal/group characters: they are the convention. */
  declared?: { decimalChar: string; groupChar: string };
  /** What the other columns of the file prove (and a `;` delimiter). */
  fileLocale: 'id' | 'en' | null;
}

/** The column's convention, or undefined when it holds no numbers written as text. */
export function decide(n: ColumnNumbers, ctx: ConventionContext): NumberConvention | undefined {
  const s = n.styles;
  const numbers = s.reduce((a, b) => a + b, 0) - s[NumStyle.NotNumber]!;
  if (numbers === 0) return undefined;
  const example = n.cells.find((c) => classifyNumber(c.text).style > NumStyle.Integer)?.text ?? n.cells[0]?.text;
  const base = { ...(example ? { example } : {}), ...(n.decorated ? { decorated: n.decorated } : {}) };
  if (ctx.declared && (ctx.declared.decimalChar !== '.' || ctx.declared.groupChar)) {
    return { style: 'plain', decimalChar: ctx.declared.decimalChar as '.' | ',', groupChar: ctx.declared.groupChar as '' | '.' | ',', evidence: ['declared'], ...base };
  }
  const cellsOf = (styles: NumStyle[]) => n.cells.filter((c) => styles.includes(classifyNumber(c.text).style)).map((c) => c.cell);
  // a decimal point and a decimal comma in one column
  const dotDec = s[NumStyle.DotDecimal]! + s[NumStyle.UsFull]!;
  const commaDec = s[NumStyle.CommaDecimal]! + s[NumStyle.IdFull]!;
  if (dotDec > 0 && commaDec > 0) {
    const minority = dotDec <= commaDec ? [NumStyle.DotDecimal, NumStyle.UsFull] : [NumStyle.CommaDecimal, NumStyle.IdFull];
    return { style: 'mixed', decimalChar: '.', groupChar: '', evidence: ['mixed'], conflicts: cellsOf(minority), ...base };
  }
  const idVotes: string[] = [];
  const enVotes: string[] = [];
  // numbers of four digits or more written without grouping: the writer does not group thousands
  const ungrouped = n.cells.filter((c) => /^\s*[+-]?\d{4,}\s*$/.test(c.text)).length;
  const dotted = s[NumStyle.DotGroups]! + s[NumStyle.AmbiguousDot]! + s[NumStyle.IdFull]!;
  // most big numbers ungrouped: a dotted one is a slip the type check reports per cell, not a convention
  if (ungrouped > dotted && dotted > 0 && s[NumStyle.CommaDecimal]! === 0) return { style: 'plain', decimalChar: '.', groupChar: '', evidence: ['ungrouped'], ...base };
  if (ungrouped > 0 && n.ambiguousDot > 0) enVotes.push('ungrouped');
  if (s[NumStyle.DotGroups]! + s[NumStyle.IdFull]! > 0) idVotes.push('groups-dot');
  if (s[NumStyle.CommaDecimal]! > 0) idVotes.push('decimal-comma');
  if (s[NumStyle.CommaGroups]! + s[NumStyle.UsFull]! > 0) enVotes.push('groups-comma');
  if (s[NumStyle.DotDecimal]! > 0) enVotes.push('decimal-point');
  const amb = n.ambiguousDot + n.ambiguousComma;
  if (amb > 0) {
    const integer = ctx.type === 'integer' || ctx.type === 'year';
    if (integer && n.ambiguousDot > 0) idVotes.push('integer-field');
    if (integer && n.ambiguousComma > 0) enVotes.push('integer-field');
    if (n.ambiguousDot > 0 && n.ambiguousComma === 0) {
      // exactly three digits after every dot, and some end in 0 (60.100): written as thousands
      const zeros = n.cells.filter((c) => /^\s*[+-]?\d{1,3}\.\d\d0\s*$/.test(c.text)).length;
      if (zeros > 0 && enVotes.length === 0) idVotes.push('trailing-zeros');
    }
    const id = totalsAgree(n.cells, true);
    const en = totalsAgree(n.cells, false);
    if (id === true && en !== true) idVotes.push('total');
    if (en === true && id !== true) enVotes.push('total');
    if (idVotes.length === 0 && enVotes.length === 0) {
      if (ctx.fileLocale === 'id') idVotes.push('file');
      else if (ctx.fileLocale === 'en') enVotes.push('file');
      else if (ctx.type === 'number' && n.ambiguousDot > 0 && n.ambiguousComma === 0) enVotes.push('declared');
    }
  }
  if (idVotes.length > 0 && enVotes.length > 0) {
    return { style: 'ambiguous', decimalChar: '.', groupChar: '', evidence: [...idVotes.map((v) => `id:${v}`), ...enVotes.map((v) => `en:${v}`)], conflicts: cellsOf([NumStyle.AmbiguousDot, NumStyle.AmbiguousComma]), ...base };
  }
  if (idVotes.length > 0) {
    const dots = s[NumStyle.DotGroups]! + s[NumStyle.AmbiguousDot]! + s[NumStyle.IdFull]! > 0;
    const comma = s[NumStyle.CommaDecimal]! + s[NumStyle.IdFull]! + s[NumStyle.AmbiguousComma]! > 0;
    return { style: dots && comma ? 'dots-comma' : dots ? 'thousand-dots' : 'decimal-comma', decimalChar: ',', groupChar: '.', evidence: idVotes, ...base };
  }
  if (enVotes.length > 0) {
    const commas = s[NumStyle.CommaGroups]! + s[NumStyle.UsFull]! + s[NumStyle.AmbiguousComma]! > 0;
    const style = commas ? 'thousand-comma' : n.ambiguousDot > 0 ? 'decimal-point' : 'plain';
    return { style, decimalChar: '.', groupChar: commas ? ',' : '', evidence: enVotes, ...base };
  }
  if (amb > 0) return { style: 'ambiguous', decimalChar: '.', groupChar: '', evidence: ['undecided'], conflicts: cellsOf([NumStyle.AmbiguousDot, NumStyle.AmbiguousComma]), ...base };
  return { style: 'plain', decimalChar: '.', groupChar: '', evidence: [], ...base };
}

/** What a column's unambiguous cells prove about the file's locale. */
export function fileLocaleOf(columns: ColumnNumbers[], delimiter: string | undefined): 'id' | 'en' | null {
  let id = delimiter === ';' ? 1 : 0;
  let en = 0;
  for (const c of columns) { id += c.id; en += c.en; }
  return id > 0 && en === 0 ? 'id' : en > 0 && id === 0 ? 'en' : null;
}
