/**
 * Validates one table: read → layout → header → rows → column checks. Streaming: each row is seen once.
 * Emits issues through an IssueSink; never prints.
 */
import { HASH_WORKER_MIN_BYTES, sha256File } from '../read/sha256.js';
import { CellKind, cellAddress, type RawRow, type RowSource, type SourceInfo } from '../read/table.js';
import { detectLayout, RowClassifier, RowKind, type Layout } from '../read/layout.js';
import { HTML_TAG, MEASURE_LABEL } from '../read/words.js';
import type { ColumnSummary, Issue, TableReport } from '../report/issue.js';
import type { TableSchema } from '../standards/schema.js';
import { primaryKeyOf } from '../standards/schema.js';
import { IssueSink } from './sink.js';
import { checkLabels, reportMapping } from './header.js';
import { prepare, readWith, type Prepared } from '../interpret/interpret.js';
import { reportReading } from '../interpret/report.js';
import type { Reading, StandardChoiceReading } from '../interpret/reading.js';
import type { HashPrefix } from '../read/table.js';
import { checkLabelLayout } from './labels.js';
import { compileField, type ColumnConvention, type CompiledField, type FieldShardState } from './fields.js';
import { ColumnProfile } from './profile.js';
import { KeyIndex, type Duplicate, type KeyLog } from './key-index.js';
import { readLines } from '../read/csv-lines.js';
import { isUtf16 } from '../read/decode.js';
import { CsvTokenizer } from '../read/csv-tokenizer.js';
import type { StandardInfo } from '../standards/standard.js';
import { AggregatePass, type AggregatePassState } from './aggregate-pass.js';
import { foldOncePerColumn, joinBlankRuns } from './shard-merge.js';

export interface TableOptions {
  schema?: TableSchema;
  standard?: TableReport['standard'];
  maxErrors: number;
  /** Called now and then with the number of rows read (progress display). */
  onProgress?: (rows: number) => void;
  /**
   * Receives every data row in canonical form (package and fix write tidy data from it): with a schema, one
   * value per schema field in field order — numbers as plain JS numbers, dates ISO, booleans true/false,
   * null when missing, the original text when the cell is invalid; without a schema, the trimmed cells.
   */
  onRow?: (values: (string | null)[], row: RawRow) => void;
  /** Checks beyond the schema (rules, code lists, coverage, metadata), built once the header is matched. */
  extensions?: ExtensionFactory[];
  /**
   * Chooses the schema once the header is known (when none was given): the catalog standard that fits.
   * May add issues (which standard was chosen, or why none).
   */
  resolveSchema?: (prepared: Prepared, sink: IssueSink) => Promise<{ schema?: TableSchema; standard?: TableReport['standard']; choice?: StandardChoiceReading }>;
  /** Receives the Reading of the table once it is decided (fix, package and annotate use the same one). */
  onReading?: (reading: Reading) => void;
  /**
   * Called once the table is set up: may hand the rows after some record to a second shard validated in
   * parallel (see shard.ts). Only offered when the table can be merged exactly (`ready.shardable`).
   */
  shard?: (ready: ShardReady) => Promise<ShardHandle | null>;
  /** This run validates a second shard: layout, header match and column conventions come from the first; state goes back. */
  tail?: { layout: Layout; fieldColumns: number[]; conventions?: (ColumnConvention | null)[]; hashPrefix?: HashPrefix; collect: (state: TailState) => void };
  /** The file's SHA-256 when already known (the other sheets of a workbook validated sheet by sheet). */
  sha256?: string;
  /** Every sheet with values is validated in this run (`--sheet all`): no sheet is left out to point at. */
  allSheets?: boolean;
  /** The standard whose declared rules (`aturan`) the aggregate check recomputes ratios with, once known. */
  standardInfo?: () => StandardInfo | undefined;
  /** Aborted at the time limit: reading stops at the next batch and nothing more is computed. */
  signal?: AbortSignal;
  /**
   * Hash the file from the bytes the reader reads, on this thread, rather than on a thread of its own that reads
   * it again: where the cores are already busy (repository mode's file workers). Small files always are.
   */
  hashWhileReading?: boolean;
}

export interface ShardReady {
  layout: Layout;
  schema?: TableSchema;
  fieldColumns: number[];
  /** Per column: how the Reading says its numbers and markers are written (the second shard reads them alike). */
  conventions: (ColumnConvention | null)[];
  /** Every column has a schema field, no field keeps all its values, every extension is per-row. */
  shardable: boolean;
}

export interface ShardHandle {
  /** The last record this shard reads. */
  stopAfter: number;
  /** Where the other shard starts: its first byte and the lines before it. */
  start: { byte: number; line: number };
  result: Promise<TailResult>;
  /** The split came too late (this thread is past it): the other shard is stopped, its result never used. */
  cancel(): void;
}

