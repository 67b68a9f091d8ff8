/**
 * Aggregate rows (totals and subtotals) are data about the data: each one is checked against the rows it
 * aggregates. Pure and streaming: the caller feeds data rows and aggregate rows in file order as parsed
 * numbers (one slot per measure column), the checker keeps only running sums per block (a run of data rows
 * between two aggregate rows), and `finish()` decides, per aggregate row, which block it closes or opens:
 *
 *   - its level, from its label: "Kecamatan X" (1), "Kabupaten/Kota X" (2), a province (3), "INDONESIA" (4),
 *     any other total ("Jumlah", "Total", an unlabelled row of sums) (9 = everything above the previous one);
 *   - its placement, per level: a level whose first aggregate row comes before any data row opens its blocks
 *     (BPS "Kecamatan X" above its kelurahan), otherwise it closes them (a "Jumlah" at the bottom);
 *   - its block: the data rows from the previous (closing) or up to the next (opening) aggregate row of the
 *     same or a higher level. Aggregate rows are never summed: subtotals are not counted twice.
 *
 * A count column of the row must equal its block's sum (the other placement and the whole table are also
 * accepted, so a layout read the other way round is not flagged); a ratio column is recomputed from the
 * row's own parts (`68,00` → `66,55 (185/278)`), never summed. A value between the block's smallest and
 * largest part is an average, not a total, and is not called wrong.
 */
import { fold } from '../read/words.js';
import { isProvinceName } from '../read/provinces.js';
import { classifyNumber, NumStyle, parsePlainInteger, POW10, valueOf } from './numbers.js';

export const enum AggLevel {
  Kecamatan = 1,
  KabKota = 2,
  Provinsi = 3,
  Nasional = 4,
  Any = 9,
}

/** The level an aggregate row's label names (see the file comment). */
export function aggregateLevel(label: string): AggLevel {
  const t = fold(label);
  if (/(^| )indonesia( |$)/.test(t)) return AggLevel.Nasional;
  if (/(^| )(provinsi|prov)( |$)/.test(t)) return AggLevel.Provinsi;
  if (/(^| )(kabupaten|kab|kota|kotamadya)( |$)/.test(t)) return AggLevel.KabKota;
  if (/(^| )(kecamatan|kec)( |$)/.test(t) || /^\s*\d{3}\.\s/.test(label)) return AggLevel.Kecamatan;
  if (t && isProvinceName(label.trim())) return AggLevel.Provinsi;
  return AggLevel.Any;
}

/** How a column's number texts are read: Indonesian (45.210 = 45210, 64,06 = 64.06) or international. */
export type Reading = 'id' | 'en';

/** A number as written: its value and how many decimals it shows (NaN when the text is no number). */
export interface Written {
  value: number;
  decimals: number;
}

const NOT_A_NUMBER: Written = { value: NaN, decimals: 0 };

/** Reads a number text under a column's reading; `-`, empty and text are NaN. */
export function readWritten(text: string, reading: Reading): Written {
  const plain = parsePlainInteger(text);
  if (!Number.isNaN(plain)) return { value: plain, decimals: 0 };
  if (text === '') return NOT_A_NUMBER;
  const cls = classifyNumber(text);
  if (cls.style === NumStyle.NotNumber) return NOT_A_NUMBER;
  const id = reading === 'id';
  const value = valueOf(cls.core, cls.style, id);
  return { value, decimals: decimalsOf(cls.core, cls.style, id) };
}

/**
 * readWritten into a row's slot without allocating: the hot path of the streaming pass (plain integers and
 * plain decimals such as 58.28 are read here; everything else goes through the classifier).
 */
