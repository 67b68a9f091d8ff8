/** Header checks: blank and duplicate labels, and matching labels to schema fields (with rename suggestions). */
import type { TableSchema } from '../standards/schema.js';
import type { IssueSink } from './sink.js';
import { columnLetter } from '../read/table.js';
import { slug } from '../standards/slug.js';

export interface HeaderMatch {
  /** Schema field index per column, -1 when the column has no field. */
  fieldOfColumn: number[];
  /** Column index per schema field, -1 when the field has no column. */
  columnOfField: number[];
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** Blank, duplicate and untidy labels. */
export function checkLabels(labels: string[], rawLabels: string[], headerRow: number | undefined, sink: IssueSink): void {
  const seen = new Map<string, number>();
  labels.forEach((label, i) => {
    const at = headerRow !== undefined ? { row: headerRow, col: i } : { col: i };
    if (!label) {
      sink.add('blank-label', { column: columnLetter(i) }, at);
      return;
    }
    const key = label.toLowerCase();
    const other = seen.get(key);
    if (other !== undefined) sink.add('duplicate-label', { label, other: columnLetter(other) }, { ...at, value: label });
    else seen.set(key, i);
    const raw = rawLabels[i] ?? label;
    if (raw !== raw.trim() || /[\r\n]/.test(raw)) sink.add('label-whitespace', { label }, { ...at, value: raw });
  });
}

/** Maps columns to fields by name, then by slug/title, then by a close spelling; reports what does not fit. */
export function matchHeader(labels: string[], schema: TableSchema, headerRow: number | undefined, sink: IssueSink): HeaderMatch {
  const fields = schema.fields;
  const fieldOfColumn = labels.map(() => -1);
  const columnOfField = fields.map(() => -1);
  const link = (col: number, f: number): void => {
    fieldOfColumn[col] = f;
    columnOfField[f] = col;
  };
  // 1. exact names
  labels.forEach((label, col) => {
    const f = fields.findIndex((fd, fi) => columnOfField[fi] === -1 && fd.name === label);
    if (f >= 0) link(col, f);
  });
  // 2. same slug (case, spaces, punctuation, units) as the name or the title
  const renamed: [number, number][] = [];
  labels.forEach((label, col) => {
    if (fieldOfColumn[col] !== -1 || !label) return;
    const s = slug(label);
    const f = fields.findIndex((fd, fi) => columnOfField[fi] === -1 && (slug(fd.name) === s || (fd.title !== undefined && slug(fd.title) === s)));
    if (f >= 0) {
      link(col, f);
      renamed.push([col, f]);
    }
  });
  // 3. close spelling (edit distance within 20% of the length, at least 1)
  labels.forEach((label, col) => {
    if (fieldOfColumn[col] !== -1 || !label) return;
    const s = slug(label);
    let best = -1;
    let bestD = Infinity;
    fields.forEach((fd, fi) => {
      if (columnOfField[fi] !== -1) return;
      const d = Math.min(levenshtein(s, slug(fd.name)), fd.title ? levenshtein(s, slug(fd.title)) : Infinity);
      if (d < bestD) { bestD = d; best = fi; }
    });
    if (best >= 0 && bestD <= Math.max(1, Math.floor(slug(fields[best]!.name).length * 0.2))) {
      link(col, best);
      renamed.push([col, best]);
    }
  });
  const at = (col: number) => (headerRow !== undefined ? { row: headerRow, col } : { col });
  for (const [col, f] of renamed) {
    sink.add('incorrect-label', { label: labels[col]!, field: fields[f]!.name }, { ...at(col), field: fields[f]!.name, value: labels[col]! });
  }
  const mode = schema.fieldsMatch;
  const keyFields = new Set([...(schema.primaryKey ? [schema.primaryKey].flat() : []), ...(schema.uniqueKeys ?? []).flat()]);
  const unusedLabels = labels.map((l, i) => (fieldOfColumn[i] === -1 && l ? l : null)).filter((l): l is string => l !== null);
  fields.forEach((fd, fi) => {
    if (columnOfField[fi] !== -1) return;
    const needed = fd.constraints?.required === true || keyFields.has(fd.name);
    if ((mode === 'subset' || mode === 'partial') && !needed) return;
    const suggestion = closest(fd.name, unusedLabels);
    sink.add('missing-label', { field: fd.name, suggestion: suggestion ? `@hint.rename:${suggestion}` : '' }, { field: fd.name });
  });
  if (mode !== 'superset' && mode !== 'partial') {
    const severity = mode === 'exact' || mode === 'equal' || mode === 'subset' ? 'error' : undefined;
    const names = fields.filter((_, fi) => columnOfField[fi] === -1).map((f) => f.name);
    labels.forEach((label, col) => {
      if (fieldOfColumn[col] !== -1 || !label) return;
      sink.add('extra-label', { label, fields: names.length ? names.join(', ') : fields.map((f) => f.name).join(', ') }, { ...at(col), value: label }, severity);
    });
  }
  return { fieldOfColumn, columnOfField };
}

function closest(name: string, labels: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  const s = slug(name);
  for (const l of labels) {
    const d = levenshtein(s, slug(l));
    if (d < bestD) { bestD = d; best = l; }
  }
  return best !== null && bestD <= Math.max(3, Math.floor(s.length * 0.5)) ? best : null;
}
