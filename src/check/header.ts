/** Header checks: blank and duplicate labels, and the column mapping of the Reading (with rename suggestions). */
import type { TableSchema } from '../standards/schema.js';
import type { IssueSink } from './sink.js';
import { columnLetter } from '../read/table.js';
import { closestLabel } from '../interpret/match.js';
import { fieldMap } from '../interpret/interpret.js';
import type { Reading } from '../interpret/reading.js';

export interface HeaderMatch {
  /** Schema field index per column, -1 when the column has no field. */
  fieldOfColumn: number[];
  /** Column index per schema field, -1 when the field has no column. */
  columnOfField: number[];
}


/** Blank, duplicate and untidy labels. */
export function checkLabels(labels: string[], rawLabels: string[], headerRow: number | undefined, sink: IssueSink, mergedFromLeft?: Set<number>): void {
  const seen = new Map<string, number>();
  labels.forEach((label, i) => {
    const at = headerRow !== undefined ? { row: headerRow, col: i } : { col: i };
    // a header cell merged across from the column on its left shares that label: it is not unnamed
    if (!label && mergedFromLeft?.has(i)) return;
    if (!label) {
      sink.add('blank-label', { column: columnLetter(i) }, at);
      return;
    }
    const key = label.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) sink.add('duplicate-label', { label, other: columnLetter(other) }, { ...at, value: label });
    else seen.set(key, i);
    const raw = rawLabels[i] ?? label;
    // said as it is: where the spaces are (the label shown is the tidied one, so the message names them)
    const where = [
      ...(raw !== raw.trimStart() ? ['@ws.leading'] : []),
      ...(raw !== raw.trimEnd() ? ['@ws.trailing'] : []),
      ...(/[\r\n]/.test(raw.trim()) ? ['@ws.newline'] : []),
    ];
    if (where.length) sink.add('label-whitespace', { label, where: where.join('|') }, { ...at, value: raw });
  });
}

/**
 * Reports the column mapping the Reading decided (interpret/match.ts is the one matcher): labels that differ
 * from their field's name, required fields nothing supplies, columns with values no field takes (once each),
 * and ties between two fields.
 */
export function reportMapping(reading: Reading, schema: TableSchema, headerRow: number | undefined, sink: IssueSink): HeaderMatch {
  const fields = schema.fields;
  const { fieldOfColumn, columnOfField } = fieldMap(reading, schema);
  const at = (col: number) => (headerRow !== undefined ? { row: headerRow, col } : { col });
  for (const c of reading.columns) {
    if (c.field && c.label !== c.field) sink.add('incorrect-label', { label: shown(c), field: c.field }, { ...at(c.index), field: c.field, value: c.label });
    if (c.candidates) sink.add('mapping-ambiguous', { label: shown(c), choices: c.candidates.join(' / ') }, { ...at(c.index), value: c.label });
  }
  const unusedLabels = reading.columns.filter((c) => !c.field && c.label).map((c) => c.label);
  const mode = schema.fieldsMatch;
  // with a strict match every field the columns and titles do not supply is missing; else the required ones
  const fed = new Set(reading.constants.map((k) => k.field).filter(Boolean));
  const missing = mode === 'subset' || mode === 'partial'
    ? reading.missing
    : fields.filter((f, fi) => columnOfField[fi] === -1 && !fed.has(f.name)).map((f) => f.name);
  for (const name of missing) {
    const suggestion = closestLabel(name, unusedLabels);
    sink.add('missing-label', { field: name, suggestion: suggestion ? `@hint.rename:${suggestion}` : '' }, { field: name });
  }
  if (mode !== 'superset' && mode !== 'partial') {
    const severity = mode === 'exact' || mode === 'equal' || mode === 'subset' ? 'error' : undefined;
    const names = fields.filter((_, fi) => columnOfField[fi] === -1).map((f) => f.name);
    for (const c of reading.columns) {
      // an empty unmapped column, a row-number column and a tie (reported above) are not extra columns
      if (c.field || c.candidates || c.rowNumber || (c.values === 0 && !c.label) || (c.values === 0 && reading.rows.sampled > 0)) continue;
      sink.add('extra-label', { label: shown(c) || c.letter, fields: names.length ? names.join(', ') : fields.map((f) => f.name).join(', ') }, { ...at(c.index), value: c.label }, severity);
    }
  }
  return { fieldOfColumn, columnOfField };
}

/** A column's label as read: the header cells joined with " › ". */
export function shown(c: { label: string; parts: string[] }): string {
  return c.parts.length > 1 ? c.parts.join(' › ') : c.label;
}