export function readInto(text: string, reading: Reading, values: Float64Array, decimals: Uint8Array, s: number): void {
  // one scan: [-+]digits[.digits]
  const n = text.length;
  let i = 0;
  let c = n > 0 ? text.charCodeAt(0) : 0;
  if (c === 45 || c === 43) c = text.charCodeAt(++i);
  const intStart = i;
  let int = 0;
  while (c >= 48 && c <= 57) {
    int = int * 10 + (c - 48);
    c = text.charCodeAt(++i);
  }
  const intDigits = i - intStart;
  if (i === n && intDigits > 0 && intDigits < 16) {
    values[s] = text.charCodeAt(0) === 45 ? -int : int;
    decimals[s] = 0;
    return;
  }
  if (c === 46 && intDigits > 0) {
    const dot = i;
    let frac = 0;
    c = text.charCodeAt(++i);
    while (c >= 48 && c <= 57) {
      frac = frac * 10 + (c - 48);
      c = text.charCodeAt(++i);
    }
    const d = i - dot - 1;
    // "45.210" under the Indonesian reading is 45210: the classifier decides that one
    if (i === n && d > 0 && !(reading === 'id' && d === 3 && intDigits <= 3)) {
      // an exact integer over an exact power of ten: the correctly rounded value, as Number(text) gives
      const v = intDigits + d <= 15 ? (int * POW10[d]! + frac) / POW10[d]! : Math.abs(Number(text));
      values[s] = text.charCodeAt(0) === 45 ? -v : v;
      decimals[s] = d;
      return;
    }
  }
  if (n === 0) {
    values[s] = NaN;
    decimals[s] = 0;
    return;
  }
  const w = readWritten(text, reading);
  values[s] = w.value;
  decimals[s] = w.decimals;
}

function decimalsOf(core: string, style: NumStyle, id: boolean): number {
  const after = (sep: string) => {
    const k = core.lastIndexOf(sep);
    return k < 0 ? 0 : core.length - k - 1;
  };
  switch (style) {
    case NumStyle.DotDecimal:
    case NumStyle.UsFull:
      return /e/i.test(core) ? 0 : after('.');
    case NumStyle.CommaDecimal:
    case NumStyle.IdFull:
      return after(',');
    case NumStyle.AmbiguousDot:
      return id ? 0 : 3;
    case NumStyle.AmbiguousComma:
      return id ? 3 : 0;
    default:
      return 0;
  }
}

/** Evidence for a column's reading, gathered from its first cells. */
export class ReadingEvidence {
  id = 0;
  en = 0;
  ambiguous = 0;
  numbers = 0;
  others = 0;

  add(text: string): void {
    const t = text.trim();
    if (t === '') return;
    if (!Number.isNaN(parsePlainInteger(t))) {
      this.numbers++;
      return;
    }
    const s = classifyNumber(t).style;
    if (s === NumStyle.NotNumber) {
      this.others++;
      return;
    }
    this.numbers++;
    if (s === NumStyle.CommaDecimal || s === NumStyle.DotGroups || s === NumStyle.IdFull) this.id++;
    else if (s === NumStyle.DotDecimal || s === NumStyle.CommaGroups || s === NumStyle.UsFull) this.en++;
    else this.ambiguous++;
  }

  /**
   * The column's reading: its own unambiguous cells, else the file's (a `;` delimiter, the other columns), else
   * Indonesian when the column is a count (`45.210` among whole numbers: thousand dots), else international.
   */
  decide(fileHint: Reading | null, integerField = false): Reading {
    if (this.id > 0 && this.en === 0) return 'id';
    if (this.en > 0 && this.id === 0) return 'en';
    if (fileHint) return fileHint;
    return integerField || this.ambiguous > 0 ? 'id' : 'en';
  }
}

/** What a measure column is for the aggregate check. */
export type AggColumn =
  | { slot: number; col: number; label: string; kind: 'count' }
  | { slot: number; col: number; label: string; kind: 'ratio'; ratio: RatioRule };

/** A ratio column's formula over other slots: `num / den × scale` or any expression of them. */
export interface RatioRule {
  /** The slots it reads, in the order of `parts` (shown as "185/278"). */
  uses: number[];
  compute: (value: (slot: number) => number) => number;
  /** Declared rounding tolerance (standard); default half a unit of the last written decimal. */
  tolerance?: number;
}

/** A problem an aggregate row shows (places are 0-based columns; the caller turns them into issues). */
export interface AggFinding {
  code: 'total-mismatch' | 'total-ratio-mismatch';
  row: number;
  col: number;
  params: Record<string, string | number>;
  /** The written value and what it should be, as numbers (fix's change log writes them plainly). */
  written: number;
  expected: number;
}

