/**
 * What the sampled rows say about each column before any standard is applied: how many values, numbers and
 * region codes it holds, its numbers (for the conventions), its missing markers or category words, whether it
 * numbers the rows, and which code system its codes are written in.
 */
import { CellKind, cellAddress, columnLetter, type RawRow, type SourceInfo } from '../read/table.js';
import { RowClassifier, RowKind, type Layout } from '../read/layout.js';
import { BPS_LABEL, MEASURE_LABEL, MISSING_MARKERS } from '../read/words.js';
import { classifyNumber, NumStyle } from '../check/numbers.js';
import { levelOfCode, looksLikeBps, normaliseCode } from '../standards/regions.js';
import { find } from '../standards/region-index.js';
import { slug } from '../standards/slug.js';
import { tally, fileLocaleOf, type ColumnNumbers, type NumberCell } from './conventions.js';
import type { ColumnFacts } from './match.js';
import type { ColumnReading } from './reading.js';

/** Rows read for the conventions at most (the rest of the table streams; see SAMPLE_LOOKAHEAD). */
export const SAMPLE_ROWS = 1000;

export interface PreparedColumn extends ColumnFacts {
  index: number;
  letter: string;
  label: string;
  parts: string[];
  numbers: ColumnNumbers;
  rowNumber: boolean;
  category: boolean;
  markers: string[];
  codes: number;
  codeSystem?: ColumnReading['codes'];
  /** A few distinct texts (for the level/type evidence). */
  texts: string[];
  /** The largest number among the cells a workbook stores as numbers (text cells are read under the convention). */
  nativeLargest?: { value: number; cell: string; text: string };
}

export interface Prepared {
  layout: Layout;
  info: SourceInfo;
  columns: PreparedColumn[];
  fileLocale: 'id' | 'en' | null;
  sampled: number;
}

const ROW_NUMBER_LABEL = /^(no|nomor|no_urut|nomor_urut|urut)$/;
/** A label that names a code: `kode_*`, "Kode Wilayah", `kd_kab`, `id_kecamatan` — a bare `id` is weaker (see codeSystemOf). */
const CODE_LABEL = /(^|[\s_.])(kode|code|kd|id)([\s_.]|$)/i;
const BARE_ID = /^\s*id\s*$/i;
/**
 * A label that names a measure: the column counts or measures something ("jumlah_penduduk", "Banyaknya SIUP",
 * "Luas Panen (M2)", "Garis Kemiskinan (Rupiah)", "persentase"). Its numbers are numbers, whatever region code
 * some of them happen to look like.
 */
/** Share of a column's code-shaped cells that must be regions of the reference when its label does not say "kode". */
const KNOWN_SHARE = 0.8;

const enum CodeFact {
  None,
  Bps,
  /** A Kemendagri code of a region in the index. */
  Region,
  /** Code-like, but no region's. */
  Other,
}

/** What one text cell says (computed once per distinct text of a column). */
interface TextFacts {
  lower: string;
  code: CodeFact;
  level?: string;
  dotted: boolean;
  marker: boolean;
  letters: boolean;
  style: NumStyle;
  /** A candidate category word: a letter in it, and the lower-cased text is no number. */
  word: boolean;
}

/**
 * Which code system a column is written in, from its label and its cells — as a statistician reads it:
 * - a label that names a measure (jumlah, banyaknya, luas, persentase…) and no code: numbers, never codes;
 * - a label that names a code ("kode_kabupaten"): codes when most cells are code-shaped — BPS numbering when the
 *   label says BPS or the cells are BPS-shaped (7 or 10 digits), never made Kemendagri codes by inserting dots;
 *   the reference need not know them (unknown codes are then reported, not read as numbers);
 * - any other label (a bare `id` included): Kemendagri codes only when most code-shaped cells are regions of the
 *   reference (`KNOWN_SHARE`) and written with dots or as province codes — row numbers 1…72 or counts that happen
 *   to equal a province code are not.
 */
