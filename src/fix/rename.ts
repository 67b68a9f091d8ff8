/**
 * Column mapping for fix: the Reading's (interpret/match.ts, the one matcher `validate` uses too). A column
 * two fields fit equally is not guessed: it is a fix-ambiguous problem naming both.
 */
import { cellAddress } from '../read/table.js';
import { primaryKeyOf, type TableSchema } from '../standards/schema.js';
import { fieldMap } from '../interpret/interpret.js';
import type { Reading } from '../interpret/reading.js';
import type { TableHead } from './table.js';
import { at } from './layout.js';
import type { Change, FixProblem } from './types.js';

export interface ColumnMap {
  /** Field index per column, -1 when the column feeds no field. */
  fieldOfColumn: number[];
  /** Column per field, -1 when absent. */
  columnOfField: number[];
}

export function mapColumns(t: TableHead, schema: TableSchema, reading: Reading, problems: FixProblem[]): ColumnMap {
  const headerRow = t.layout.headerRows.at(-1) ?? 1;
  for (const c of reading.columns) {
    if (!c.candidates) continue;
    problems.push({ code: 'fix-ambiguous', severity: 'error', params: { value: c.label, choices: c.candidates.join(', ') }, cell: at(undefined, c.index, headerRow), row: headerRow, col: c.index + 1, value: c.label });
  }
  return fieldMap(reading, schema);
}

/** Longest column label quoted in an unmapped-fields problem, and how many labels at most. */
const LABEL_CHARS = 80;
const LABELS_SHOWN = 12;

/**
 * The fields of the standard the file cannot feed: required and key fields without a source (`fed[fi]` false:
 * no column, no unpivot, no --set or title value, not derivable from a region code or name). When no field at
 * all is fed from the file, every field without a source. Null when nothing is missing.
 */
export function unmappedFields(t: TableHead, schema: TableSchema, fed: boolean[], fromFile: boolean[]): FixProblem | null {
  const keys = new Set([...primaryKeyOf(schema), ...(schema.uniqueKeys ?? []).flat()]);
  const fields = schema.fields;
  const nothing = !fromFile.some(Boolean);
  const missing = fields.filter((f, fi) => !fed[fi] && (nothing || f.constraints?.required === true || keys.has(f.name)));
  if (missing.length === 0) return null;
  const shown = [...new Set(t.layout.labels.map((l) => l.replace(/\s+/g, ' ').trim()).filter(Boolean))];
  // a flattened merged header differs at its end ("… Perkotaan 2023 Semester 1 (Maret)"): keep both ends
  const head = Math.floor(LABEL_CHARS * 0.35);
  const quote = (l: string) => `"${l.length > LABEL_CHARS ? `${l.slice(0, head).trimEnd()} … ${l.slice(l.length - (LABEL_CHARS - head - 3)).trimStart()}` : l}"`;
  const labels = shown.length === 0 ? '—' : shown.slice(0, LABELS_SHOWN).map(quote).join(', ') + (shown.length > LABELS_SHOWN ? `, … (+${shown.length - LABELS_SHOWN})` : '');
  const headerRow = t.layout.headerRows.at(-1);
  return {
    code: 'fix-unmapped-fields',
    severity: 'error',
    params: { fields: missing.map((f) => f.name).join(', '), labels, note: nothing ? '@fix.note.nothing-mapped' : '' },
    ...(t.info.sheet ? { sheet: t.info.sheet } : {}),
    ...(headerRow !== undefined ? { row: headerRow } : {}),
  };
}

/** rename-column and drop-column changes for the header. */
export function renameChanges(t: TableHead, schema: TableSchema, map: ColumnMap, unpivoted: Set<number>, filled: number[]): Change[] {
  const headerRow = t.layout.headerRows.at(-1) ?? 1;
  const out: Change[] = [];
  t.layout.labels.forEach((label, c) => {
    const fi = map.fieldOfColumn[c]!;
    if (unpivoted.has(c)) return;
    if (fi >= 0) {
      const name = schema.fields[fi]!.name;
      if (name !== label) out.push({ cell: at(t.info.sheet, c, headerRow), rule: 'rename-column', old: label, new: name });
    } else if (label || (filled[c] ?? 0) > 0) {
      out.push({ cell: at(t.info.sheet, c, headerRow), rule: 'drop-column', old: label, new: '' });
    }
  });
  return out;
}

/** Columns that hold values but map to no field (nor feed an unpivot): their letter, label and count of values
 *  (`filled`: per column, the data rows with a value there). */
export function unmappedColumns(t: TableHead, map: ColumnMap, unpivoted: Set<number>, filled: number[]): { column: string; label: string; values: number }[] {
  const out: { column: string; label: string; values: number }[] = [];
  t.layout.labels.forEach((label, c) => {
    if (map.fieldOfColumn[c] !== -1 || unpivoted.has(c)) return;
    const values = filled[c] ?? 0;
    if (values > 0) out.push({ column: cellAddress(c, 1).replace(/\d+$/, ''), label, values });
  });
  return out;
}
