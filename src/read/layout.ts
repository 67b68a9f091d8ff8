/**
 * Layout detection: finds the header below title rows, flattens multi-row headers into one label per
 * column, and classifies every later row as data, blank, totals, footnote or signature.
 * Works on the first rows (a lookahead buffer), then streams the rest.
 */
import type { RawRow, RowSource } from './table.js';
import { ADMIN_PREFIX, FOOTNOTE_START, monthNumber, NIP, PLACE_DATE, SIGNATURE_START, TOTAL_LABEL, TOTAL_PREFIXES } from './words.js';
import { isProvinceName, maybeProvince, provinceCode } from './provinces.js';

export const enum RowKind {
  Data = 0,
  Blank = 1,
  Total = 2,
  Footnote = 3,
  Signature = 4,
}

export interface Layout {
  /** Non-blank rows above the header. */
  titleRows: RawRow[];
  /** Row numbers of the header (several when the header spans rows). */
  headerRows: number[];
  /** One label per column, trimmed and with whitespace collapsed. */
  labels: string[];
  /** Labels exactly as written (joined for multi-row headers), for whitespace reports. */
  rawLabels: string[];
  /** The header cells of each column, top to bottom ("Jenis Kelamin", "Laki-laki"): the last is the leaf. */
  parts?: string[][];
  /** Blank rows at the top, above the first non-blank row (an empty first line `;;;` of a BPS export). */
  blankBeforeHeader: number[];
  /** Blank rows between the header and the first data row. */
  blankAfterHeader: number[];
  /** Number of columns of the table. */
  width: number;
  /** Column that holds the row labels (region names, categories). */
  labelCol: number;
  /** True when the data rows' labels are mostly province names (a per-province table). */
  provinceTable: boolean;
  /** True when most data rows carry a label (an unlabelled numeric row is then a totals row). */
  labelsUsual: boolean;
  /** True when a minority of labels carry an administrative prefix ("Kecamatan X" among kelurahan): those are subtotals. */
  adminSubtotals: boolean;
  /**
   * True when labels glue BPS codes of two levels to names: "010. Prajurit Kulon" (3-digit kecamatan part)
   * above "01. Surodinawan" (kelurahan): the 3-digit rows are kecamatan subtotals.
   */
  gluedSubtotals: boolean;
  /**
   * The digits of the dotted Kemendagri codes most data rows carry (4 kab/kota, 6 kecamatan, 10 desa; 0: none):
   * a "Kecamatan X" row whose code has fewer (52.01.01 among 52.01.01.2001) is the subtotal of the rows under it.
   */
  regionDigits: number;
  /** Columns whose data rows hold month names (a monthly table: a "Tahunan" row there is the year's total). */
  monthCols: number[];
  /** No header row could be found; labels are column letters. */
  noHeader: boolean;
  /**
   * Rows that open the table with the sums of all the rows under it ("Kabupaten Lombok Barat" above its
   * kecamatan): found only when the whole table fits the first rows read.
   */
  openingTotals?: number[];
}

const LOOKAHEAD = 60;
/**
 * Rows read ahead for the interpretation's sample (its conventions see evidence that first appears further
 * down, such as a thousand-dot value at row 500); the layout itself is decided from the first LOOKAHEAD.
 */
export const SAMPLE_LOOKAHEAD = 1000;
const MAX_HEADER_ROWS = 6;

const isBlankText = (t: string | undefined): boolean => t === undefined || t.trim() === '';
const NUMERIC = /^\s*[+-]?\s*(rp\.?\s*)?\(?[\d]+([.,\s]\d+)*\)?\s*%?\s*$/i;
const YEARLIKE = /^\s*(19|20)\d{2}(\.0+)?\s*$/;

function span(row: RawRow): number {
  let n = 0;
  for (const c of row.cells) if (!isBlankText(c)) n++;
  return n;
}

function hasValueNumber(row: RawRow): boolean {
  for (const c of row.cells) if (c && !YEARLIKE.test(c) && NUMERIC.test(c)) return true;
  return false;
}

function firstNonBlank(row: RawRow): number {
  for (let i = 0; i < row.cells.length; i++) if (!isBlankText(row.cells[i])) return i;
  return -1;
}

export interface DetectedTable {
  layout: Layout;
  /** Rows after the header, in batches: the buffered ones first, then the rest of the stream. */
  rows: AsyncIterable<RawRow[]>;
  /** The first rows after the header (a bounded sample the interpretation reads before the stream). */
  sample: RawRow[];
}

export async function detectLayout(source: RowSource): Promise<DetectedTable> {
  const iterator = source.batches()[Symbol.asyncIterator]();
  const buffer: RawRow[] = [];
  let exhausted = false;
  while (buffer.length < SAMPLE_LOOKAHEAD) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    for (const r of next.value) buffer.push(r);
  }
  const layout = analyse(buffer.slice(0, LOOKAHEAD), exhausted && buffer.length <= LOOKAHEAD);
  const lastHeader = layout.headerRows.length ? layout.headerRows[layout.headerRows.length - 1]! : 0;
  const firstDataIdx = buffer.findIndex((r) => r.n > lastHeader && !layout.blankAfterHeader.includes(r.n));
  const pending = firstDataIdx < 0 ? [] : buffer.slice(firstDataIdx);
  async function* rows(): AsyncIterable<RawRow[]> {
    if (pending.length) yield pending;
    if (exhausted) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { layout, rows: rows(), sample: pending.slice() };
}

/** Decides the layout from the first rows of a table. Exported for tests. */
export function analyse(rows: RawRow[], whole = false): Layout {
  const nonBlank = rows.filter((r) => span(r) > 0);
  const empty: Layout = {
    titleRows: [], headerRows: [], labels: [], rawLabels: [], blankBeforeHeader: [], blankAfterHeader: [], width: 0,
    labelCol: 0, provinceTable: false, labelsUsual: false, adminSubtotals: false, gluedSubtotals: false, regionDigits: 0, monthCols: [], noHeader: true,
  };
  if (nonBlank.length === 0) return empty;
  // Typical width of a table row: the most common span among rows with two or more cells.
  const spans = new Map<number, number>();
  for (const r of nonBlank) {
    const s = span(r);
    if (s >= 2) spans.set(s, (spans.get(s) ?? 0) + 1);
  }
  let wd = 1;
  let wdCount = 0;
  for (const [s, c] of spans) if (c > wdCount || (c === wdCount && s > wd)) { wd = s; wdCount = c; }
  const minSpan = Math.max(2, Math.ceil(wd * 0.5));
  const fullWidth = Math.max(...rows.map((r) => lastNonBlank(r) + 1));

  // The first data row: wide enough, has a value number (not a year), and so has the next row.
  let d = -1;
  let forcedStart = -1;
  for (let i = 0; i < nonBlank.length; i++) {
    const r = nonBlank[i]!;
    if (span(r) < minSpan || !hasValueNumber(r)) continue;
    const next = nonBlank[i + 1];
    if (next && span(next) < minSpan && !FOOTNOTE_START.test(next.cells[firstNonBlank(next)]?.trim() ?? '') && !TOTAL_LABEL.test(next.cells[firstNonBlank(next)]?.trim() ?? '')) continue;
    d = i;
    break;
  }
  if (d < 0) {
    // No numeric data row. BPS exports of empty or all-text tables: the header is the first row plus the
    // rows under it whose first column is empty (group labels, years); data, if any, follows.
    const first = nonBlank[0]!;
    const lead = firstNonBlank(first);
    let h = 1;
    let start = 0;
    while (h < nonBlank.length && h < MAX_HEADER_ROWS && isBlankText(nonBlank[h]!.cells[lead]) && span(nonBlank[h]!) > 0) h++;
    if (h === 1) {
      // Otherwise the header starts at the first wide row; the narrower rows above it are titles. It goes on
      // over the rows under it that sit beneath a group label: first column empty (a merged stub cell) and a
      // cell where the first header row is empty ("Hak Milik", "Hak Pakai" under a merged "SK Pemberian Hak").
      // A row of a text-only table with an empty first column (a merged kecamatan cell) has its cells under
      // header labels, so it stays data.
      const w = nonBlank.findIndex((r) => span(r) >= minSpan);
      if (w >= 0) {
        start = w;
        h = w + 1;
        const top = nonBlank[w]!;
        const stub = firstNonBlank(top);
        const underGroup = (r: RawRow): boolean => r.cells.some((c, i) => !isBlankText(c) && isBlankText(top.cells[i]));
        while (h < nonBlank.length && h - w < MAX_HEADER_ROWS && isBlankText(nonBlank[h]!.cells[stub]) && underGroup(nonBlank[h]!)) h++;
      }
    }
    d = Math.min(h, nonBlank.length);
    forcedStart = start;
  }
  if (d === 0) {
    return { ...empty, width: fullWidth, labels: [], rawLabels: [], noHeader: true, labelCol: 0, labelsUsual: true };
  }
  // Columns the data uses.
  const dataRows = nonBlank.slice(d);
  const target = new Set<number>();
  for (const r of dataRows.slice(0, 20)) r.cells.forEach((c, i) => { if (!isBlankText(c)) target.add(i); });
  // Walk up from the row above the first data row to collect the header block.
  const block: RawRow[] = [];
  const covered = new Set<number>();
  for (let i = d - 1; i >= Math.max(0, forcedStart) && block.length < MAX_HEADER_ROWS; i--) {
    const r = nonBlank[i]!;
    const complete = [...target].every((c) => covered.has(c));
    if (forcedStart < 0 && block.length > 0 && complete) break;
    if (forcedStart < 0 && block.length > 0 && hasValueNumber(r) && span(r) >= minSpan) break;
    block.unshift(r);
    r.cells.forEach((c, ci) => { if (!isBlankText(c)) covered.add(ci); });
  }
  const headerStart = block[0]!.n;
  const titleRows = nonBlank.filter((r) => r.n < headerStart);
  const lastHeaderN = block[block.length - 1]!.n;
  const firstDataN = dataRows[0]?.n ?? Infinity;
  // Only the leading ones: a blank row between title rows and the header goes with the titles (the title-row
  // warning asks to remove that block), as it always has.
  const blankBeforeHeader = rows.filter((r) => r.n < nonBlank[0]!.n && span(r) === 0).map((r) => r.n);
  const blankAfterHeader = rows.filter((r) => r.n > lastHeaderN && r.n < firstDataN && span(r) === 0).map((r) => r.n);
  // The table is as wide as its header, or as its typical data row when most rows run further
  // (unlabelled columns); a few longer rows are extra cells, not extra columns.
  const headerWidth = Math.max(...block.map((r) => lastNonBlank(r) + 1));
  const dataWidths = dataRows.slice(0, 40).map((r) => lastNonBlank(r) + 1).sort((a, b) => a - b);
  const typical = dataWidths.length ? dataWidths[Math.floor(dataWidths.length / 2)]! : 0;
  const width = Math.max(headerWidth, typical);
  const { labels, rawLabels, parts } = flatten(block, width);
  // Which column holds the row labels: the first column that is mostly text in the data rows.
  let labelCol = 0;
  for (let c = 0; c < width; c++) {
    let text = 0;
    let filled = 0;
    for (const r of dataRows) {
      const v = r.cells[c];
      if (isBlankText(v)) continue;
      filled++;
      if (!NUMERIC.test(v!)) text++;
    }
    if (filled > 0 && text >= filled * 0.6) {
      labelCol = c;
      break;
    }
  }
  let labelled = 0;
  let provinces = 0;
  let admin = 0;
  let glued3 = 0;
  let glued2 = 0;
  for (const r of dataRows) {
    const v = r.cells[labelCol]?.trim() ?? '';
    if (v) labelled++;
    if (GLUED_3.test(v)) glued3++;
    else if (GLUED_2.test(v)) glued2++;
    if (v && isProvinceName(v)) provinces++;
    if (v && ADMIN_PREFIX.test(v)) admin++;
  }
  const depths = new Map<number, number>();
  for (const r of dataRows) {
    const d = regionDigits(r.cells);
    if (d > 0) depths.set(d, (depths.get(d) ?? 0) + 1);
  }
  let regionDepth = 0;
  for (const [d, n] of depths) if (n > (depths.get(regionDepth) ?? 0)) regionDepth = d;
  const monthCols: number[] = [];
  for (let c = 0; c < width; c++) {
    let months = 0;
    for (const r of dataRows) if (monthNumber((r.cells[c] ?? '').trim()) !== undefined) months++;
    if (months >= 2) monthCols.push(c);
  }
  return {
    titleRows,
    headerRows: block.map((r) => r.n),
    labels,
    rawLabels,
    parts,
    blankBeforeHeader,
    blankAfterHeader,
    width,
    labelCol,
    provinceTable: dataRows.length > 0 && provinces >= dataRows.length * 0.5,
    labelsUsual: dataRows.length > 0 && labelled >= dataRows.length * 0.8,
    // a pattern of them (two or more), not one unit written "Kec. X" in a table of kecamatan
    adminSubtotals: admin >= 2 && admin < labelled * 0.5,
    gluedSubtotals: glued3 >= 1 && glued2 >= glued3 * 2,
    regionDigits: regionDepth,
    monthCols,
    noHeader: false,
    ...(whole ? openingTotal(dataRows, labelCol) : {}),
  };
}

