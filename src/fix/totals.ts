/**
 * Totals and subtotal rows are dropped only after they are checked: each number in the row must equal the
 * sum of the data rows it closes (since the previous total), of those it opens (up to the next total), or
 * of all data rows. A total that does not add up is reported (`fix-total-mismatch`) and still dropped.
 */
import type { FixProblem } from './types.js';
import { at } from './layout.js';

export interface TotalCheckRow {
  n: number;
  /** Value per source column (NaN when not a number). */
  values: Map<number, number>;
}

export interface Segment {
  kind: 'data' | 'total';
  row: TotalCheckRow;
}

const close = (a: number, b: number) => Math.abs(a - b) <= Math.max(1e-6, Math.abs(b) * 1e-9);

export function checkTotals(seq: Segment[], columns: { col: number; field: string }[], sheet: string | undefined): FixProblem[] {
  const problems: FixProblem[] = [];
  const sum = (from: number, to: number, col: number): number => {
    let s = 0;
    for (let i = from; i < to; i++) if (seq[i]!.kind === 'data') s += seq[i]!.row.values.get(col) || 0;
    return s;
  };
  const totals = seq.map((s, i) => (s.kind === 'total' ? i : -1)).filter((i) => i >= 0);
  totals.forEach((ti, k) => {
    const prev = k > 0 ? totals[k - 1]! + 1 : 0;
    const next = k + 1 < totals.length ? totals[k + 1]! : seq.length;
    const row = seq[ti]!.row;
    for (const { col, field } of columns) {
      const v = row.values.get(col);
      if (v === undefined || Number.isNaN(v)) continue;
      const before = sum(prev, ti, col);
      const after = sum(ti + 1, next, col);
      const all = sum(0, seq.length, col);
      const anyBefore = seq.slice(prev, ti).some((s) => s.kind === 'data');
      const anyAfter = seq.slice(ti + 1, next).some((s) => s.kind === 'data');
      if ((anyBefore && close(v, before)) || (anyAfter && close(v, after)) || close(v, all)) continue;
      const expected = anyBefore ? before : anyAfter ? after : all;
      problems.push({ code: 'fix-total-mismatch', severity: 'error', params: { row: row.n, field, value: v, sum: expected }, cell: at(undefined, col, row.n), row: row.n, col: col + 1, field, value: String(v), ...(sheet ? { sheet } : {}) });
    }
  });
  return problems;
}