/** The verdict on one aggregate row, for the `total-row` message and for fix's log. */
export interface AggVerdict {
  row: number;
  label: string;
  level: AggLevel;
  /** ok: every checked cell adds up; mismatch: some do not; unchecked: no numbers, or no rows to compare. */
  /** `average`: no number is the block's sum, each lies within the block's range (a rata-rata row, not checked as a sum). */
  status: 'ok' | 'mismatch' | 'average' | 'unchecked';
  /** Rows the sums came from, e.g. "3–7" (empty when unchecked). */
  rows: string;
  count: number;
}

interface Run {
  kind: 0;
  first: number;
  last: number;
  count: number;
  sums: Float64Array;
  min: Float64Array;
  max: Float64Array;
  decimals: Uint8Array;
  /** The rows themselves, for a run of rows that are not contiguous (keyed runs; the first few). */
  rows?: number[];
  /** How the rows are named when this run stands for several (all data rows: "3–5, 7–9"). */
  text?: string;
}

interface Agg {
  kind: 1;
  n: number;
  label: string;
  level: AggLevel;
  values: Float64Array;
  decimals: Uint8Array;
  texts: string[];
  keys?: string[];
}

/** What a shard hands back (see AggregateChecker.export). */
export interface AggregateState {
  segments: (Run | Agg)[];
  aggregates: number;
  keyed: [string, Run][] | null;
}

/** Distinct row keys kept for totals across a layout; beyond this the table is no such layout. */
const MAX_KEYS = 5_000;

/** Beyond this many aggregate rows (a table of subtotals only), the rest are not checked. */
const MAX_AGGREGATES = 20_000;

const fmt = (x: number, decimals: number): string =>
  x.toLocaleString('id-ID', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });

export class AggregateChecker {
  private readonly segments: (Run | Agg)[] = [];
  private run: Run;
  private aggregates = 0;
  private readonly width: number;

  /** `width`: the number of slots in the rows fed (some may be no checked column); default one past the last column's slot. */
  constructor(private readonly columns: AggColumn[], width?: number) {
    this.width = width ?? columns.reduce((w, c) => Math.max(w, c.slot + 1), 0);
    this.run = this.newRun();
  }

  private newRun(): Run {
    const w = this.width;
    return { kind: 0, first: 0, last: 0, count: 0, sums: new Float64Array(w), min: new Float64Array(w).fill(Infinity), max: new Float64Array(w).fill(-Infinity), decimals: new Uint8Array(w) };
  }

  /** Data rows by key (the period and category cells, with or without the label's first word), for totals across a layout. */
  private keyed: Map<string, Run> | null = new Map();

  private addTo(r: Run, n: number, values: Float64Array, decimals?: Uint8Array): void {
    if (r.rows && r.rows.length < 8) r.rows.push(n);
    if (r.count === 0) r.first = n;
    r.last = n;
    r.count++;
    for (let s = 0; s < this.width; s++) {
      const v = values[s]!;
      if (v !== v) continue; // NaN
      r.sums[s]! += v;
      if (v < r.min[s]!) r.min[s] = v;
      if (v > r.max[s]!) r.max[s] = v;
      if (decimals && decimals[s]! > r.decimals[s]!) r.decimals[s] = decimals[s]!;
    }
  }

  private keyedRun(key: string): Run | undefined {
    if (!this.keyed) return undefined;
    let r = this.keyed.get(key);
    if (!r) {
      if (this.keyed.size >= MAX_KEYS) {
        this.keyed = null; // too many distinct keys: not a layout of a few periods and categories
        return undefined;
      }
      this.keyed.set(key, (r = { ...this.newRun(), rows: [] }));
    }
    return r;
  }

  /**
   * A data row: its measure values by slot (NaN when empty or not a number). `keys`: the row's key texts
   * (period and category cells; the same with the label's first word) when the table has such columns.
   */
  data(n: number, values: Float64Array, decimals?: Uint8Array, keys?: string[]): void {
    if (keys) for (const k of keys) {
      const kr = this.keyedRun(k);
      if (kr) this.addTo(kr, n, values, decimals);
    }
    this.addTo(this.run, n, values, decimals);
  }