/** What the second shard hands back besides its rows' issues. */
export interface TailState {
  pk: KeyLog | null;
  uniques: KeyLog[];
  fields: (FieldShardState | null)[];
  rowCount: number;
  dataRows: number;
  firstDataRow: number;
  lastDataRow: number;
  totals: number[];
  footnotes: number[];
  blanks: number[];
  signatures: number[];
  sink: { issues: Issue[]; errors: number; warnings: number; infos: number; truncated: boolean };
  finalNewline?: boolean;
  lineEnding?: SourceInfo['lineEnding'];
  notes: SourceInfo['notes'];
  /** Records whose first line differs from their number (quoted line breaks before them). */
  lines: [number, number][];
  /** The aggregate check's blocks and totals rows. */
  aggregates?: AggregatePassState;
  /** The file's SHA-256, when the shard was given the hash of the bytes before it (and read to the end). */
  sha256?: string;
}

export type TailResult = TailState;

/** What an extension check gets: where to report, and the column of each schema field (-1 when absent). */
export interface ExtensionContext {
  sink: IssueSink;
  schema: TableSchema;
  fieldColumns: number[];
  /** The interpretation of the table (columns, code systems), when one was made. */
  reading?: Reading | null;
}

/**
 * A check that sees every data row: the canonical value of each column (see onRow), indexed by column —
 * `ctx.fieldColumns[i]` is the column of schema field i (-1 when absent: never read it) — null when missing,
 * undefined when the cell already failed its type check. It may report at the end.
 */
export interface RowExtension {
  /** The fields whose values it reads (others may be null); all fields when absent. */
  needs?: string[];
  /** It keeps no state across rows (a file may then be validated in two shards). */
  shardable?: boolean;
  /**
   * Sees each batch of rows (raw cells) before their row() calls, to look something up for all of them at
   * once; `at` in row() is then the row's place in this batch.
   */
  batch?(rows: readonly RawRow[]): void;
  row(byColumn: (string | null | undefined)[], row: RawRow, at: number): void;
  /** Sees each total or subtotal row (raw cells), when it wants them. */
  total?(row: RawRow): void;
  finish(): void;
}

export type ExtensionFactory = (ctx: ExtensionContext) => RowExtension | null;

const NOTE_TEXT_MAX = 80;
/** Labels of the columns that locate a row rather than count something (checkCategoryColumns). */
const DIMENSION_LABEL = /^(no|nomor|urut|no[ ._]urut|tahun|bulan|triwulan|semester|periode|tanggal|id|kode|(kode|kd|id)[ ._].*)$/i;
/** An NIP in a signature row (18 digits, often written 8 6 1 3). */
const NIP_DIGITS = /\d{8}\s*\d{6}\s*\d\s*\d{3}/;

export async function validateSource(source: RowSource, opts: TableOptions): Promise<TableReport> {
  const started = performance.now();
  const info = source.info;
  const sink = new IssueSink(opts.maxErrors, info.sheet);
  // the file's SHA-256: given, from the reader's bytes (a CSV read whole on this thread; a second shard given
  // the hash of the bytes before it), from the second shard (a split file), or read again (sha256File: on a
  // thread of its own for a large file; for a CSV that may be split, started once the split is decided)
  const tail = opts.tail;
  const given = opts.sha256 !== undefined;
  const readerHash = tail
    ? (tail.hashPrefix ? source.hashWhileReading?.(tail.hashPrefix) : undefined)
    : !given && (opts.hashWhileReading || info.bytes < HASH_WORKER_MIN_BYTES) ? source.hashWhileReading?.() : undefined;
  const afterSplit = !tail && !given && !readerHash && opts.shard !== undefined;
  let hashing: Promise<string | undefined> | null = tail || readerHash || afterSplit ? null : given ? Promise.resolve(opts.sha256) : sha256File(info.path, info.bytes, opts.signal);
  const hashHere = () => {
    if (afterSplit && !hashing) hashing = sha256File(info.path, info.bytes, opts.signal);
  };
  const { layout, rows, sample } = tail ? { layout: tail.layout, rows: source.batches(), sample: [] } : await detectLayout(source);
  const headerRow = layout.headerRows[layout.headerRows.length - 1];
  // header and layout issues belong to the first shard only (a tail reports into a throwaway sink)
  const headSink = tail ? new IssueSink(0) : sink;
  for (const t of layout.titleRows) headSink.add('title-row', { text: rowText(t) }, { row: t.n, col: firstCol(t) });
  if (layout.headerRows.length > 1) {
    headSink.add('multirow-header', { count: layout.headerRows.length, rows: layout.headerRows.join(', ') }, { row: layout.headerRows[0], col: 0 });
  }
  // a row under a header cell merged down over it (A1:A2) belongs to the header, it is not a blank row
  const underHeaderMerge = (n: number) => source.info.merges.some((m) => m.top < n && m.bottom >= n && layout.headerRows.includes(m.top));
  for (const n of [...layout.blankBeforeHeader, ...layout.blankAfterHeader]) if (!underHeaderMerge(n)) headSink.add('blank-row', { row: n }, { row: n });
  if (layout.noHeader && layout.width > 0) headSink.add('blank-header');
  const mergedFromLeft = new Set<number>();
  for (const m of source.info.merges) {
    if (!layout.headerRows.includes(m.top)) continue;
    for (let c = m.left; c < m.right; c++) mergedFromLeft.add(c);
  }
  checkLabels(layout.labels, layout.rawLabels, headerRow, headSink, mergedFromLeft);

  let schema = opts.schema;
  let standardRef = opts.standard;
  // the interpretation: one reading of the table from the layout and a bounded sample, before the stream
  const prepared = tail ? null : prepare(layout, sample, info);
  let choice: StandardChoiceReading = schema ? { how: 'given', ...(standardRef?.id ? { id: standardRef.id } : {}) } : { how: 'none' };
  if (!schema && opts.resolveSchema && !layout.noHeader && prepared) {
    const chosen = await opts.resolveSchema(prepared, sink);
    schema = chosen.schema;
    standardRef = chosen.standard ?? standardRef;
    if (chosen.choice) choice = chosen.choice;
  }
  const reading = prepared ? readWith(prepared, schema, choice) : null;
  if (reading) {
    reportReading(reading, headerRow, headSink);
    opts.onReading?.(reading);
  }
  const width = layout.width;
  const fieldOfColumn: (CompiledField | null)[] = new Array(width).fill(null);
  let pkColumns: number[] = [];
  let fieldColumns: number[] = [];
  let pkNames: string[] = [];
  const uniqueKeySets: { cols: number[]; names: string[]; seen: KeyIndex }[] = [];
  const buildExtensions = (sch: TableSchema): RowExtension[] =>
    (opts.extensions ?? []).map((make) => make({ sink, schema: sch, fieldColumns, reading })).filter((x): x is RowExtension => x !== null);
  let extensions: RowExtension[] = [];
  // how each column's numbers and markers are read (handed to the second shard of a large CSV)
  const conventions: (ColumnConvention | null)[] = new Array(width).fill(null);
  if (schema) {
    const match = tail || !reading ? { fieldOfColumn: [], columnOfField: tail?.fieldColumns ?? [] } : reportMapping(reading, schema, headerRow, sink);
    fieldColumns = match.columnOfField;
    extensions = buildExtensions(schema);
    // canonical values (keys) are built only for the fields that need them: keys, onRow, extensions
    const keyFields = new Set([...primaryKeyOf(schema), ...(schema.uniqueKeys ?? []).flat(), ...extensions.flatMap((x) => x.needs ?? [])]);
    const allKeys = opts.onRow !== undefined || extensions.some((x) => !x.needs);
    schema.fields.forEach((f, fi) => {
      const col = match.columnOfField[fi]!;
      if (col < 0) return;
      const rc = reading?.columns[col];
      const n = rc?.number;
      const convention: ColumnConvention = tail ? (tail.conventions?.[col] ?? {}) : {
        ...(n && n.style !== 'ambiguous' && n.style !== 'mixed' ? { decimalChar: n.decimalChar, groupChar: n.groupChar } : {}),
        ...(rc?.markers ? { markers: rc.markers } : {}),
      };
      conventions[col] = convention;
      fieldOfColumn[col] = compileField(f, schema, sink, info.dateSystem ?? 1900, allKeys || keyFields.has(f.name), convention);
    });
    pkNames = primaryKeyOf(schema);
    pkColumns = pkNames.map((n) => match.columnOfField[schema.fields.findIndex((f) => f.name === n)]!);
    if (pkColumns.some((c) => c < 0)) pkColumns = [];
    for (const uk of schema.uniqueKeys ?? []) {
      const cols = uk.map((n) => match.columnOfField[schema.fields.findIndex((f) => f.name === n)]!);
      if (cols.every((c) => c >= 0)) uniqueKeySets.push({ cols, names: uk, seen: new KeyIndex() });
    }
  }
  checkLabelLayout(layout.labels, headerRow, (c) => fieldOfColumn[c] !== null, headSink, schema?.fields.map((f) => f.name));
  if (!schema) extensions = buildExtensions({ fields: [] });
  const wantValues = opts.onRow !== undefined || extensions.length > 0;
  // one per column of the table (a table without a header still has columns)
  const profiles: (ColumnProfile | null)[] = Array.from({ length: width }, (_, i) => (fieldOfColumn[i] ? null : new ColumnProfile(i, layout.labels[i] ?? '', !schema && reading?.columns[i]?.codes?.system === 'bps')));

  const classifier = new RowClassifier(layout, { sumTotals: !tail });
  // totals, subtotals and derived columns are checked in this pass (a second shard hands its blocks back)
  const aggregates = layout.noHeader ? null : new AggregatePass({
    labels: layout.labels, labelCol: layout.labelCol, width, fieldOfColumn: fieldOfColumn.map((f) => f?.field ?? null),
    info: opts.standardInfo?.(), delimiter: info.delimiter, titles: layout.titleRows.map((r) => r.cells.join(' ')),
  }, sink);
  // sized from the file (about 60 bytes a row)
  const pkSeen = new KeyIndex(Math.min(1 << 22, Math.max(1 << 12, Math.floor(info.bytes / 60))));
  // CSV records whose line differs from their number (after quoted line breaks), for reports made at the end
  const lineOf = new Map<number, number>();
  const keys: (string | null | undefined)[] = new Array(width);
  const expected = width;
  let rowCount = tail ? 0 : layout.headerRows.length + layout.titleRows.length;
  let dataRows = 0;
  let lastDataRow = 0;
  let firstDataRow = 0;
  const totals: number[] = [];
  const footnotes: number[] = [];
  const blanks: number[] = [];
  const signatures: number[] = [];
  let progressAt = 0;
  // Workbook readers skip rows absent from the sheet: a gap in row numbers is a blank row.
  let prevN = tail ? 0 : Math.max(headerRow ?? 0, ...layout.blankAfterHeader);
  const shardable = !!schema && !opts.onRow && source.stopAfter !== undefined && profiles.every((p) => p === null) &&
    extensions.every((x) => x.shardable === true) && fieldOfColumn.every((f) => f === null || !f.keepsValues);
  // The split is decided while this thread reads on: the first rows do not wait for the plan (a pass over the
  // first half of the file). It is taken when it arrives, unless this thread already read past it (then the
  // worker is stopped and this thread reads the whole file, as without a split).
  let handle = null as ShardHandle | null;
  // the first shard ends at the split even when its reader had already read past it
  let lastRecord = Infinity;
  /** The last record this thread has taken. */
  let taken = 0;
  let shardFailure: { err: unknown } | undefined;
  const deciding = !tail && opts.shard
    ? opts.shard({ layout, schema, fieldColumns, conventions, shardable }).then((h) => {
      if (!h) return hashHere();
      if (taken >= h.stopAfter) {
        hashHere();
        return h.cancel();
      }
      handle = h;
      lastRecord = h.stopAfter;
      source.stopAfter!(h.stopAfter);
    }, (err: unknown) => {
      shardFailure = { err };
    })
    : null;
  // below the table: once a note or signature row is met, blank rows are the footer's spacing
  let inFooter = false;
  let lastWasSignature = false;
  // consecutive blank rows are reported as they end: one by one when few, as one range when many (an export's
  // thousands of ",,,," lines are one finding, as a workbook's formatted empty rows are)
  const blankRun = new BlankRun(sink);
  rows: for await (const batch of rows) {
    if (opts.signal?.aborted) break;
    for (let x = 0; x < extensions.length; x++) extensions[x]!.batch?.(batch);
    for (let b = 0; b < batch.length; b++) {
      const row = batch[b]!;
      if (row.n > lastRecord) break rows;
      taken = row.n;
      rowCount++;
      if (prevN > 0 && row.n > prevN + 1) {
        blankRun.end();
        const from = prevN + 1;
        const to = row.n - 1;
        if (to - from < BLANK_RUN_RANGE) for (let n = from; n <= to; n++) blanks.push(n);
        else blanks.push(from);
        if (!inFooter) reportBlankSpan(sink, from, to, () => undefined, (n) => !underHeaderMerge(n));
      }
      prevN = row.n;
      const cells = row.cells;
      const kinds = row.kinds;
      const kind = classifier.classify(row);
      if (kind !== RowKind.Blank) blankRun.end();
      if (kind !== RowKind.Data) {
        for (let c = 0; c < cells.length; c++) cellFacts(cells[c]!, kinds, row, c, sink);
        const text = rowText(row);
        if (kind === RowKind.Blank) {
          blanks.push(row.n);
          // blank rows between the notes and signature lines below the table are their spacing, not a defect of the table
          if (!underHeaderMerge(row.n) && !inFooter) blankRun.add(row.n, row.line);
          else blankRun.end();
        } else if (kind === RowKind.Total) {
          totals.push(row.n);
          // totals are written like the data: their markers and number styles count for the columns
          for (let c = 0; c < expected && c < cells.length; c++) profiles[c]?.add(cells[c]!, kinds?.[c], row);
          for (let x = 0; x < extensions.length; x++) extensions[x]!.total?.(row);
          if (aggregates) aggregates.total(row, text);
          else sink.add('total-row', { text: text || '—', status: '@agg.status.unchecked' }, { row: row.n, line: row.line, col: firstCol(row) });
        } else if (kind === RowKind.Footnote) {
          footnotes.push(row.n);
          inFooter = true;
          sink.add('footnote-row', { text }, { row: row.n, line: row.line, col: firstCol(row) });
        } else {
          signatures.push(row.n);
          inFooter = true;
          // personal data stays out of every output: the row is shown, never its names or NIP. One line for a
          // signature block (its first row), and one for each row holding a NIP (the personal number itself).
          const nip = NIP_DIGITS.test(row.cells.join(' '));
          if (nip || !lastWasSignature) sink.add('signature-block', { text: nip ? '@reading.nip-masked' : '@reading.signature-masked' }, { row: row.n, line: row.line, col: firstCol(row) });
        }
        if (kind !== RowKind.Blank) lastWasSignature = kind === RowKind.Signature;
        continue;
      }
      dataRows++;
      lastWasSignature = false;
      if (firstDataRow === 0) firstDataRow = row.n;
      lastDataRow = row.n;
      if (row.hidden) {
        sink.add('hidden-row', { row: row.n }, { row: row.n });
      }
      // trailing empty cells are not extra cells
      let len = cells.length;
      while (len > expected && cells[len - 1] === '') len--;
      if (len > expected) sink.add('extra-cell', { count: len, expected }, { row: row.n, line: row.line, col: expected, value: cells[expected] });
      else if (len < expected && kinds === undefined) sink.add('missing-cell', { count: len, expected }, { row: row.n, line: row.line, col: len });
      // cells a short CSV row lacks were reported as missing-cell; they are not checked again
      const checked = kinds === undefined && cells.length < expected ? cells.length : expected;
      const markup = row.noMarkup !== true;
      for (let c = 0; c < checked; c++) {
        const raw = c < cells.length ? cells[c]! : '';
        if ((markup && raw.length > 2 && raw.indexOf('<') >= 0) || kinds !== undefined) cellFacts(raw, kinds, row, c, sink);
        const f = fieldOfColumn[c];
        if (f !== null) keys[c] = f!.check(raw, kinds?.[c], row, c);
        else profiles[c]!.add(raw, kinds?.[c], row);
      }
      for (let c = checked; c < expected; c++) keys[c] = undefined;
      if (aggregates) aggregates.data(row);
      for (let c = expected; c < cells.length; c++) cellFacts(cells[c]!, kinds, row, c, sink);
      if (row.line !== undefined && row.line !== row.n && lineOf.size < 100000) lineOf.set(row.n, row.line);
      if (pkColumns.length) checkKey(pkColumns, pkNames, keys, pkSeen, row, sink, true);
      if (wantValues) {
        if (opts.onRow) opts.onRow(canonical(schema ? fieldColumns : null, keys, cells, expected), row);
        // extensions read the row's canonical values by column during row() and keep nothing of them
        if (extensions.length) for (let x = 0; x < extensions.length; x++) extensions[x]!.row(keys, row, b);
      }
      for (const uk of uniqueKeySets) checkKey(uk.cols, uk.names, keys, uk.seen, row, sink, false);
    }
    if (opts.onProgress && rowCount - progressAt >= 50000) {
      progressAt = rowCount;
      opts.onProgress(rowCount);
    }
  }
  blankRun.end();
  // a split that arrives after this thread's last row is cancelled (this thread read every row)
  if (deciding) await deciding;
  if (shardFailure) throw shardFailure.err;
  await source.close();
  opts.signal?.throwIfAborted();
  if (tail) {
    // per-column findings of the shard's rows (bps-code with its count): merged into the first shard's line
    for (const x of extensions) x.finish();
    // the first shard reports everything that needs the whole table, from this state
    tail.collect({
      pk: pkColumns.length ? pkSeen.export() : null,
      uniques: uniqueKeySets.map((u) => u.seen.export()),
      fields: fieldOfColumn.map((f) => f?.shardState() ?? null),
      rowCount, dataRows, firstDataRow, lastDataRow, totals, footnotes, blanks, signatures,
      sink: { issues: sink.issues, errors: sink.errors, warnings: sink.warnings, infos: sink.infos, truncated: sink.truncated },
      ...(info.finalNewline !== undefined ? { finalNewline: info.finalNewline } : {}),
      ...(info.lineEnding ? { lineEnding: info.lineEnding } : {}),
      notes: info.notes,
      lines: [...lineOf],
      ...(aggregates ? { aggregates: aggregates.export() } : {}),
      ...(readerHash?.() ? { sha256: readerHash() } : {}),
    });
    return { path: info.path, valid: sink.errors === 0, labels: layout.labels, stats: { rows: rowCount, dataRows, errors: sink.errors, warnings: sink.warnings, infos: sink.infos, seconds: 0, bytes: info.bytes, fields: 0 }, issues: [] };
  }
  let tailHash: string | undefined;
  if (handle) {
    const t = await handle.result;
    tailHash = t.sha256;
    sink.absorb(t.sink);
    rowCount += t.rowCount;
    dataRows += t.dataRows;
    if (t.dataRows) {
      if (firstDataRow === 0) firstDataRow = t.firstDataRow;
      lastDataRow = t.lastDataRow;
    }
    // (loops, not push(...list): a shard can hold more rows of a kind than a call takes arguments)
    for (const n of t.totals) totals.push(n);
    for (const n of t.footnotes) footnotes.push(n);
    for (const n of t.blanks) blanks.push(n);
    for (const n of t.signatures) signatures.push(n);
    if (t.pk) pkSeen.absorb(t.pk);
    t.uniques.forEach((log, i) => uniqueKeySets[i]?.seen.absorb(log));
    t.fields.forEach((state, c) => { if (state) fieldOfColumn[c]?.absorb(state); });
    info.finalNewline = t.finalNewline;
    info.lineEnding = t.lineEnding === info.lineEnding || !info.lineEnding ? t.lineEnding : 'mixed';
    for (const note of t.notes) info.notes.push(note);
    for (const [n, line] of t.lines) if (lineOf.size < 100000) lineOf.set(n, line);
    if (t.aggregates) aggregates?.absorb(t.aggregates);
  }
  // formatted empty rows a workbook lists below the last row with values
  if (info.lastRow !== undefined && info.lastRow > prevN && prevN > 0) {
    const from = prevN + 1;
    blanks.push(from);
    sink.add('blank-row', { row: info.lastRow > from ? `${from}–${info.lastRow}` : from }, { row: from });
  }

  for (const x of extensions) x.finish();
  if (handle) {
    foldOncePerColumn(sink);
    joinBlankRuns(sink, BLANK_RUN_RANGE, handle.stopAfter);
  }
  aggregates?.finish();
  // repeated keys whose first appearance is in the other shard: the text of those the report keeps is read back
  if (handle) await fillKeyTexts(info, pkSeen, pkColumns, uniqueKeySets, lineOf, handle.start, sink.max - sink.issues.length);
  if (pkColumns.length) reportDuplicates(pkSeen, pkColumns, pkNames, sink, true, lineOf);
  for (const uk of uniqueKeySets) reportDuplicates(uk.seen, uk.cols, uk.names, sink, false, lineOf);
  for (const f of fieldOfColumn) f?.finish();
  const used = profiles.filter((p): p is ColumnProfile => p !== null);
  const columns = used.map((p) => p.finish(sink, reading?.columns[p.index]));
  if (!sink.issues.some((i) => i.code === 'wide-layout')) checkCategoryColumns(columns, headerRow, sink);
  if (dataRows === 0 || isEmptyTemplate(columns)) sink.add('empty-data');
  if (info.merges.length) {
    const ranges = info.merges.slice(0, 3).map((m) => `${cellAddress(m.left - 1, m.top)}:${cellAddress(m.right - 1, m.bottom)}`).join(', ');
    sink.add('merged-cells', { count: info.merges.length, ranges });
  }
  addSourceIssues(info, sink, opts.allSheets === true);

  // a read that stopped before the last byte (or a second shard that could not hash) leaves it to a second read
  const sha256 = hashing ? await hashing : ((readerHash?.() ?? tailHash) || (await sha256File(info.path, info.bytes, opts.signal)));
  const issues = sortIssues(sink.issues);
  if (sink.truncated) issues.push({ code: 'error-limit', severity: 'warning', params: { limit: opts.maxErrors } });
  const stats = {
    rows: rowCount,
    dataRows,
    errors: sink.errors,
    warnings: sink.warnings + (sink.truncated ? 1 : 0),
    infos: sink.infos,
    seconds: round((performance.now() - started) / 1000),
    bytes: info.bytes,
    ...(sha256 ? { sha256 } : {}),
    fields: schema ? schema.fields.length : layout.labels.length,
  };
  return {
    path: info.path,
    ...(info.sheet ? { sheet: info.sheet } : {}),
    format: info.format,
    valid: sink.errors === 0,
    ...(standardRef ? { standard: standardRef } : {}),
    labels: layout.labels,
    layout: {
      headerRows: layout.headerRows,
      titleRows: layout.titleRows.map((r) => r.n),
      dataRows: dataRows ? { first: firstDataRow, last: lastDataRow } : null,
      totalRows: totals,
      footnoteRows: footnotes,
      blankRows: [...layout.blankBeforeHeader, ...layout.blankAfterHeader, ...blanks],
      signatureRows: signatures,
    },
    ...(schema ? {} : { columns }),
    ...(reading ? { interpretation: reading } : {}),
    ...(info.sheets && info.sheets.length > 1 ? { otherSheets: info.sheets.map((s) => s.name).filter((n) => n !== info.sheet) } : {}),
    stats,
    issues,
    ...(sink.truncated ? { truncated: true } : {}),
  };
}

