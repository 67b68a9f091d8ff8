/**
 * Totals and subtotal rows are dropped only after they are checked: each additive number in the row must
 * equal the sum of the data rows it closes (since the previous total), of those it opens (up to the next
 * total), of all data rows, or of the rows it aggregates across a layout — the rows with the same period
 * keys ("padi total, 2022, triwulan 1" = padi sawah + padi gogo of that quarter). A total that does not add
 * up is reported (`fix-total-mismatch`) and still dropped.
 *
 * The check is incremental and holds nothing per data row: running sums per column (typed arrays) for the
 * stretch since the last total, for all data rows, per key, and per key and label stem (only the stems of
 * totals rows); the totals rows themselves are kept in columnar typed arrays (row number, interned key and stem,
 * numbers; the sums of the stretch before each) — a few dozen bytes each — and checked at the end.
 */
import type { FixProblem } from './types.js';
import { sameTotal } from '../read/layout.js';
import { at } from './layout.js';

/** A growable array of doubles (columnar storage: no JS object per row). */
export class F64s {
  private buf = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new Float64Array(this.buf.length * 2);
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  at(i: number): number {
    return this.buf[i]!;
  }
}

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

/** Interned strings: each distinct key or stem once, rows refer to it by number. */
class Interned {
  private readonly ids = new Map<string, number>();
  readonly list: string[] = [];
  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.ids.set(s, i);
      this.list.push(s);
    }
    return i;
  }
}

export class TotalsCheck {
  private readonly width: number;
  private stretch: Sums;
  private readonly all: Sums;
  private readonly byKey = new Map<string, Sums>();
  private readonly byKeyStem = new Map<string, Sums>();
  /** Totals rows, columnar: row number, key and stem ids, and `width` numbers each. */
  private readonly tN = new F64s();
  private readonly tKey = new F64s();
  private readonly tStem = new F64s();
  private readonly tValues = new F64s();
  /** The data rows between totals rows (stretch k precedes totals row k; the last follows the last one):
   *  `width` sums and a count each. */
  private readonly sSums = new F64s();
  private readonly sCount = new F64s();
  private readonly keys = new Interned();
  private readonly stemIds = new Interned();

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

  private closeStretch(): void {
    for (let i = 0; i < this.width; i++) this.sSums.push(this.stretch.sum[i]!);
    this.sCount.push(this.stretch.count);
    this.stretch = new Sums(this.width);
  }

  /** A totals row (row number n). */
  total(n: number, values: Float64Array, key: string, stem: string): void {
    this.closeStretch();
    this.tN.push(n);
    this.tKey.push(this.keys.id(key));
    this.tStem.push(this.stemIds.id(stem));
    for (let i = 0; i < this.width; i++) this.tValues.push(values[i]!);
  }

  /** Checks every totals row, in order: `row` gets each one's row number and the problems of its columns
   *  (none when it adds up). */
  finish(row: (n: number, problems: FixProblem[]) => void): void {
    this.closeStretch();
    const w = this.width;
    const stretchAt = (k: number): Sums => {
      const s = new Sums(w);
      for (let i = 0; i < w; i++) s.sum[i] = this.sSums.at(k * w + i);
      s.count = this.sCount.at(k);
      return s;
    };
    const empty = new Sums(w);
    let after = stretchAt(0);
    for (let t = 0; t < this.tN.length; t++) {
      const n = this.tN.at(t);
      const key = this.keys.list[this.tKey.at(t)]!;
      const stem = this.stemIds.list[this.tStem.at(t)]!;
      const before = after;
      after = stretchAt(t + 1);
      // groups of parts, in order of preference; an empty group is no candidate
      const groups: Sums[] = [before, after, this.all];
      if (key) {
        const sameKey = this.byKey.get(key) ?? empty;
        if (stem) groups.push(this.byKeyStem.get(`${key}\u0000${stem}`) ?? empty);
        groups.push(sameKey);
      }
      const candidates = groups.filter((g) => g.count > 0);
      const problems: FixProblem[] = [];
      this.columns.forEach(({ col, field }, i) => {
        const v = this.tValues.at(t * w + i);
        if (Number.isNaN(v)) return;
        if (candidates.some((g) => sameTotal(v, g.sum[i]!))) return;
        const expected = candidates[0]?.sum[i] ?? 0;
        const all = this.all.sum[i]!;
        // twice the total: subtotal rows (kecamatan among their kelurahan) are mixed into the detail rows
        const note = sameTotal(all, v * 2) ? '@fix.note.double' : '';
        problems.push({ code: 'fix-total-mismatch', severity: 'error', params: { row: n, field, value: v, sum: expected, note }, cell: at(undefined, col, n), row: n, col: col + 1, field, value: String(v), ...(this.sheet ? { sheet: this.sheet } : {}) });
      });
      row(n, problems);
    }
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
  const problems: FixProblem[] = [];
  check.finish((_n, ps) => problems.push(...ps));
  return problems;
}