  /**
   * A data row whose caller adds its values itself (no keyed runs: the table has no key columns): the run it
   * joins, its count and first and last rows already updated. The caller adds each non-NaN value as `addTo`
   * does (sum, least, greatest, most decimals), so that the result is the same as `data`.
   */
  join(n: number): Readonly<Pick<Run, 'sums' | 'min' | 'max' | 'decimals'>> {
    const r = this.run;
    if (r.count === 0) r.first = n;
    r.last = n;
    r.count++;
    return r;
  }

  /** An aggregate row: its values by slot, their decimals and texts as written, and its keys (see data). */
  aggregate(n: number, label: string, values: Float64Array, decimals: Uint8Array, texts: string[], keys?: string[]): void {
    if (this.aggregates >= MAX_AGGREGATES) return;
    this.aggregates++;
    if (this.run.count > 0) {
      this.segments.push(this.run);
      this.run = this.newRun();
    }
    this.segments.push({ kind: 1, n, label, level: aggregateLevel(label), values, decimals, texts, ...(keys ? { keys } : {}) });
  }

  /**
   * The state so far (for a second shard: its rows all come after the first's). Structured-clone safe.
   * Only exact when both shards use the same columns (the schema decides them: sharding needs one).
   */
  export(): AggregateState {
    if (this.run.count > 0) {
      this.segments.push(this.run);
      this.run = this.newRun();
    }
    return { segments: this.segments.splice(0), aggregates: this.aggregates, keyed: this.keyed ? [...this.keyed] : null };
  }

  /** Appends a later shard's state. */
  absorb(state: AggregateState): void {
    if (!state.keyed) this.keyed = null;
    for (const [k, r] of state.keyed ?? []) {
      const mine = this.keyedRun(k);
      if (!mine) break;
      if (mine.count === 0) mine.first = r.first;
      mine.last = r.last;
      mine.count += r.count;
      for (let x = 0; x < this.width; x++) {
        mine.sums[x]! += r.sums[x]!;
        if (r.min[x]! < mine.min[x]!) mine.min[x] = r.min[x]!;
        if (r.max[x]! > mine.max[x]!) mine.max[x] = r.max[x]!;
        if (r.decimals[x]! > mine.decimals[x]!) mine.decimals[x] = r.decimals[x]!;
      }
    }
    if (this.run.count > 0) {
      this.segments.push(this.run);
      this.run = this.newRun();
    }
    for (const s of state.segments) {
      const last = this.segments[this.segments.length - 1];
      if (s.kind === 0 && last && last.kind === 0) {
        // one run cut by the split: joined again
        last.last = s.last;
        last.count += s.count;
        for (let k = 0; k < this.width; k++) {
          last.sums[k]! += s.sums[k]!;
          if (s.min[k]! < last.min[k]!) last.min[k] = s.min[k]!;
          if (s.max[k]! > last.max[k]!) last.max[k] = s.max[k]!;
          if (s.decimals[k]! > last.decimals[k]!) last.decimals[k] = s.decimals[k]!;
        }
      } else if (s.kind === 1 && this.aggregates < MAX_AGGREGATES) {
        this.aggregates++;
        this.segments.push(s);
      } else if (s.kind === 0) this.segments.push(s);
    }
  }