/** A data row in canonical form (see TableOptions.onRow). */
function canonical(fieldColumns: number[] | null, keys: (string | null | undefined)[], cells: string[], width: number): (string | null)[] {
  if (!fieldColumns) {
    const out: (string | null)[] = new Array(width);
    for (let c = 0; c < width; c++) {
      const v = (cells[c] ?? '').trim();
      out[c] = v === '' ? null : v;
    }
    return out;
  }
  return fieldColumns.map((c) => {
    if (c < 0) return null;
    const k = keys[c];
    return k === undefined ? (cells[c] ?? null) : k;
  });
}

/** Facts of one cell whatever its row: HTML tags in the text, formula errors. */
function cellFacts(v: string, kinds: CellKind[] | undefined, row: RawRow, c: number, sink: IssueSink): void {
  if (v.length > 2 && v.indexOf('<') >= 0 && HTML_TAG.test(v)) sink.add('html-in-cells', { value: v }, { row: row.n, line: row.line, col: c, value: v });
  if (kinds !== undefined && kinds[c] === CellKind.Error) sink.add('formula-error', undefined, { row: row.n, col: c, value: v });
}

/**
 * Categories as columns: three or more count columns (integers, not codes) beside a label column, the way
 * "Kelahiran, Perkawinan, Perceraian, Kematian" per month are laid out. Long format gives the category a column.
 * A column whose label names a dimension (the row number, a period — `tahun`, `bulan` —, a code) or a measure
 * (`jumlah …`, `luas`, `banyaknya`) holds no category: a long table with `bulan` and two counts is not wide.
 */
