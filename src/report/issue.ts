import type { Reading } from '../interpret/reading.js';
/** The Issue and Report model shared by checks, formatters, package, push and audit. */

export type Severity = 'error' | 'warning' | 'info';

export type IssueParams = Record<string, string | number>;

/** One problem found. Wording is rendered late, from the catalog, in the chosen language. */
export interface Issue {
  code: string;
  severity: Severity;
  params?: IssueParams;
  /** Sheet name for workbooks. */
  sheet?: string;
  /** A1 address (without the sheet), e.g. `C15`. */
  cell?: string;
  /** 1-based row number in the sheet or record number in the CSV. */
  row?: number;
  /** For CSV: 1-based line where the record starts. */
  line?: number;
  /** 1-based column number. */
  col?: number;
  field?: string;
  value?: string;
}

export interface TableStats {
  rows: number;
  dataRows: number;
  errors: number;
  warnings: number;
  infos: number;
  seconds: number;
  bytes: number;
  sha256?: string;
  fields: number;
}

/** Result for one table (a CSV file or one sheet). */
export interface TableReport {
  path: string;
  sheet?: string;
  format?: string;
  valid: boolean;
  /** The file could not be read at all (exit code 2). */
  unreadable?: boolean;
  /** The standard or schema used, when any (and how it was chosen). */
  standard?: { id?: string; title?: string; path?: string; version?: string; matched?: string };
  /** Editions of the code lists the checks used, e.g. { wilayah: "kepmendagri-300.2.2-2138-2025" }. */
  references?: Record<string, string>;
  /** Where the dataset's metadata came from. */
  metadata?: { source: string; sheet?: string };
  labels: string[];
  /** Layout found: which rows are header, data, title, totals, footnotes. */
  layout?: LayoutSummary;
  /** Without a schema: what each column looks like. */
  columns?: ColumnSummary[];
  /** Other sheets of the workbook that were not validated. */
  otherSheets?: string[];
  /** How the table was read (interpret/): column mapping, number conventions, constants, standard choice. */
  interpretation?: Reading;
  stats: TableStats;
  issues: Issue[];
  /** True when --max-errors cut the list. */
  truncated?: boolean;
}

export interface LayoutSummary {
  headerRows: number[];
  titleRows: number[];
  dataRows: { first: number; last: number } | null;
  totalRows: number[];
  footnoteRows: number[];
  blankRows: number[];
  signatureRows: number[];
}

export interface ColumnSummary {
  index: number;
  letter: string;
  label: string;
  type: string;
  nonEmpty: number;
  /** e.g. decimal comma / thousand dots decided for the column. */
  numberStyle?: string;
  example?: string;
}

export interface Report {
  valid: boolean;
  tool: { name: string; version: string };
  lang: string;
  stats: { tables: number; errors: number; warnings: number; infos: number; seconds: number };
  tables: TableReport[];
}

export const SEVERITY_RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };
