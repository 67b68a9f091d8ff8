/**
 * The aggregate and derived-column checks inside validate's streaming pass: turns raw rows into the numbers
 * the pure checkers read (aggregates.ts, derived.ts). The first SAMPLE data rows decide, per column, whether it
 * is a measure, how its numbers are written (Indonesian or international, from its own cells, the schema field
 * and the file) and whether it is a count or a ratio; they are then replayed, and every later row is read
 * once. Total rows are never counted as data.
 */
import { CellKind, type RawRow } from '../read/table.js';
import { MISSING_MARKERS } from '../read/words.js';
import type { FieldDef } from '../standards/schema.js';
import type { StandardInfo } from '../standards/standard.js';
import { compileExpression } from './expression.js';
import { formatId } from './numbers.js';
import {
  additiveName, AggregateChecker, RATIO_LABEL, type AggFinding, ReadingEvidence, readInto, type AggColumn, type AggregateState, type AggVerdict, type Reading,
} from './aggregates.js';
import { detectRelations, follows, ROUNDED_MEASURE, type Relation, type SampleRow } from './derived.js';
import type { IssueSink } from './sink.js';

const SAMPLE = 200;
const CODE_LABEL = /^(kode|code|id|no|nomor|urut|tahun|year|nip|nik|triwulan|semester|bulan|periode|kuartal|tw)([\s_.:]|$)|[\s_](kode|code|id)$/i;
const YEAR = /^(19|20)\d{2}$/;
const STEM_SKIP = /^(jumlah|total|sub|subtotal|grand|keseluruhan|semua)$/;

export interface AggregatePassOptions {
  labels: string[];
  labelCol: number;
  width: number;
  /** The schema field of each column (null when the column maps to none, or without a schema). */
  fieldOfColumn: (FieldDef | null)[];
  /** The standard's declared rules (`satudata.aturan`), when a standard is known. */
  info?: StandardInfo;
  /** The CSV delimiter (a `;` file was written where the comma is the decimal mark). */
  delimiter?: string;
  /** The texts of the title rows above the header ("Rata-rata Pengeluaran per Kapita …"). */
  titles?: string[];
}

interface Plan {
  slots: number[]; // column of each slot
  /** Period/category columns (few distinct values, not measures) whose cells key totals across a layout. */
  keyCols: number[];
  readings: Reading[];
  /** Whether some check reads the slot (the others are not parsed). */
  active: boolean[];
  checker: AggregateChecker;
  relations: Relation[];
  relationTolerance: (number | undefined)[];
  /** Without key columns and relations: the active slots, their columns and whether each reads Indonesian. */
  fast: { slots: Int32Array; cols: Int32Array; id: Uint8Array } | null;
}

export interface AggregatePassState {
  checker: AggregateState;
  texts: [number, string][];
}

type Rule = { jenis: string; kolom?: string; rumus?: string; toleransi?: number };

export class AggregatePass {
  private sample: { row: RawRow; total: string | null }[] = [];
  private sampledData = 0;
  private plan: Plan | null = null;
  private values = new Float64Array(0);
  private decimals = new Uint8Array(0);
  private readonly totalTexts = new Map<number, string>();
  /** What finish() found (fix reports them as its own problems, with the numbers). */
  findings: AggFinding[] = [];

  constructor(
    private readonly opts: AggregatePassOptions,
    private readonly sink: IssueSink,
  ) {}

  data(row: RawRow): void {
    if (this.plan) return this.feedData(row);
    this.sample.push({ row, total: null });
    if (++this.sampledData >= SAMPLE) this.decide();
  }

  total(row: RawRow, text: string): void {
    this.totalTexts.set(row.n, text);
    if (this.plan) return this.feedTotal(row);
    this.sample.push({ row, total: text });
  }

  /** What a second shard hands back: its blocks and totals rows (its derived-mismatch issues went to its sink). */
  export(): AggregatePassState {
    if (!this.plan) this.decide();
    return { checker: this.plan!.checker.export(), texts: [...this.totalTexts] };
  }

  /** Takes in a later shard's state (same schema, so the same columns). */
  absorb(state: AggregatePassState): void {
    if (!this.plan) this.decide();
    this.plan!.checker.absorb(state.checker);
    for (const [n, text] of state.texts) this.totalTexts.set(n, text);
  }

