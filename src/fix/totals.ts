/**
 * Totals and subtotal rows are dropped only after they are checked: each additive number in the row must
 * equal the sum of the data rows it closes (since the previous total), of those it opens (up to the next
 * total), of all data rows, or of the rows it aggregates across a layout — the rows with the same period
 * keys ("padi total, 2022, triwulan 1" = padi sawah + padi gogo of that quarter). A total that does not add
 * up is reported (`fix-total-mismatch`) and still dropped.
 */
import type { FixProblem } from './types.js';
import { sameTotal } from '../read/layout.js';
import { at } from './layout.js';

export interface TotalCheckRow {
  n: number;
  /** Value per source column (NaN when not a number). */
  values: Map<number, number>;
  /** Values of the key columns (period, category codes), joined; '' when the row has none. */
  key?: string;
  /** First word of the row label, folded ("padi" for "padi total"), '' when none. */
  stem?: string;
}

export interface Segment {
  kind: 'data' | 'total';
  row: TotalCheckRow;
}

export function checkTotals(seq: Segment[], columns: { col: number; field: string }[], sheet: string | undefined): FixProblem[] {
  const problems: FixProblem[] = [];
  const sumOf = (rows: Segment[], col: number): number => {
    let s = 0;
    for (const r of rows) if (r.kind === 'data') s += r.row.values.get(col) || 0;
    return s;
  };
  const totals = seq.map((s, i) => (s.kind === 'total' ? i : -1)).filter((i) => i >= 0);
  const dataRows = seq.filter((s) => s.kind === 'data');
  totals.forEach((ti, k) => {
    const prev = k > 0 ? totals[k - 1]! + 1 : 0;
    const next = k + 1 < totals.length ? totals[k + 1]! : seq.length;
    const row = seq[ti]!.row;
    // groups of parts, in order of preference; an empty group is no candidate
    const groups: Segment[][] = [seq.slice(prev, ti), seq.slice(ti + 1, next), dataRows];
    if (row.key) {
      const sameKey = dataRows.filter((d) => d.row.key === row.key);
      if (row.stem) groups.push(sameKey.filter((d) => d.row.stem === row.stem));
      groups.push(sameKey);
    }
    const candidates = groups.filter((g) => g.some((s) => s.kind === 'data'));
    for (const { col, field } of columns) {
      const v = row.values.get(col);
      if (v === undefined || Number.isNaN(v)) continue;
      if (candidates.some((g) => sameTotal(v, sumOf(g, col)))) continue;
      const expected = sumOf(candidates[0] ?? [], col);
      const all = sumOf(dataRows, col);
      // twice the total: subtotal rows (kecamatan among their kelurahan) are mixed into the detail rows
      const note = sameTotal(all, v * 2) ? '@fix.note.double' : '';
      problems.push({ code: 'fix-total-mismatch', severity: 'error', params: { row: row.n, field, value: v, sum: expected, note }, cell: at(undefined, col, row.n), row: row.n, col: col + 1, field, value: String(v), ...(sheet ? { sheet } : {}) });
    }
  });
  return problems;
}
