/**
 * The Table: what a reader produces for one CSV file or one sheet.
 * Readers only read; they never emit issues. Facts they find (encoding, merges,
 * hidden rows, formula errors) are recorded here and turned into issues by checks.
 */
import type { TextEncoding } from './decode.js';

/** Kind of a cell as the source stored it. CSV cells are always `s`. */
export const enum CellKind {
  Empty = 0,
  String = 1,
  Number = 2,
  Boolean = 3,
  Date = 4,
  /** A formula error such as #N/A or #REF! (the text is in `cells`). */
  Error = 5,
}

/** One physical row. */
export interface RawRow {
  /** 1-based row number in the sheet; for CSV the 1-based record number. */
  n: number;
  /** For CSV: 1-based line where the record starts (differs from n after quoted newlines). */
  line?: number;
  /** Raw text of each cell, '' when empty. Numbers from spreadsheets as canonical JS text (`String(value)`),
   *  dates as ISO `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS`. */
  cells: string[];
  /** Only for spreadsheets: the cell kind per column. Undefined means every cell is text. */
  kinds?: CellKind[];
  /** Spreadsheet row hidden by the author. */
  hidden?: boolean;
  /** For CSV: the reader saw no '<' in the record, so no cell holds markup (the HTML check skips its cells). */
  noMarkup?: boolean;
}

/** A merged range, 1-based inclusive. */
export interface MergeRange {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface SheetInfo {
  name: string;
  /** 'visible' | 'hidden' | 'veryHidden' */
  state: string;
  /** Whether the sheet has any cell with a value (best effort; undefined when unknown). */
  empty?: boolean;
}

export type SourceFormat = 'csv' | 'xlsx' | 'xls' | 'html';

/** Facts about the source, known once reading has begun (some are completed at the end). */
export interface SourceInfo {
  path: string;
  format: SourceFormat;
  bytes: number;
  /** Sheet name for workbooks. */
  sheet?: string;
  /** All sheets of a workbook, in order. */
  sheets?: SheetInfo[];
  /** Text sources. */
  encoding?: TextEncoding;
  bom?: boolean;
  delimiter?: string;
  lineEnding?: 'crlf' | 'lf' | 'cr' | 'mixed';
  finalNewline?: boolean;
  /** Workbooks. Filled as the sheet is read (merges come after the rows in the XML). */
  merges: MergeRange[];
  dateSystem?: 1900 | 1904;
  /** HTML tables: colspan/rowspan ranges (not Excel merges, but they shape the header the same way). */
  spans?: MergeRange[];
  /** Number of columns the widest row had. */
  width?: number;
  /** Workbooks: the last row the sheet lists, even without values (formatted empty rows at the bottom). */
  lastRow?: number;
  /** Facts met while reading that checks turn into issues (code from the catalog). */
  notes: ReadNote[];
}

export interface ReadNote {
  code: string;
  params?: Record<string, string | number>;
  row?: number;
  line?: number;
}

/** A SHA-256 fed with a file's first `bytes` bytes. */
export interface HashPrefix {
  hash: import('node:crypto').Hash;
  bytes: number;
}

/** A reader's output before layout detection: rows in batches (batching keeps the per-row cost low). */
export interface RowSource {
  info: SourceInfo;
  /** Streams rows once, in order, in batches. */
  batches(): AsyncIterable<RawRow[]>;
  /** Releases file handles early (for errors / --max-errors). Safe to call twice. */
  close(): Promise<void>;
  /** CSV only: read no record after this one (the rest is validated by a second shard). */
  stopAfter?(record: number): void;
  /**
   * CSV only: hash the file's bytes as they are read (call before batches()). The returned function gives the
   * SHA-256 (hex) once the rows are read, or undefined when not every byte was read (a limit, a stop, a range).
   * A second shard (a range) hashes only when given the hash of the bytes before its range (`prefix`).
   */
  hashWhileReading?(prefix?: HashPrefix): () => string | undefined;
}

/** Raised by readers for input they cannot read. `code` is an issue code from the catalog. */
export class ReadError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(code);
    this.name = 'ReadError';
  }
}

/** Column letter for a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** A1 address of a 0-based column and 1-based row. */
export function cellAddress(col: number, row: number): string {
  return columnLetter(col) + row;
}