function checkCategoryColumns(columns: ColumnSummary[], headerRow: number | undefined, sink: IssueSink): void {
  const ints = columns.filter((c) => c.type === 'integer' && !DIMENSION_LABEL.test(c.label.trim()));
  // a label naming a measure holds a category only as one of three or more that share its first two words — Luas Panen
  // Jahe, Luas Panen Kencur, Luas Panen Kunyit; Jumlah Penduduk, Jumlah KK and Luas Wilayah are three quantities
  const stem = (label: string) => label.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean).slice(0, 2).join(' ');
  const stems = new Map<string, number>();
  for (const c of ints) if (MEASURE_LABEL.test(c.label)) stems.set(stem(c.label), (stems.get(stem(c.label)) ?? 0) + 1);
  const counts = ints.filter((c) => !MEASURE_LABEL.test(c.label) || (stems.get(stem(c.label)) ?? 0) >= 3);
  if (counts.length < 3 || !columns.some((c) => c.type === 'string')) return;
  const letters = counts.length > 6 ? `${counts[0]!.letter}–${counts[counts.length - 1]!.letter}` : counts.map((c) => c.letter).join(', ');
  sink.add('wide-layout', { columns: letters, kind: '@kind.category', layoutHint: '@hint.wide.long' }, headerRow !== undefined ? { row: headerRow, col: counts[0]!.index } : { col: counts[0]!.index });
}

function checkKey(cols: number[], names: string[], keys: (string | null | undefined)[], seen: KeyIndex, row: RawRow, sink: IssueSink, primary: boolean): void {
  seen.begin();
  for (let i = 0; i < cols.length; i++) {
    const k = keys[cols[i]!];
    if (k === undefined) return; // already a type error
    if (k === null) {
      if (primary) sink.add('primary-key-null', { fields: names.join(', ') }, { row: row.n, line: row.line, col: cols[i] });
      return; // unique keys skip rows with an empty part (Table Schema v2)
    }
    seen.feed(k);
  }
  if (seen.add(row.n, keys, cols)) seen.keep(row.n, cols.map((c) => keys[c]).join(', '));
}

/** After a sharded run, the text of keys repeated across shards is read back from the file. */
async function fillKeyTexts(info: SourceInfo, pk: KeyIndex, pkColumns: number[], uniques: { cols: number[]; seen: KeyIndex }[], lineOf: Map<number, number>, split: { byte: number; line: number }, room: number): Promise<void> {
  // only the repeats the report will keep (they are reported in this order, and the sink keeps the first `room`):
  // a table pasted twice has as many repeats as rows, nearly all of them only counted
  const missing: { d: Duplicate; cols: number[]; line: number }[] = [];
  for (const { cols, seen } of [...(pkColumns.length ? [{ cols: pkColumns, seen: pk }] : []), ...uniques]) {
    for (const d of seen.duplicates()) {
      if (room-- <= 0) break;
      if (d.value === '') missing.push({ d, cols, line: lineOf.get(d.row) ?? d.row });
    }
  }
  if (missing.length === 0) return;
  // (they are the other shard's rows: read from where it starts when they all are)
  const lines = missing.map((m) => m.line);
  const from = lines.every((l) => l > split.line) ? split : undefined;
  const texts = await readLines(info.path, info.encoding, new Set(lines), from);
  for (const { d, cols, line } of missing) {
    let cells: string[] = [];
    try {
      new CsvTokenizer(info.delimiter ?? ',').push(texts.get(line) ?? '', true, (c) => (cells = c));
    } catch {
      continue; // a key cell spanning lines: the message goes without the value
    }
    d.value = cols.map((c) => (cells[c] ?? '').trim()).join(', ');
  }
}

