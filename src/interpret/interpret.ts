/**
 * The interpretation stage: from the read table (its layout and a bounded sample of rows) and the standard
 * when known, decide once what each column means (field, number convention, markers, code system), which
 * constants the titles give, and what the standard does not get.
 */
import type { RawRow, SourceInfo } from '../read/table.js';
import type { Layout } from '../read/layout.js';
import type { TableSchema } from '../standards/schema.js';
import { primaryKeyOf } from '../standards/schema.js';
import { decide } from './conventions.js';
import { findConstants } from './constants.js';
import { prepare, type Prepared } from './facts.js';
import { matchColumns } from './match.js';
import { largestOf } from './units.js';
import type { ColumnReading, FieldMap, Reading, StandardChoiceReading } from './reading.js';

export { prepare, type Prepared };

export function interpret(layout: Layout, sample: RawRow[], info: SourceInfo, schema?: TableSchema, standard?: StandardChoiceReading): Reading {
  return readWith(prepare(layout, sample, info), schema, standard);
}

/** The Reading of prepared facts under a schema (or none). */
export function readWith(p: Prepared, schema?: TableSchema, standard: StandardChoiceReading = { how: 'none' }): Reading {
  const { layout } = p;
  const fields = schema?.fields ?? [];
  const matches = schema ? matchColumns(layout.labels, p.columns.map((c) => c.parts), p.columns, schema) : [];
  const headerRow = layout.headerRows.at(-1);
  const constants = findConstants(layout.titleRows, layout.labels, headerRow);
  const columns: ColumnReading[] = p.columns.map((c) => {
    const m = matches[c.index];
    const f = m && m.field >= 0 ? fields[m.field] : undefined;
    const number = decide(c.numbers, {
      ...(f?.type ? { type: f.type } : {}),
      ...(f && (f.decimalChar !== undefined || f.groupChar !== undefined) ? { declared: { decimalChar: f.decimalChar ?? '.', groupChar: f.groupChar ?? '' } } : {}),
      fileLocale: p.fileLocale,
    });
    return {
      index: c.index,
      letter: c.letter,
      label: c.label,
      parts: c.parts,
      ...(f ? { field: f.name, how: m!.how } : {}),
      ...(m?.candidates ? { candidates: m.candidates.map((fi) => fields[fi]!.name) } : {}),
      values: c.values,
      numeric: c.numeric,
      ...(c.rowNumber ? { rowNumber: true } : {}),
      ...(number ? { number } : {}),
      ...(c.category ? { category: true } : {}),
      // placeholders stand for numbers: a text column (a name, a category) keeps its words as data
      ...(c.markers.length && (f ? f.type !== 'string' : c.numeric > 0) ? { markers: c.markers } : {}),
      ...(c.codeSystem ? { codes: c.codeSystem } : {}),
      ...largestOf(c, number),
    };
  });
  const missing: string[] = [];
  const derived: string[] = [];
  if (schema) {
    const mapped = new Set(columns.map((c) => c.field).filter((x): x is string => !!x));
    // constants feed the period and region fields the columns do not
    const periode = (schema.satudata as { periode?: string } | undefined)?.periode;
    for (const k of constants) {
      if (k.kind === 'tahun') {
        const f = fields.find((fd) => !mapped.has(fd.name) && (fd.name === periode || fd.type === 'year' || fd.name === 'tahun'));
        if (f) k.field = f.name;
      }
    }
    const fed = new Set([...mapped, ...constants.map((k) => k.field).filter((x): x is string => !!x)]);
    // a region code bound to a name: either one derives the other
    for (const f of fields) {
      const b = f['satudata:kode'] as { daftar?: string; nama?: string } | undefined;
      if (b?.daftar !== 'wilayah' || !b.nama) continue;
      if (fed.has(f.name) && !fed.has(b.nama)) derived.push(b.nama);
      if (fed.has(b.nama) && !fed.has(f.name)) derived.push(f.name);
    }
    const keys = new Set([...primaryKeyOf(schema), ...(schema.uniqueKeys ?? []).flat()]);
    for (const f of fields) {
      if (fed.has(f.name)) continue;
      if (f.constraints?.required === true || keys.has(f.name)) missing.push(f.name);
    }
  }
  return {
    columns,
    constants,
    standard,
    rows: { title: layout.titleRows.map((r) => r.n), header: layout.headerRows, sampled: p.sampled },
    missing,
    derived,
  };
}

/** Field index per column and column per field of a Reading under its schema. */
export function fieldMap(reading: Reading, schema: TableSchema): FieldMap {
  const columnOfField = schema.fields.map(() => -1);
  const fieldOfColumn = reading.columns.map((c) => {
    if (!c.field) return -1;
    const fi = schema.fields.findIndex((f) => f.name === c.field);
    if (fi >= 0) columnOfField[fi] = c.index;
    return fi;
  });
  return { fieldOfColumn, columnOfField };
}