  /** Checks what the rows showed; emits `total-row` (with its verdict) and the mismatches. */
  finish(): AggVerdict[] {
    if (!this.plan) this.decide();
    const { findings, verdicts } = this.plan!.checker.finish();
    this.findings = findings;
    for (const v of verdicts) {
      const status = v.status === 'unchecked' ? '@agg.status.unchecked' : `@agg.status.${v.status}:${v.rows}`;
      this.sink.add('total-row', { text: this.totalTexts.get(v.row) || '—', status }, { row: v.row, col: this.opts.labelCol });
    }
    for (const f of findings) {
      this.sink.add(f.code, f.params, { row: f.row, col: f.col, field: this.opts.labels[f.col] ?? '', value: String(f.params.value) });
    }
    return verdicts;
  }

  private decide(): void {
    const { labels, labelCol, width, fieldOfColumn, info } = this.opts;
    const dataRows = this.sample.filter((s) => s.total === null).map((s) => s.row);
    const evidence = Array.from({ length: width }, () => new ReadingEvidence());
    const years = new Array<number>(width).fill(0);
    for (const r of dataRows) {
      for (let c = 0; c < width; c++) {
        const v = (r.cells[c] ?? '').trim();
        if (v === '' || MISSING_MARKERS.has(v.toLowerCase())) continue;
        if (r.kinds?.[c] === CellKind.Number) evidence[c]!.numbers++;
        else evidence[c]!.add(v);
        if (YEAR.test(v)) years[c]!++;
      }
    }
    let id = this.opts.delimiter === ';' ? 1 : 0;
    let en = 0;
    for (const e of evidence) { id += e.id; en += e.en; }
    const fileHint: Reading | null = id > 0 && en === 0 ? 'id' : en > 0 && id === 0 ? 'en' : null;
    const rules = ((info?.aturan as Rule[] | undefined) ?? []).filter((r) => r.jenis === 'rumus' && r.kolom && r.rumus);
    const columnOfField = new Map<string, number>();
    fieldOfColumn.forEach((f, c) => { if (f) columnOfField.set(f.name, c); });

    const slots: number[] = [];
    const readings: Reading[] = [];
    const kinds: ('count' | 'ratio?' | 'skip')[] = [];
    for (let c = 0; c < width; c++) {
      if (c === labelCol) continue;
      const f = fieldOfColumn[c];
      const e = evidence[c]!;
      if (f) {
        // (a period or code field typed integer — triwulan, bulan, kode — is a key of the rows, not a measure)
        if ((f.type !== 'integer' && f.type !== 'number') || CODE_LABEL.test(f.name)) continue;
      } else if (e.numbers === 0 || e.others > e.numbers * 0.25 || CODE_LABEL.test(labels[c] ?? '') || years[c]! >= e.numbers * 0.8) continue;
      slots.push(c);
      const declaredId = f && ((f as { decimalChar?: string }).decimalChar === ',' || (f as { groupChar?: string }).groupChar === '.');
      readings.push(declaredId ? 'id' : e.decide(fileHint, f?.type === 'integer'));
      const name = f ? `${f.name} ${String(f['satudata:satuan'] ?? '')}` : labels[c] ?? '';
      kinds.push(f && rules.some((r) => r.kolom === f.name) ? 'ratio?' : RATIO_LABEL.test(name) || /persen/i.test(name) ? 'ratio?' : additiveName(name) ? 'count' : 'skip');
    }
    const slotOf = new Map(slots.map((c, s) => [c, s]));
    this.values = new Float64Array(slots.length);
    this.decimals = new Uint8Array(slots.length);
    const read = (row: RawRow, values: Float64Array, decimals: Uint8Array) => {
      for (let s = 0; s < slots.length; s++) readInto(row.cells[slots[s]!] ?? '', row.kinds?.[slots[s]!] === CellKind.Number ? 'en' : readings[s]!, values, decimals, s);
    };
    const sample: SampleRow[] = dataRows.map((r) => {
      const values = new Float64Array(slots.length);
      const decimals = new Uint8Array(slots.length);
      read(r, values, decimals);
      return { values, decimals };
    });
    // relations without a declared rule: only between columns no standard field describes
    const free = slots.map((c, s) => ({ slot: s, label: labels[c] ?? '', c })).filter((x) => !fieldOfColumn[x.c] && kinds[x.slot] !== 'skip');
    // averages and per-capita figures are rounded results: their sums are judged within the rounding
    const rounded = [...(this.opts.titles ?? []), ...labels].some((t) => ROUNDED_MEASURE.test(t));
    const relations = detectRelations(sample, free, rounded);
    const columns: AggColumn[] = [];
    slots.forEach((c, s) => {
      const label = labels[c] ?? '';
      const kind = kinds[s]!;
      if (kind === 'count') {
        columns.push({ slot: s, col: c, label, kind: 'count' });
        return;
      }
      if (kind !== 'ratio?') return;
      const f = fieldOfColumn[c];
      const rule = f ? rules.find((r) => r.kolom === f.name) : undefined;
      if (rule && f) {
        try {
          const fields = new Set(columnOfField.keys());
          const { run, uses } = compileExpression(rule.rumus!, fields);
          const useSlots = uses.map((u) => slotOf.get(columnOfField.get(u) ?? -1));
          if (useSlots.some((x) => x === undefined)) return;
          const bySlot = new Map(uses.map((u, i) => [u, useSlots[i]!]));
          columns.push({
            slot: s, col: c, label, kind: 'ratio',
            ratio: { uses: useSlots as number[], compute: (v) => run((name) => v(bySlot.get(name)!)) ?? NaN, ...(rule.toleransi !== undefined ? { tolerance: rule.toleransi } : {}) },
          });
        } catch {
          // a rule the standard's own check reports; nothing to recompute here
        }
        return;
      }
      const rel = relations.find((r) => r.target === s && r.kind === 'ratio');
      if (rel) columns.push({ slot: s, col: c, label, kind: 'ratio', ratio: { uses: rel.uses, compute: (v) => (v(rel.uses[0]!) / v(rel.uses[1]!)) * rel.scale } });
    });
    // key columns: not the label, not a measure, a few distinct values (years, quarters, categories)
    const slotSet = new Set(slots);
    const keyCols: number[] = [];
    // only where the first rows show a totals row (an OPD's small table of periods × categories): keying every row
    // of a large table costs time for totals it does not have
    const keyed = this.sample.some((x) => x.total !== null);
    for (let c = 0; keyed && c < width; c++) {
      if (c === labelCol || slotSet.has(c)) continue;
      const seen = new Set<string>();
      for (const r of dataRows) {
        const v = (r.cells[c] ?? '').trim();
        if (v) seen.add(v);
      }
      if (seen.size > 0 && seen.size <= 24 && seen.size < dataRows.length) keyCols.push(c);
    }
    // only the slots some check reads are parsed per row (a rate column nothing recomputes is not)
    const used = new Set<number>();
    for (const col of columns) {
      used.add(col.slot);
      if (col.kind === 'ratio') for (const u of col.ratio.uses) used.add(u);
    }
    for (const rel of relations) [rel.target, ...rel.uses].forEach((u) => used.add(u));
    const active = slots.map((_, s) => used.has(s));
    const on = slots.map((_, s) => s).filter((s) => active[s]);
    const fast = keyCols.length === 0 && relations.length === 0
      ? { slots: Int32Array.from(on), cols: Int32Array.from(on, (s) => slots[s]!), id: Uint8Array.from(on, (s) => (readings[s] === 'id' ? 1 : 0)) }
      : null;
    this.plan = { keyCols, slots, readings, active, checker: new AggregateChecker(columns, slots.length), relations, relationTolerance: relations.map(() => undefined), fast };
    const buffered = this.sample;
    this.sample = [];
    for (const s of buffered) {
      if (s.total === null) this.feedData(s.row);
      else this.feedTotal(s.row);
    }
  }

