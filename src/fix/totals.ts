/**
 * Totals and subtotal rows are dropped only after they are checked: each additive number in the row must
 * equal the sum of the data rows it closes (since the previous total), of those it opens (up to the next
 * total), of all data rows, or of the rows it aggregates across a layout — the rows with the same period
 * keys ("padi total, 2022, triwulan 1" = padi sawah + padi gogo of that quarter). A total that does not add
 * up is reported (`fix-total-mismatch`) and still dropped.
 *
 * The check is incremental and holds nothing per data row: running sums per column (typed arrays) for the
 * stretch since the last total, for all data rows, per key, and per key and label stem (only the stems of
 * totals rows); the totals rows themselves are kept (their numbers, key and stem) and checked at the end.
 */
import type { FixProblem } from './types.js';
import { sameTotal } from '../read/layout.js';
import { at } from './layout.js';

/** Running sums of the additive columns over a group of data rows. */
class Sums {
  readonly sum: Float64Array;
  count = 0;
  constructor(width: number) {
    this.sum = new Float64Array(width);
  }
  add(values: Float64Array): void {
    this.count++;
    // a value that is not a number counts as 0 (as an empty cell does)
    for (let i = 0; i < values.length; i++) this.sum[i] += values[i]! || 0;
  }
}

interface TotalRow {
  n: number;
  /** Per checked column (in `columns` order), NaN when not a number. */
  values: Float64Array;
  key: string;
  stem: string;
  /** The data rows since the previous totals row, and those up to the next one. */
  before: Sums;
  after?: Sums;
}

export class TotalsCheck {
  private readonly width: number;
  private stretch: Sums;
  private readonly all: Sums;
  private readonly byKey = new Map<string, Sums>();
  private readonly byKeyStem = new Map<string, Sums>();
  private readonly totals: TotalRow[] = [];

  /** `stems`: the label stems of the table's totals rows (found on the first pass); only those are summed per stem. */
  constructor(
    private readonly columns: { col: number; field: string }[],
    private readonly sheet: string | undefined,
    private readonly stems: ReadonlySet<string>,
  ) {
    this.width = columns.length;
    this.stretch = new Sums(this.width);
    this.all = new Sums(this.width);
  }

  /** A data row: its numbers per checked column, its key ('' when none) and label stem. */
  data(values: Float64Array, key: string, stem: string): void {
    this.stretch.add(values);
    this.all.add(values);
    if (!key) return;
    let k = this.byKey.get(key);
    if (!k) this.byKey.set(key, (k = new Sums(this.width)));
    k.add(values);
    if (!this.stems.has(stem)) return;
    const ks = `${key}\u0000${stem}`;
    let s = this.byKeyStem.get(ks);
    if (!s) this.byKeyStem.set(ks, (s = new Sums(this.width)));
    s.add(values);
  }

  /** A totals row (row number n). */
  total(n: number, values: Float64Array, key: string, stem: string): void {
    const prev = this.totals[this.totals.length - 1];
    if (prev) prev.after = this.stretch;
    this.totals.push({ n, values, key, stem, before: this.stretch });
    this.stretch = new Sums(this.width);
  }

  /** The totals that do not add up, in row and column order. */
  finish(): FixProblem[] {
    const last = this.totals[this.totals.length - 1];
    if (last) last.after = this.stretch;
    const problems: FixProblem[] = [];
    const empty = new Sums(this.width);
    for (const row of this.totals) {
      // groups of parts, in order of preference; an empty group is no candidate
      const groups: Sums[] = [row.before, row.after!, this.all];
      if (row.key) {
        const sameKey = this.byKey.get(row.key) ?? empty;
        if (row.stem) groups.push(this.byKeyStem.get(`${row.key}\u0000${row.stem}`) ?? empty);
        groups.push(sameKey);
      }
      const candidates = groups.filter((g) => g.count > 0);
      this.columns.forEach(({ col, field }, i) => {
        const v = row.values[i]!;
        if (Number.isNaN(v)) return;
        if (candidates.some((g) => sameTotal(v, g.sum[i]!))) return;
        const expected = candidates[0]?.sum[i] ?? 0;
        const all = this.all.sum[i]!;
        // twice the total: subtotal rows (kecamatan among their kelurahan) are mixed into the detail rows
        const note = sameTotal(all, v * 2) ? '@fix.note.double' : '';
        problems.push({ code: 'fix-total-mismatch', severity: 'error', params: { row: row.n, field, value: v, sum: expected, note }, cell: at(undefined, col, row.n), row: row.n, col: col + 1, field, value: String(v), ...(this.sheet ? { sheet: this.sheet } : {}) });
      });
    }
    return problems;
  }
}

/** A row of a sequence given whole (tests, small tables): values per source column. */
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

/** The check of a whole sequence of data and totals rows, through the same incremental TotalsCheck. */
export function checkTotals(seq: Segment[], columns: { col: number; field: string }[], sheet: string | undefined): FixProblem[] {
  const stems = new Set(seq.filter((s) => s.kind === 'total' && s.row.stem).map((s) => s.row.stem!));
  const check = new TotalsCheck(columns, sheet, stems);
  for (const s of seq) {
    const values = Float64Array.from(columns, ({ col }) => s.row.values.get(col) ?? NaN);
    if (s.kind === 'data') check.data(values, s.row.key ?? '', s.row.stem ?? '');
    else check.total(s.row.n, values, s.row.key ?? '', s.row.stem ?? '');
  }
  return check.finish();
}