/** Reports the repeats a key index found (after the last row: the index sorts its log once). */
function reportDuplicates(seen: KeyIndex, cols: number[], names: string[], sink: IssueSink, primary: boolean, lines: Map<number, number>): void {
  for (const d of seen.duplicates()) {
    const line = lines.get(d.row);
    if (primary) sink.add('primary-key', { fields: names.join(', '), value: d.value, first: d.first }, { row: d.row, line, col: cols[0], value: d.value });
    else sink.add('unique-error', { first: d.first, field: names.join(', ') }, { row: d.row, line, col: cols[0], value: d.value });
  }
}

/**
 * A template with nothing filled in: the rows carry only their text labels at the left (months, region names) and
 * every column to their right, at least two and as many as the label columns, is empty.
 */
export function isEmptyTemplate(columns: ColumnSummary[]): boolean {
  const firstEmpty = columns.findIndex((c) => c.nonEmpty === 0);
  if (firstEmpty <= 0) return false;
  const labels = columns.slice(0, firstEmpty);
  const rest = columns.slice(firstEmpty);
  return labels.every((c) => c.type === 'string') && rest.every((c) => c.nonEmpty === 0) && rest.length >= 2 && rest.length >= labels.length;
}

/** File-level facts the reader recorded. */
function addSourceIssues(info: RowSource['info'], sink: IssueSink, allSheets: boolean): void {
  if (isUtf16(info.encoding)) sink.add('encoding-utf16', { encoding: info.encoding.toUpperCase() });
  else if (info.bom) sink.add('bom');
  if (info.encoding === 'windows-1252') sink.add('encoding-cp1252');
  if (info.format === 'csv' && info.delimiter && info.delimiter !== ',') {
    sink.add('csv-delimiter', { delimiter: info.delimiter === '\t' ? '@delim.tab' : `"${info.delimiter}"` });
  }
  if (info.format === 'csv' && info.finalNewline === false) sink.add('no-final-newline');
  if (info.lineEnding === 'mixed') sink.add('mixed-line-endings');
  const hidden = (info.sheets ?? []).filter((s) => s.state !== 'visible').map((s) => s.name);
  if (hidden.length) sink.add('hidden-sheet', { sheets: hidden.join(', ') });
  const others = (info.sheets ?? []).filter((s) => s.name !== info.sheet && s.state === 'visible' && s.empty !== true).map((s) => s.name);
  if (others.length && info.sheet && !allSheets) sink.add('other-sheets', { sheet: info.sheet, sheets: others.join(', ') });
  for (const note of info.notes) sink.add(note.code, note.params, note.row !== undefined || note.line !== undefined ? { row: note.row, line: note.line } : undefined);
}