/**
 * A first data row labelled "Kabupaten X"/"Kota X" whose every number is the sum of all the data rows under it
 * (thousand dots read either way; within 10 % for three or more rows): it opens the table as its total.
 */
function openingTotal(dataRows: RawRow[], labelCol: number): { openingTotals?: number[] } {
  const first = dataRows[0];
  if (!first || dataRows.length < 3 || !REGION_LABEL.test(first.cells[labelCol] ?? '')) return {};
  const rest = dataRows.slice(1);
  for (const dots of [false, true]) {
    let nonZero = false;
    let ok = true;
    for (let c = labelCol + 1; c < first.cells.length && ok; c++) {
      const v = first.cells[c]!.trim();
      if (v === '') continue;
      const read = (x: string): number => (PLAIN_NUMBER.test(x) ? (dots ? idNumber(x) : Number(x)) : dots && THOUSAND_DOTS.test(x) ? idNumber(x) : NaN);
      const n = read(v);
      let sum = 0;
      for (const r of rest) {
        const x = (r.cells[c] ?? '').trim();
        if (x === '') continue;
        const y = read(x);
        if (!Number.isNaN(y)) sum += y;
      }
      // exactly, or nearly for three or more rows (a mistyped total, which the aggregate check reports)
      if (Number.isNaN(n) || !(sameTotal(n, sum) || (rest.length >= 3 && Math.abs(n - sum) <= Math.abs(sum) * NEAR))) ok = false;
      else if (n !== 0) nonZero = true;
    }
    if (ok && nonZero) return { openingTotals: [first.n] };
  }
  return {};
}

function lastNonBlank(row: RawRow): number {
  for (let i = row.cells.length - 1; i >= 0; i--) if (!isBlankText(row.cells[i])) return i;
  return -1;
}

/**
 * Joins a header block into one label per column. A group label (a cell with sub-labels under it) is
 * carried right over the empty cells beside it that also have sub-labels, the way a merged cell spans them.
 */