function codeSystemOf(label: string, values: number, codes: number, kemendagri: number, bps: number, dotted: number, levels: Map<string, number>, example: string | undefined): ColumnReading['codes'] {
  if (codes === 0 || codes < values * 0.6) return undefined;
  const bareId = BARE_ID.test(label);
  const codeLabel = CODE_LABEL.test(label) && !bareId;
  if (!codeLabel && MEASURE_LABEL.test(label)) return undefined;
  const level = [...levels.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const kemendagriSystem = (): ColumnReading['codes'] => ({ system: 'kemendagri', ...(level ? { level } : {}), evidence: [`kemendagri:${kemendagri}/${codes}`, ...(dotted ? ['dotted'] : [])] });
  if (codeLabel) {
    // the label says BPS and the codes are written without dots (4-digit BPS kabupaten codes look like Kemendagri ones)
    const bpsLabel = BPS_LABEL.test(label);
    if ((bpsLabel && dotted < codes / 2) || bps > kemendagri) {
      return { system: 'bps', count: Math.max(bps, codes), ...(example ? { example } : {}), evidence: [bpsLabel ? 'label:bps' : `bps:${bps}/${codes}`] };
    }
    return kemendagri > 0 ? kemendagriSystem() : undefined;
  }
  // undotted digits read as codes only in a column its label calls a code: elsewhere they are numbers
  if (!bareId && dotted === 0 && bps === 0) return undefined;
  return kemendagri >= codes * KNOWN_SHARE ? kemendagriSystem() : undefined;
}

function textFacts(t: string): TextFacts {
  const lower = t.toLowerCase();
  const n = normaliseCode(t);
  const bpsLike = looksLikeBps(t);
  let code = CodeFact.None;
  let level: string | undefined;
  if (bpsLike) code = CodeFact.Bps;
  // (whether the code is a region's: the index's answer, without building the region)
  else if (n && find(n.code) >= 0) {
    code = CodeFact.Region;
    level = levelOfCode(n.code);
  } else if (n) code = CodeFact.Other;
  const letters = /\p{L}/u.test(t);
  const marker = MISSING_MARKERS.has(lower);
  return {
    lower, code, ...(level ? { level } : {}), dotted: n?.form === 'dotted', marker, letters,
    style: marker ? NumStyle.NotNumber : classifyNumber(t).style,
    word: letters && classifyNumber(lower).style === NumStyle.NotNumber,
  };
}

export function prepare(layout: Layout, sample: RawRow[], info: SourceInfo): Prepared {
  const classifier = new RowClassifier(layout, { sumTotals: false });
  const rows: { row: RawRow; total: boolean }[] = [];
  for (const row of sample) {
    if (rows.length >= SAMPLE_ROWS) break;
    const k = classifier.classify(row);
    if (k === RowKind.Data || k === RowKind.Total) rows.push({ row, total: k === RowKind.Total });
  }
  const columns: PreparedColumn[] = [];
  for (let c = 0; c < layout.width; c++) {
    const numberCells: NumberCell[] = [];
    let values = 0;
    let numeric = 0;
    let codes = 0;
    let kemendagri = 0;
    let bps = 0;
    let bpsExample: string | undefined;
    let dotted = 0;
    let firstCode: string | undefined;
    const levels = new Map<string, number>();
    const texts = new Map<string, number>();
    const markers = new Map<string, number>();
    const ints: number[] = [];
    const seen = new Map<string, TextFacts>();
    /** Lower-cased texts with a letter that are no number: the candidate category words. */
    const wordTexts = new Set<string>();
    let nativeLargest: { value: number; cell: string; text: string } | undefined;
    for (const { row, total } of rows) {
      const raw = row.cells[c] ?? '';
      const t = raw.trim();
      if (t === '') continue;
      values++;
      const kind = row.kinds?.[c];
      if (kind === CellKind.Number) {
        numeric++;
        const v = Number(t);
        if (v > (nativeLargest?.value ?? -Infinity)) nativeLargest = { value: v, cell: cellAddress(c, row.n), text: t };
        const nc = normaliseCode(t);
        if (nc) {
          codes++;
          firstCode ??= t;
          if (find(nc.code) >= 0) kemendagri++;
        }
        if (!total && /^\d+$/.test(t)) ints.push(Number(t));
        continue;
      }
      if (kind !== undefined && kind !== CellKind.String) continue;
      // what a text says is worked out once per distinct text of the column (sampled values repeat)
      let f = seen.get(t);
      if (f === undefined) seen.set(t, (f = textFacts(t)));
      texts.set(f.lower, (texts.get(f.lower) ?? 0) + 1);
      if (f.word) wordTexts.add(f.lower);
      if (f.code !== CodeFact.None) {
        codes++;
        firstCode ??= t;
        if (f.code === CodeFact.Bps) {
          bps++;
          bpsExample ??= t;
        } else if (f.code === CodeFact.Region) {
          kemendagri++;
          if (f.level) levels.set(f.level, (levels.get(f.level) ?? 0) + 1);
          if (f.dotted) dotted++;
        }
      }
      if (f.marker) {
        markers.set(t, (markers.get(t) ?? 0) + 1);
        // a placeholder is no value (for the type fit), unless the column turns out to hold category words
        if (!f.letters) values--;
        continue;
      }
      const st = f.style;
      if (st !== NumStyle.NotNumber) {
        numeric++;
        if (!total && st === NumStyle.Integer) ints.push(Number(t));
        if (!total || t) numberCells.push({ text: t, cell: cellAddress(c, row.n), total });
      }
    }
    const label = layout.labels[c] ?? '';
    const parts = layout.parts?.[c] ?? (label ? [label] : []);
    // a few repeated words (ADA / TIDAK ADA): the words are data
    const words = [...texts.entries()].filter(([w]) => wordTexts.has(w));
    const wordCount = words.reduce((a, [, n]) => a + n, 0);
    const category = words.length >= 2 && words.length <= 8 && wordCount >= values * 0.8 && wordCount >= words.length * 2 && words.some(([w]) => !MISSING_MARKERS.has(w));
    const sequential = ints.length >= 2 && ints.length === values - 0 && ints.every((v, i) => v === ints[0]! + i);
    const rowNumber = ROW_NUMBER_LABEL.test(slug(label)) && (values === 0 || sequential || numeric >= values * 0.8);
    const codeSystem = codeSystemOf(label, values, codes, kemendagri, bps, dotted, levels, bpsExample ?? firstCode);
    columns.push({
      index: c,
      letter: columnLetter(c),
      label,
      parts,
      values,
      numeric,
      codes,
      numbers: tally(numberCells),
      rowNumber,
      category,
      markers: category ? [] : [...markers.keys()],
      ...(codeSystem ? { codeSystem } : {}),
      texts: [...texts.keys()].slice(0, 20),
      ...(nativeLargest ? { nativeLargest } : {}),
    });
  }
  return { layout, info, columns, fileLocale: fileLocaleOf(columns.map((c) => c.numbers), info.delimiter), sampled: rows.length };
}