  finish(): { findings: AggFinding[]; verdicts: AggVerdict[] } {
    if (this.run.count > 0) this.segments.push(this.run);
    const seg = this.segments;
    const findings: AggFinding[] = [];
    const verdicts: AggVerdict[] = [];
    // placement per level: opening when no data row comes before its first aggregate row
    const opening = new Map<AggLevel, boolean>();
    let dataSeen = false;
    for (const s of seg) {
      if (s.kind === 0) dataSeen = true;
      else if (!opening.has(s.level)) opening.set(s.level, !dataSeen);
    }
    // all data rows as one run, summed once (a candidate of every aggregate row: summing its runs per row would
    // make a table of many totals rows quadratic)
    const allRuns = seg.filter((s): s is Run => s.kind === 0);
    const all: Run[] = allRuns.length > 1 ? [combined(allRuns, this.width)] : allRuns;
    for (let i = 0; i < seg.length; i++) {
      const a = seg[i]!;
      if (a.kind !== 1) continue;
      let p = i - 1;
      while (p >= 0 && !(seg[p]!.kind === 1 && (seg[p] as Agg).level >= a.level)) p--;
      let q = i + 1;
      while (q < seg.length && !(seg[q]!.kind === 1 && (seg[q] as Agg).level >= a.level)) q++;
      const closes = seg.slice(p + 1, i).filter((s): s is Run => s.kind === 0);
      const opens = seg.slice(i + 1, q).filter((s): s is Run => s.kind === 0);
      const preferred = opening.get(a.level) ? [opens, closes] : [closes, opens];
      // across a layout: the data rows with the same period/category ("padi total, 2022, 1" = sawah + gogo of 2022-1)
      const keyedRuns = (a.keys ?? []).map((k) => this.keyed?.get(k)).filter((r): r is Run => !!r).map((r) => [r]);
      const candidates = [...preferred, ...keyedRuns, all].filter((g) => g.some((r) => r.count > 0));
      const verdict: AggVerdict = { row: a.n, label: a.label, level: a.level, status: 'unchecked', rows: '', count: 0 };
      verdicts.push(verdict);
      if (candidates.length === 0) continue;
      // whether any number of the row was judged against its block (then the verdict names the block)
      let judged = false;
      let bad = false;
      let averaged = false;
      // the one block this row aggregates: the candidate most of its numbers add up to (ties: the order of
      // preference) — each number is then judged against that block alone, so a wrong figure that happens to equal
      // another block's sum is not let through
      const counts = this.columns.filter((c) => c.kind === 'count' && a.values[c.slot] === a.values[c.slot]);
      let block = candidates[0]!;
      let best = -1;
      for (const g of candidates) {
        let n = 0;
        for (const c of counts) if (addsUp(a.values[c.slot]!, g, c.slot, a.decimals[c.slot]!)) n++;
        if (n > best) {
          best = n;
          block = g;
        }
        if (n === counts.length) break; // every number adds up: no candidate can do better
      }
      for (const c of counts) {
        const s = c.slot;
        const w = a.values[s]!;
        if (addsUp(w, block, s, a.decimals[s]!)) {
          judged = true;
          continue;
        }
        const sum = sumOf(block, s);
        // between the smallest and largest part: an average (rata-rata) written in a totals row, not a sum
        if (countOf(block) >= 2 && w >= minOf(block, s) && w <= maxOf(block, s)) {
          averaged = true;
          continue;
        }
        judged = true;
        bad = true;
        const dec = Math.max(a.decimals[s]!, maxDecimals(block, s));
        findings.push({
          code: 'total-mismatch', row: a.n, col: c.col, written: w, expected: sum,
          params: { label: c.label, value: a.texts[s]!, sum: fmt(sum, dec), difference: fmt(w - sum, dec), rows: rowsText(block), count: countOf(block) },
        });
      }
      for (const c of this.columns) {
        if (c.kind !== 'ratio') continue;
        const s = c.slot;
        const w = a.values[s]!;
        if (w !== w) continue;
        const value = (slot: number): number => {
          const own = a.values[slot]!;
          return own === own ? own : sumOf(block, slot);
        };
        const expected = c.ratio.compute(value);
        if (!Number.isFinite(expected)) continue;
        const d = a.decimals[s]!;
        // what is written states its own precision: 52 is 52,16 rounded (a declared tolerance never asks for more)
        const tol = Math.max(c.ratio.tolerance ?? 0, 0.5 * 10 ** -d);
        if (Math.abs(w - expected) <= tol + 1e-9 * Math.max(1, Math.abs(expected))) continue;
        bad = true;
        judged = true;
        const parts = c.ratio.uses.map((u) => fmt(value(u), 0 + Math.min(a.decimals[u]!, 6))).join('/');
        findings.push({ code: 'total-ratio-mismatch', row: a.n, col: c.col, written: w, expected, params: { label: c.label, value: a.texts[s]!, expected: fmt(expected, Math.max(2, d)), parts } });
      }
      if (judged || averaged) {
        verdict.status = judged ? (bad ? 'mismatch' : 'ok') : 'average';
        verdict.rows = rowsText(block);
        verdict.count = countOf(block);
      }
    }
    return { findings, verdicts };
  }
}