export function flatten(block: RawRow[], width: number): { labels: string[]; rawLabels: string[]; parts: string[][] } {
  const h = block.length;
  const cell = (r: number, c: number): string => block[r]!.cells[c] ?? '';
  const hasBelow = (r: number, c: number): boolean => {
    for (let k = r + 1; k < h; k++) if (!isBlankText(cell(k, c))) return true;
    return false;
  };
  const labels: string[] = [];
  const rawLabels: string[] = [];
  const all: string[][] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    const raws: string[] = [];
    // a part written in this column's own cell with spaces around it (a part carried from the left is that column's)
    let untidy: string | undefined;
    for (let r = 0; r < h; r++) {
      let raw = cell(r, c);
      let own = true;
      if (isBlankText(raw) && r < h - 1 && hasBelow(r, c)) {
        let k = c - 1;
        while (k >= 0 && isBlankText(cell(r, k))) k--;
        if (k >= 0 && hasBelow(r, k)) {
          raw = cell(r, k);
          own = false;
        }
      }
      const text = raw.replace(/\s+/g, ' ').trim();
      if (own && text && raw !== raw.trim()) untidy ??= raw;
      if (text && parts[parts.length - 1] !== text) {
        parts.push(text);
        raws.push(raw);
      }
    }
    labels.push(parts.join(' '));
    rawLabels.push(untidy ?? raws.join(' '));
    all.push(parts);
  }
  return { labels, rawLabels, parts: all };
}

/** What a label text says about its row. */
const enum LabelFlag {
  None = 0,
  Total = 1,
  Admin = 2,
  Province = 4,
  Upper = 8,
}

/** Whether a text could be a totals label: its first three letters, or "… total" (this runs once per row). */
function maybeTotal(v: string): boolean {
  const last = v.charCodeAt(v.length - 1);
  return TOTAL_PREFIXES.matches(v) || last === 0x6c || last === 0x4c || last <= 32 || v.charCodeAt(0) <= 32;
}

const ANNUAL = /^tahunan$/i;

/**
 * Whether a total equals the sum of its parts, up to floating-point error (sums of 2-decimal areas).
 */
function sameTotal(total: number, sum: number): boolean {
  return Math.abs(total - sum) <= Math.max(1e-6, Math.abs(sum) * 1e-9);
}

/** A label naming a kota or kabupaten: in a table of its kecamatan or kelurahan, the enclosing region. */
const REGION_LABEL = /^\s*(kota|kabupaten|kab\.?)\s+\S/i;

/** A cheap gate before REGION_LABEL (once per row): a first character that is k/K, or any space \s may match. */
function mayNameRegion(label: string): boolean {
  const c = label.charCodeAt(0);
  return (c | 0x20) === 0x6b || c <= 32 || c >= 0x80;
}
/** A number as spreadsheet readers give it (and plain CSV numbers): no group separators, a decimal point. */
const PLAIN_NUMBER = /^\s*-?\d+(\.\d+)?\s*$/;
/** How far (a share of the sum) a closing kota/kabupaten row may be from the sums above and still be their total. */
const NEAR = 0.1;
/** Data rows summed for the enclosing-region check: OPD tables are small; beyond this, such rows stay data. */
const MAX_SUMMED = 10_000;

const GLUED_3 = /^\s*\d{3}\.\s+\S/;
const GLUED_2 = /^\s*\d{2}\.\s+\S/;
const SUB_PROVINCE_CODE = /^\s*\d{2}\.\d{2}/;
/** A number with thousand dots ("31.017", "1.234.567"): not a region code, though it starts like one. */
const THOUSAND_DOTS = /^\s*\d{1,3}(\.\d{3})+(,\d+)?\s*$/;

function hasSubProvinceCode(cells: string[]): boolean {
  for (const c of cells) if (c.length >= 5 && SUB_PROVINCE_CODE.test(c) && !THOUSAND_DOTS.test(c)) return true;
  return false;
}

const DOTTED_REGION = /^\d{2}\.\d{2}(?:\.\d{2}(?:\.\d{4})?)?$/;

/** The digits of the deepest dotted region code in a row (52.01.01 → 6), 0 without one. */
function regionDigits(cells: string[]): number {
  let digits = 0;
  for (const c of cells) {
    if (c.length < 5 || c.length > 15) continue;
    const t = c.trim();
    if (DOTTED_REGION.test(t)) digits = Math.max(digits, t.replace(/\./g, '').length);
  }
  return digits;
}

/** The row's region code is of a higher level than the codes most data rows carry. */
function codeAbove(cells: string[], rowsDigits: number): boolean {
  const d = regionDigits(cells);
  return d > 0 && d < rowsDigits;
}

/** Whether a text is one or more ASCII digits and nothing else. */
function allDigits(v: string): boolean {
  const n = v.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A plain or thousand-dotted number's value with the dots read as thousand separators. */
function idNumber(v: string): number {
  const t = v.trim();
  return THOUSAND_DOTS.test(t) ? Number(t.replace(/\./g, '').replace(',', '.')) : Number(t);
}

const UNDOTTED_CODE = /^\s*\d{4,10}\s*$/;

/**
 * Whether a row labelled with a province name carries, in a column left of its label (where code columns
 * sit), an undotted region code below that province: "1571 · JAMBI" is Kota Jambi, a kota named like its
 * province, and "7502 · GORONTALO" Kab. Gorontalo. A province totals row has no such code there, or just the
 * 2-digit province code. The code must start with the named province's code and not read as a year, so a
 * year or row-number column left of the label does not turn a province total into data.
 */
function hasUndottedLowerCode(cells: string[], labelCol: number, label: string): boolean {
  let province: string | undefined;
  for (let i = 0; i < labelCol; i++) {
    const c = cells[i]!;
    if (!UNDOTTED_CODE.test(c) || YEARLIKE.test(c)) continue;
    province ??= provinceCode(label.trim()) ?? '';
    if (province && c.trim().startsWith(province)) return true;
  }
  return false;
}

/** Classifies rows after the header. Stateful: once footnotes or a signature start, text rows stay notes. */
export class RowClassifier {
  private inNotes = false;
  /** The row classified before was blank. */
  private afterBlank = false;
  private lastN = 0;
  /** A signature block began: its following short text rows (the name) are part of it. */
  private inSignature = false;
  /** Province totals in this table are written in capitals (BPS style): then "Gorontalo" is a kabupaten. */
  private upperProvinces = false;
  /** Per column right of the label column: the sum of the data rows since the last enclosing-region total. */
  private sums: number[] = [];
  /** The same sums with dots read as thousand separators ("31.017" = 31017). */
  private dotSums: number[] = [];
  private summed = 0;
  /** `sumTotals: false` for the second shard of a large CSV: it starts mid-file, past the rows a single pass
   *  sums (MAX_SUMMED), so the single pass would not apply the rule there either. */
  constructor(
    private readonly layout: Layout,
    private readonly opts: { sumTotals?: boolean } = {},
  ) {}

  /** Adds a data row's plain numbers to the running sums (the first MAX_SUMMED data rows only). */
  private addToSums(cells: string[]): void {
    if (this.summed >= MAX_SUMMED) return;
    this.summed++;
    const from = this.layout.labelCol + 1;
    for (let i = from; i < cells.length; i++) {
      const v = cells[i]!;
      if (v === '') continue;
      // digits only (most cells of a large table): the same number under both readings, no pattern to test
      if (allDigits(v)) {
        const n = Number(v);
        this.sums[i - from] = (this.sums[i - from] ?? 0) + n;
        this.dotSums[i - from] = (this.dotSums[i - from] ?? 0) + n;
        continue;
      }
      if (PLAIN_NUMBER.test(v)) this.sums[i - from] = (this.sums[i - from] ?? 0) + Number(v);
      // thousand dots: the same digits without the dots (the sums of both readings are kept)
      if (THOUSAND_DOTS.test(v) || PLAIN_NUMBER.test(v)) this.dotSums[i - from] = (this.dotSums[i - from] ?? 0) + idNumber(v);
    }
  }

  /**
   * Whether a row labelled "Kota Mojokerto" or "Kabupaten X" closes the rows above it: two or more data rows
   * above, every number right of the label equal to the sum of those rows' numbers in its column, and at
   * least one of them not zero. A kelurahan "Kota Baru" with its own figures does not add up, so it stays
   * data; so does a total that cannot be compared (numbers with group separators, a ratio column).
   */
  private closesRegion(cells: string[]): boolean {
    if (this.opts.sumTotals === false || this.summed < 2 || this.summed >= MAX_SUMMED) return false;
    if (this.addsUp(cells, false) || this.addsUp(cells, true)) return true;
    // nearly the sums of three or more rows above (a mistyped total): still a total, which the aggregate check
    // then reports; a kelurahan "Kota Baru" is nowhere near the sum of all the rows above it
    return this.summed >= 3 && (this.addsUp(cells, false, NEAR) || this.addsUp(cells, true, NEAR));
  }

  /**
   * Every number right of the label equals its column's running sum (dots read as decimals, or as thousands),
   * or lies within `near` (a share of the sum) of it.
   */
  private addsUp(cells: string[], dots: boolean, near = 0): boolean {
    const from = this.layout.labelCol + 1;
    let nonZero = false;
    for (let i = from; i < cells.length; i++) {
      const v = cells[i]!;
      if (v === '' || (v.charCodeAt(0) <= 32 && v.trim() === '')) continue;
      const plain = PLAIN_NUMBER.test(v);
      if (!plain && !(dots && THOUSAND_DOTS.test(v))) return false;
      const n = dots ? idNumber(v) : Number(v);
      const sum = (dots ? this.dotSums : this.sums)[i - from] ?? 0;
      if (near > 0 ? Math.abs(n - sum) > Math.abs(sum) * near : !sameTotal(n, sum)) return false;
      if (n !== 0) nonZero = true;
    }
    return nonZero;
  }

  /**
   * Whether a cell of column `col` is a totals label. "Tahunan" (annual) totals a year only in a column of
   * months ("Januari" … "Desember", "Tahunan"); anywhere else it is a name: Kecamatan Tahunan in Jepara.
   */
  private totalText(v: string, col: number): boolean {
    if (!maybeTotal(v)) return false;
    const t = v.trim();
    return TOTAL_LABEL.test(t) && (!ANNUAL.test(t) || this.layout.monthCols.includes(col));
  }

  private flags(text: string, col: number): LabelFlag {
    let f = LabelFlag.None;
    if (this.totalText(text, col)) f |= LabelFlag.Total;
    if (this.layout.adminSubtotals && ADMIN_PREFIX.test(text.trim())) f |= LabelFlag.Admin;
    if (!this.layout.provinceTable && maybeProvince(text) && isProvinceName(text.trim())) {
      f |= LabelFlag.Province;
      if (text === text.toUpperCase()) f |= LabelFlag.Upper;
    }
    return f;
  }

  classify(row: RawRow): RowKind {
    const cells = row.cells;
    let first = -1;
    let filled = 0;
    // only "how many, up to 4" matters below: stop counting there (most data rows stop after 4 cells)
    for (let i = 0; i < cells.length && filled < 4; i++) {
      const c = cells[i]!;
      if (c === '' || (c.charCodeAt(0) <= 32 && c.trim() === '')) continue;
      filled++;
      if (first < 0) first = i;
    }
    // a skipped row number is a blank row the reader did not hand over
    const afterBlank = this.afterBlank || (this.lastN > 0 && row.n > this.lastN + 1);
    this.afterBlank = filled === 0;
    this.lastN = row.n;
    if (filled === 0) return RowKind.Blank;
    if (filled <= 3) {
      const firstText = cells[first]!.trim();
      if (NIP.test(firstText) || ((SIGNATURE_START.test(firstText) || PLACE_DATE.test(firstText)) && filled <= 2) || NIP.test(cells.join(' '))) {
        this.inNotes = true;
        this.inSignature = true;
        return RowKind.Signature;
      }
      // the name under "Kepala Dinas" belongs to the signature block (personal data), not to the notes
      if (this.inSignature && filled <= 2 && !this.hasNumber(cells)) return RowKind.Signature;
      if (FOOTNOTE_START.test(firstText)) {
        this.inNotes = true;
        return RowKind.Footnote;
      }
    }
    if ((filled >= 2 || afterBlank) && noteSentence(cells)) {
      this.inNotes = true;
      return RowKind.Footnote;
    }
    if (this.inNotes && (filled <= 2 || !this.hasNumber(cells))) return RowKind.Footnote;
    const labelCol = this.layout.labelCol;
    if (this.layout.openingTotals?.includes(row.n)) return RowKind.Total;
    const label = cells[labelCol] ?? '';
    if (label !== '' && (label.charCodeAt(0) > 32 || label.trim() !== '')) {
      const f = this.flags(label, labelCol);
      if (f & LabelFlag.Total) return RowKind.Total;
      // (a code on the row: data, unless it is of a higher level than the rows' codes — their kecamatan)
      if (this.layout.adminSubtotals && f & LabelFlag.Admin && (!hasSubProvinceCode(cells) || codeAbove(cells, this.layout.regionDigits))) return RowKind.Total;
      if (this.layout.gluedSubtotals && GLUED_3.test(label)) return RowKind.Total;
      // a province name is a totals row among kab/kota — unless the row carries a lower-level region code
      // (a desa named "Bali" in Dompu, or "1571 · JAMBI", Kota Jambi, is data)
      if (!this.layout.provinceTable && f & LabelFlag.Province && !hasSubProvinceCode(cells) && !hasUndottedLowerCode(cells, labelCol, label)) {
        const upper = (f & LabelFlag.Upper) !== 0;
        if (upper) this.upperProvinces = true;
        if (upper || !this.upperProvinces) return RowKind.Total;
      }
      if (first < labelCol && this.totalText(cells[first]!, first)) return RowKind.Total;
      // a totals label in another text column ("GABUNGAN 7 KOTA" beside a "-" code)
      for (let i = labelCol + 1, seen = 0; i < cells.length && seen < 3; i++) {
        const v = cells[i]!;
        if (v === '') continue;
        const c0 = v.charCodeAt(0);
        if (c0 >= 0x30 && c0 <= 0x39) continue; // starts with a digit: a number or a code
        seen++;
        if (this.totalText(v, i)) return RowKind.Total;
      }
      // the enclosing kota/kabupaten under its kecamatan or kelurahan, when its numbers are their sums
      if (mayNameRegion(label) && REGION_LABEL.test(label) && this.closesRegion(cells)) {
        this.sums = [];
        this.dotSums = [];
        this.summed = 0;
        return RowKind.Total;
      }
    } else {
      if (this.totalText(cells[first]!, first)) return RowKind.Total;
      // an unlabelled totals row: nothing left of or in the label column, numbers to its right
      if (this.layout.labelsUsual && first > labelCol && this.hasNumber(cells)) return RowKind.Total;
    }
    this.addToSums(cells);
    return RowKind.Data;
  }

  private hasNumber(cells: string[]): boolean {
    for (const c of cells) if (c !== '' && NUMERIC.test(c)) return true;
    return false;
  }
}

/**
 * A note below the table: one sentence (six words or more) alone on its row after a blank row, or repeated in every
 * filled cell of the row (a cell merged across the table): no data row is written like that.
 */
export function noteSentence(cells: string[]): boolean {
  let text: string | undefined;
  for (const c of cells) {
    const t = c.trim();
    if (!t) continue;
    if (text === undefined) text = t;
    else if (t !== text) return false;
  }
  return text !== undefined && text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= 6;
}