  private readRow(row: RawRow, values: Float64Array, decimals: Uint8Array): void {
    const { slots, readings, active } = this.plan!;
    const cells = row.cells;
    const kinds = row.kinds;
    for (let s = 0; s < slots.length; s++) {
      if (!active[s]) {
        values[s] = NaN;
        continue;
      }
      // a workbook's numeric cell is a real number ("45.125" is forty-five and a bit): read as such
      readInto(cells[slots[s]!] ?? '', kinds !== undefined && kinds[slots[s]!] === CellKind.Number ? 'en' : readings[s]!, values, decimals, s);
    }
  }

  private feedData(row: RawRow): void {
    const plan = this.plan!;
    if (plan.slots.length === 0) return;
    if (plan.fast) return this.feedFast(row, plan.fast, plan.checker);
    this.readRow(row, this.values, this.decimals);
    plan.checker.data(row.n, this.values, this.decimals, plan.keyCols.length ? this.keysOf(row) : undefined);
    if (plan.relations.length === 0) return;
    for (let i = 0; i < plan.relations.length; i++) {
      const rel = plan.relations[i]!;
      const { ok, expected } = follows(rel, this.values, this.decimals, plan.relationTolerance[i]);
      if (ok) continue;
      const c = plan.slots[rel.target]!;
      const d = Math.max(2, this.decimals[rel.target]!);
      const shown = rel.kind === 'sum' ? formatId(expected) : expected.toLocaleString('id-ID', { minimumFractionDigits: d, maximumFractionDigits: d });
      const parts = rel.uses.map((u) => formatId(this.values[u]!)).join(rel.kind === 'sum' ? ' + ' : '/');
      this.sink.add('derived-mismatch', { value: (row.cells[c] ?? '').trim(), expected: shown, formula: rel.text, parts }, { row: row.n, line: row.line, col: c, field: this.opts.labels[c] ?? '', value: row.cells[c] ?? '' });
    }
  }

