/**
 * The Reading: what one table means, decided once from evidence between `read` and `check`. Plain data
 * (printed in the JSON report as `interpretation`); `validate`, `fix`, `--annotate` and `package` use it.
 */

/** How a column was tied to a standard field (the evidence of the mapping). */
export type MatchHow = 'name' | 'title' | 'slug' | 'alias' | 'leaf' | 'level-word' | 'region-name' | 'region-code' | 'spelling';

/** How a numeric column's text is written. */
export type NumberStyle =
  | 'plain' // 1234, 12.5: nothing to convert
  | 'thousand-dots' // 45.210 (Indonesian groups, no decimals seen)
  | 'decimal-comma' // 64,06
  | 'dots-comma' // 1.234.567,89
  | 'thousand-comma' // 1,234,567
  | 'decimal-point' // 12.345 read as a decimal (declared decimals or other decimals in the column)
  | 'ambiguous' // the evidence does not decide (or conflicts): cells are not guessed
  | 'mixed'; // decimal point and decimal comma both used

export interface NumberConvention {
  style: NumberStyle;
  /** Decimal and group characters to read the column's texts with. */
  decimalChar: '.' | ',';
  groupChar: '' | '.' | ',';
  /** Why (keys of ui phrases `reading.ev.*`, with values). */
  evidence: string[];
  /** Cells whose reading stays undecided (ambiguous / mixed), e.g. `E7`. */
  conflicts?: string[];
  /** One example text. */
  example?: string;
  /** Text cells with currency or percent signs. */
  decorated?: number;
}

export interface ColumnReading {
  index: number;
  letter: string;
  /** The flattened label. */
  label: string;
  /** Header cells top to bottom, shown joined with " › ". */
  parts: string[];
  /** The standard field it feeds, when a standard is known. */
  field?: string;
  how?: MatchHow;
  /** Two or more fields fit equally well: never guessed. */
  candidates?: string[];
  /** Non-empty cells in the sample (data and total rows). */
  values: number;
  /** The column numbers the rows (1, 2, 3 …): not data. */
  rowNumber?: boolean;
  /** Number of sampled cells that read as numbers. */
  numeric: number;
  number?: NumberConvention;
  /** A column of a few repeated words (ADA / TIDAK ADA): its words are data, not missing markers. */
  category?: boolean;
  /** Placeholder texts used for missing values in this column (not categories). */
  markers?: string[];
  /** Region codes: which system the column is written in. */
  codes?: { system: 'kemendagri' | 'bps'; level?: string; count?: number; example?: string; evidence: string[] };
  /** The largest number of the sampled cells, read under the column's convention (the evidence for its unit). */
  largest?: { value: number; cell: string; text: string };
}

export interface ReadingConstant {
  /** What it is: the period (tahun), the region, a unit. */
  kind: 'tahun' | 'wilayah' | 'satuan';
  value: string;
  /** For wilayah: the region's name. */
  name?: string;
  /** The standard field it feeds, when a standard is known. */
  field?: string;
  /** Where it was found. */
  row: number;
  col: number;
  from: 'title' | 'header';
}

export interface StandardScore {
  id: string;
  score: number;
  /** Required fields supplied / all required. */
  required: string;
  /** Value columns mapped / all value columns. */
  columns: string;
}

export interface StandardChoiceReading {
  how: 'given' | 'matched' | 'none';
  id?: string;
  score?: number;
  runnerUp?: StandardScore;
  closest?: StandardScore[];
}

export interface Reading {
  columns: ColumnReading[];
  constants: ReadingConstant[];
  standard: StandardChoiceReading;
  /** Row numbers by role (from the layout and the sampled rows). */
  rows: { title: number[]; header: number[]; sampled: number };
  /** Required fields no column or constant supplies (with a standard). */
  missing: string[];
  /** Fields whose values are derived from a bound region code/name column. */
  derived: string[];
}

/** Column index per field and field index per column, from a Reading and its schema. */
export interface FieldMap {
  fieldOfColumn: number[];
  columnOfField: number[];
}