/** Runs as one: their sums, least and greatest values, decimals and count; named by their rows. */
function combined(runs: Run[], width: number): Run {
  const live = runs.filter((x) => x.count > 0);
  const r: Run = { kind: 0, first: live[0]?.first ?? 0, last: live[live.length - 1]?.last ?? 0, count: countOf(runs), sums: new Float64Array(width), min: new Float64Array(width), max: new Float64Array(width), decimals: new Uint8Array(width), text: rowsText(runs) };
  for (let s = 0; s < width; s++) {
    r.sums[s] = sumOf(runs, s);
    r.min[s] = minOf(runs, s);
    r.max[s] = maxOf(runs, s);
    r.decimals[s] = maxDecimals(runs, s);
  }
  return r;
}

function sumOf(runs: Run[], s: number): number {
  let x = 0;
  for (const r of runs) x += r.sums[s]!;
  return x;
}

function countOf(runs: Run[]): number {
  let x = 0;
  for (const r of runs) x += r.count;
  return x;
}

function minOf(runs: Run[], s: number): number {
  let x = Infinity;
  for (const r of runs) if (r.min[s]! < x) x = r.min[s]!;
  return x;
}

function maxOf(runs: Run[], s: number): number {
  let x = -Infinity;
  for (const r of runs) if (r.max[s]! > x) x = r.max[s]!;
  return x;
}

function maxDecimals(runs: Run[], s: number): number {
  let x = 0;
  for (const r of runs) if (r.decimals[s]! > x) x = r.decimals[s]!;
  return x;
}

/** Whether a written total equals the sum of a block: exactly for whole numbers, within rounding for decimals. */
function addsUp(written: number, runs: Run[], s: number, writtenDecimals: number): boolean {
  const sum = sumOf(runs, s);
  const partDecimals = maxDecimals(runs, s);
  const tol = (writtenDecimals > 0 ? 0.5 * 10 ** -writtenDecimals : 0) + (partDecimals > 0 ? countOf(runs) * 0.5 * 10 ** -partDecimals : 0);
  return Math.abs(written - sum) <= Math.max(tol, 1e-6, Math.abs(sum) * 1e-9);
}

function rowsText(runs: Run[]): string {
  if (runs.length === 1 && runs[0]!.text !== undefined) return runs[0]!.text;
  if (runs.length === 1 && runs[0]!.rows) {
    const r = runs[0]!;
    return r.rows!.join(', ') + (r.count > r.rows!.length ? ', …' : '');
  }
  const parts = runs.filter((r) => r.count > 0).map((r) => (r.first === r.last ? String(r.first) : `${r.first}–${r.last}`));
  return parts.length > 4 ? `${parts.slice(0, 3).join(', ')}, … ${parts[parts.length - 1]}` : parts.join(', ');
}

/**
 * Whether a column's totals are sums of its parts: counts and amounts are; rates, percentages, indices,
 * averages and per-capita values are not. Reads a field name or a column label.
 */
const NOT_ADDITIVE_NAME = /(^|[_\s(])(persen|persentase|rasio|ratio|indeks|index|ipm|rata|rerata|tingkat|apk|apm|tpt|tpak|produktivitas|harapan|lama|garis|laju|kepadatan|angka|median|rate|proporsi)([_\s)]|$)|%/i;

export function additiveName(name: string): boolean {
  return !NOT_ADDITIVE_NAME.test(name);
}

/** A column label that says it holds a percentage or a ratio. */
export const RATIO_LABEL = /%|(^|[\s_(])(persen|persentase|rasio|ratio|proporsi)([\s_)]|$)/i;