  /**
   * feedData for a table without key columns and relations (most large tables): each active slot's number
   * added straight to the run (a plain whole number read here, anything else by readInto), not through a
   * row of values: the same sums, bounds and decimals, at about half the cost per row. (readInto begins with the
   * same digit loop; calling it for every cell instead cost 2.20 → 2.38 s on one thread, 1M rows, 10 rounds.)
   */
  private feedFast(row: RawRow, fast: NonNullable<Plan['fast']>, checker: AggregateChecker): void {
    const run = checker.join(row.n);
    const { sums, min, max, decimals } = run;
    const cells = row.cells;
    const kinds = row.kinds;
    for (let k = 0; k < fast.slots.length; k++) {
      const s = fast.slots[k]!;
      const col = fast.cols[k]!;
      const text = cells[col] ?? '';
      const n = text.length;
      let v = 0;
      let d = 0;
      let i = 0;
      for (; i < n; i++) {
        const c = text.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        v = v * 10 + c;
      }
      if (i !== n || n === 0 || n > 15) {
        readInto(text, kinds !== undefined && kinds[col] === CellKind.Number ? 'en' : fast.id[k] === 1 ? 'id' : 'en', this.values, this.decimals, s);
        v = this.values[s]!;
        if (v !== v) continue;
        d = this.decimals[s]!;
      }
      sums[s]! += v;
      if (v < min[s]!) min[s] = v;
      if (v > max[s]!) max[s] = v;
      if (d > decimals[s]!) decimals[s] = d;
    }
  }

  /** The row's key (its period/category cells) and the same with the label's first word ("padi"). */
  private keysOf(row: RawRow): string[] {
    let key = '';
    for (const c of this.plan!.keyCols) key += (row.cells[c] ?? '').trim() + '\u0001';
    const words = (row.cells[this.opts.labelCol] ?? '').toLowerCase().split(/[^a-z0-9]+/).filter((w) => w && !STEM_SKIP.test(w));
    return words.length ? [key, `${words[0]}\u0002${key}`] : [key];
  }

  private feedTotal(row: RawRow): void {
    const plan = this.plan!;
    const values = new Float64Array(plan.slots.length);
    const decimals = new Uint8Array(plan.slots.length);
    this.readRow(row, values, decimals);
    const texts = plan.slots.map((c) => (row.cells[c] ?? '').trim());
    const label = (row.cells[this.opts.labelCol] ?? '').trim() || row.cells.find((x) => x.trim() !== '' && !/^[\d.,\s%-]+$/.test(x))?.trim() || '';
    plan.checker.aggregate(row.n, label, values, decimals, texts, plan.keyCols.length ? this.keysOf(row) : undefined);
  }
}
