/**
 * Derived columns without a declared rule: a column labelled as a percentage or ratio (`%`, `Persentase`,
 * `Rasio`) that equals `a / b × scale` of two other columns, or a column labelled `Jumlah`/`Total` that
 * equals the sum of other columns, in most rows of a sample. The relation found is then checked in every
 * data row; a row that breaks it is reported with the computed value (`derived-mismatch`).
 * Tolerance: half a unit of the last decimal written in the cell (52 → ±0,5; 66,55 → ±0,005).
 * Pure: numbers in, relations and verdicts out.
 */
import { RATIO_LABEL } from './aggregates.js';

export interface DerivedColumn {
  slot: number;
  label: string;
}

export interface Relation {
  target: number;
  kind: 'ratio' | 'sum';
  uses: number[];
  scale: number;
  /** The rule in the columns' labels: "Ditindaklanjuti / Diterima × 100". */
  text: string;
  /**
   * Set when the sample shows independently rounded parts (BPS tables: 472.220 + 381.537 written 853.756):
   * a sum may then differ by the rounding of its parts and its own, half a unit each.
   */
  rounding?: number;
}

export interface SampleRow {
  values: Float64Array;
  decimals: Uint8Array;
}

const SUM_LABEL = /(^|[\s_(])(jumlah|total|tahunan)([\s_)]|$)/i;
const SCALES = [100, 1, 1000, 100_000];
/** Share of the sample rows (with all values present) that must follow a relation (3 of 4 is most). */
const MOST = 0.75;
const MIN_ROWS = 3;

export function computeRelation(rel: Relation, v: (slot: number) => number): number {
  if (rel.kind === 'sum') {
    let s = 0;
    for (const u of rel.uses) s += v(u);
    return s;
  }
  const den = v(rel.uses[1]!);
  return den === 0 ? NaN : (v(rel.uses[0]!) / den) * rel.scale;
}

/** Whether a written value follows from its relation; NaN parts or target: nothing to judge (true). */
export function follows(rel: Relation, values: Float64Array, decimals: Uint8Array, tolerance?: number): { ok: boolean; expected: number } {
  const w = values[rel.target]!;
  const expected = computeRelation(rel, (s) => values[s]!);
  if (w !== w || !Number.isFinite(expected)) return { ok: true, expected };
  const tol = tolerance ?? (rel.rounding !== undefined ? rel.rounding : rel.kind === 'sum' ? 0 : 0.5 * 10 ** -decimals[rel.target]!);
  return { ok: Math.abs(w - expected) <= tol + 1e-9 * Math.max(1, Math.abs(expected)), expected };
}

/**
 * A table of averages or per-capita figures (its title or labels say so: "Rata-rata Pengeluaran per Kapita"): its
 * numbers are computed and rounded one by one, so a total written beside its parts may differ from their sum by
 * their rounding — BPS computes the total before rounding — and a ±1 is no error there.
 */
export const ROUNDED_MEASURE = /(^|[^a-z])(rata\W*rata|rerata|per\W*kapita|per\W*capita|average|mean)([^a-z]|$)/i;

/**
 * Finds the relations the sample follows (one per target column at most). `rounded`: the table's numbers are
 * rounded results (ROUNDED_MEASURE), so a sum is judged within the rounding of its parts from the start.
 */