function sortIssues<T extends { row?: number; col?: number }>(issues: T[]): T[] {
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => (a.issue.row ?? 0) - (b.issue.row ?? 0) || (a.issue.col ?? 0) - (b.issue.col ?? 0) || a.i - b.i)
    .map((x) => x.issue);
}

function rowText(row: RawRow): string {
  const text = row.cells.map((c) => c.trim()).filter(Boolean).join(' · ').replace(/\s+/g, ' ');
  return text.length > NOTE_TEXT_MAX ? text.slice(0, NOTE_TEXT_MAX - 1) + '…' : text;
}

function firstCol(row: RawRow): number {
  const i = row.cells.findIndex((c) => c.trim() !== '');
  return i < 0 ? 0 : i;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Consecutive blank rows spanning more than this (from–to apart by 20 or more: 21 rows) are one `blank-row` naming
 *  the range, whether they are blank lines or rows a workbook leaves out. */
const BLANK_RUN_RANGE = 20;

/** A run of consecutive blank rows being read; reported when it ends (before the next row's issues, so in order). */
class BlankRun {
  private from = 0;
  private to = 0;
  private readonly lines: (number | undefined)[] = [];

  constructor(private readonly sink: IssueSink) {}

  add(n: number, line: number | undefined): void {
    if (this.from !== 0 && n === this.to + 1) {
      this.to = n;
      if (this.lines.length <= BLANK_RUN_RANGE) this.lines.push(line);
      return;
    }
    this.end();
    this.from = this.to = n;
    this.lines.push(line);
  }

  end(): void {
    if (this.from === 0) return;
    reportBlankSpan(this.sink, this.from, this.to, (n) => this.lines[n - this.from]);
    this.from = this.to = 0;
    this.lines.length = 0;
  }
}

/**
 * Blank rows from…to (blank lines, or rows a workbook leaves out): one `blank-row` each when they span less than
 * BLANK_RUN_RANGE (those `reported` says), else one naming the range.
 */
function reportBlankSpan(sink: IssueSink, from: number, to: number, lineOf: (n: number) => number | undefined, reported: (n: number) => boolean = () => true): void {
  if (to - from < BLANK_RUN_RANGE) {
    for (let n = from; n <= to; n++) if (reported(n)) sink.add('blank-row', { row: n }, { row: n, line: lineOf(n) });
  } else sink.add('blank-row', { row: `${from}–${to}` }, { row: from, line: lineOf(from) });
}