export function detectRelations(sample: SampleRow[], columns: DerivedColumn[], rounded = false): Relation[] {
  const out: Relation[] = [];
  const label = (slot: number) => columns.find((c) => c.slot === slot)?.label ?? '';
  for (const t of columns) {
    const others = columns.filter((c) => c.slot !== t.slot && !RATIO_LABEL.test(c.label));
    const tries: Relation[] = [];
    if (RATIO_LABEL.test(t.label)) {
      for (const a of others) for (const b of others) {
        if (a.slot === b.slot) continue;
        for (const scale of SCALES) tries.push({ target: t.slot, kind: 'ratio', uses: [a.slot, b.slot], scale, text: `${a.label} / ${b.label}${scale === 1 ? '' : ` × ${scale}`}` });
      }
    } else if (SUM_LABEL.test(t.label)) {
      // the columns left of it since the previous sum column, then any pair
      const left: number[] = [];
      for (const c of columns) {
        if (c.slot === t.slot) break;
        if (SUM_LABEL.test(c.label)) left.length = 0;
        else if (!RATIO_LABEL.test(c.label)) left.push(c.slot);
      }
      if (left.length >= 2) tries.push({ target: t.slot, kind: 'sum', uses: left, scale: 1, text: left.map(label).join(' + ') });
      for (let i = 0; i < others.length; i++) for (let j = i + 1; j < others.length; j++) {
        const a = others[i]!;
        const b = others[j]!;
        if (SUM_LABEL.test(a.label) || SUM_LABEL.test(b.label)) continue;
        tries.push({ target: t.slot, kind: 'sum', uses: [a.slot, b.slot], scale: 1, text: `${a.label} + ${b.label}` });
      }
    }
    // a label that names its parts ("Laki-laki+Perempuan" beside "Laki-laki" and "Perempuan") declares the sum:
    // it holds whatever most rows say
    const declared = namedSum(t, others);
    if (declared) {
      out.push(declared);
      continue;
    }
    let best: Relation | null = null;
    let bestHits = 0;
    for (const rel of tries) {
      let seen = 0;
      let hits = 0;
      let roundedRows = 0;
      let exactMisses = 0;
      // a sum of parts each rounded on its own: up to half a unit per part and for the total
      const unit = (r: SampleRow) => 10 ** -Math.max(r.decimals[rel.target]!, ...rel.uses.map((u) => r.decimals[u]!));
      for (const r of sample) {
        if (r.values[rel.target]! !== r.values[rel.target]! || rel.uses.some((u) => r.values[u]! !== r.values[u]!)) continue;
        const { ok, expected } = follows(rel, r.values, r.decimals);
        if (!Number.isFinite(expected)) continue;
        seen++;
        if (ok) hits++;
        else if (rel.kind === 'sum') {
          exactMisses++;
          if (Math.abs(r.values[rel.target]! - expected) <= 0.5 * (rel.uses.length + 1) * unit(r) + 1e-9) roundedRows++;
        }
      }
      // rounded parts: two or more rows off, every one of them within the rounding (a lone ±1 stays an error),
      // or a table of rounded results (averages, per-capita figures), where the rounding is known beforehand
      let found: Relation = rel;
      let score = hits;
      if (rel.kind === 'sum' && ((exactMisses >= 2 && roundedRows === exactMisses) || (rounded && seen > 0)) && hits + roundedRows >= seen * MOST) {
        const u = unit(sample.find((r) => r.values[rel.target]! === r.values[rel.target]!)!);
        found = { ...rel, rounding: 0.5 * (rel.uses.length + 1) * u };
        score = hits + roundedRows;
      }
      if (seen >= MIN_ROWS && score >= seen * MOST && score > bestHits) {
        best = found;
        bestHits = score;
      }
    }
    if (best) out.push(best);
  }
  return out;
}

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}

/**
 * The sum a label declares by naming two other columns joined with "+": after the words the three labels share
 * (a joined multi-row header repeats the group label), the target reads "<part a> + <part b>".
 */
export function namedSum(t: DerivedColumn, others: DerivedColumn[]): Relation | null {
  const tl = norm(t.label);
  if (!tl.includes('+')) return null;
  for (const a of others) for (const b of others) {
    if (a.slot === b.slot) continue;
    const al = norm(a.label);
    const bl = norm(b.label);
    const p = Math.min(commonPrefix(tl, al), commonPrefix(tl, bl));
    const ar = al.slice(p).trim();
    const br = bl.slice(p).trim();
    if (!ar || !br) continue;
    const rest = tl.slice(p).split('+').map((x) => x.trim());
    if (rest.length === 2 && rest[0] === ar && rest[1] === br) {
      return { target: t.slot, kind: 'sum', uses: [a.slot, b.slot], scale: 1, text: `${a.label} + ${b.label}` };
    }
  }
  return null;
}
