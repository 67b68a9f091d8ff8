/**
 * Column mapping: which source column feeds which standard field. Labels are matched like `validate` does
 * (name, slug/title, close spelling), then by the leaf of a merged header ("Jenis Kelamin › Laki-laki") and
 * by the title without "Nama"/"Kode" ("Kecamatan" → nama_kecamatan when the column holds names). A label
 * that fits two fields equally is not guessed.
 */
import { matchHeader } from '../check/header.js';
import { IssueSink } from '../check/sink.js';
import { slug } from '../standards/slug.js';
import { primaryKeyOf, type TableSchema } from '../standards/schema.js';
import { normaliseCode } from '../standards/regions.js';
import type { LoadedTable } from './table.js';
import { RowKind } from './table.js';
import { at, leafLabel } from './layout.js';
import { isCodeField } from './values.js';
import type { Change, FixProblem } from './types.js';

const YEAR = /(^|[^\d])(19|20)\d{2}([^\d]|$)/;

const REGION_CODE_LABELS = new Set(['kode', 'kode_wilayah', 'kode_daerah', 'kode_wil', 'kode_kemendagri', 'kode_kab_kota', 'kode_kabupaten_kota', 'kode_kecamatan', 'kode_desa', 'kode_desa_kelurahan']);

/** Labels that name the region-name column: generic ones at any level, level words only at their level. */
const REGION_NAME_LABELS: Record<string, string[]> = {
  any: ['nama_wilayah', 'wilayah', 'nama_daerah', 'daerah'],
  provinsi: ['provinsi', 'nama_provinsi'],
  kabupaten_kota: ['kabupaten_kota', 'kab_kota', 'kabupaten', 'kota', 'nama_kab_kota', 'nama_kabupaten_kota', 'wilayah_kabupaten_kota'],
  kecamatan: ['kecamatan', 'nama_kecamatan'],
  desa_kelurahan: ['desa', 'kelurahan', 'desa_kelurahan', 'nama_desa', 'nama_kelurahan', 'nama_desa_kelurahan'],
};

export interface ColumnMap {
  /** Field index per column, -1 when the column feeds no field. */
  fieldOfColumn: number[];
  /** Column per field, -1 when absent. */
  columnOfField: number[];
}

export function mapColumns(t: LoadedTable, schema: TableSchema, problems: FixProblem[]): ColumnMap {
  const labels = t.layout.labels;
  const m = matchHeader(labels, schema, undefined, new IssueSink(0));
  const fieldOfColumn = [...m.fieldOfColumn];
  const columnOfField = [...m.columnOfField];
  const fields = schema.fields;
  // a label with a year ("Garis Kemiskinan Makanan 2022") that only resembles a field is one column of a
  // wide layout, not that field: leave it to unpivot
  labels.forEach((label, c) => {
    const fi = fieldOfColumn[c]!;
    if (fi < 0 || !YEAR.test(label)) return;
    const f = fields[fi]!;
    if (label === f.name || slug(label) === slug(f.name) || slug(label) === slug(f.title ?? '')) return;
    fieldOfColumn[c] = -1;
    columnOfField[fi] = -1;
  });
  const free = (fi: number) => columnOfField[fi] === -1;
  const stripped = (s: string) => s.replace(/^(nama|kode)_/, '');
  for (let c = 0; c < labels.length; c++) {
    if (fieldOfColumn[c] !== -1 || !labels[c]) continue;
    const leaf = slug(leafLabel(t, c));
    let cands = fields.map((_, fi) => fi).filter((fi) => free(fi) && leaf !== '' && (slug(fields[fi]!.name) === leaf || slug(fields[fi]!.title ?? '') === leaf));
    if (cands.length === 0) {
      const s = slug(labels[c]!);
      cands = fields.map((_, fi) => fi).filter((fi) => free(fi) && (stripped(slug(fields[fi]!.name)) === s || stripped(slug(fields[fi]!.title ?? '')) === s || stripped(slug(fields[fi]!.name)) === leaf));
      if (cands.length > 1) {
        const codes = codeShare(t, c);
        const narrowed = cands.filter((fi) => isCodeField(fields[fi]!) === codes);
        if (narrowed.length >= 1) cands = narrowed;
      }
    }
    if (cands.length === 0) {
      // "Nama Wilayah", "Wilayah", "Kabupaten/Kota": the region name field the standard binds to its code
      const s = slug(labels[c]!);
      const bound = fields
        .map((f) => f['satudata:kode'] as { daftar?: string; nama?: string; tingkat?: string } | undefined)
        .filter((k) => k?.daftar === 'wilayah' && k.nama && [...REGION_NAME_LABELS.any!, ...(REGION_NAME_LABELS[k.tingkat ?? ''] ?? [])].includes(s))
        .map((k) => fields.findIndex((f) => f.name === k!.nama));
      if (bound.length && !codeShare(t, c)) cands = bound.filter((fi) => fi >= 0 && free(fi));
    }
    if (cands.length === 0 && REGION_CODE_LABELS.has(slug(labels[c]!)) && codeShare(t, c)) {
      // "Kode", "Kode Wilayah": the region code field
      cands = fields.map((_, fi) => fi).filter((fi) => free(fi) && isCodeField(fields[fi]!));
    }
    if (cands.length === 1) {
      fieldOfColumn[c] = cands[0]!;
      columnOfField[cands[0]!] = c;
    } else if (cands.length > 1) {
      problems.push({ code: 'fix-ambiguous', severity: 'error', params: { value: labels[c]!, choices: cands.map((fi) => fields[fi]!.name).join(', ') }, cell: at(undefined, c, t.layout.headerRows.at(-1) ?? 1), row: t.layout.headerRows.at(-1), col: c + 1, value: labels[c]! });
    }
  }
  return { fieldOfColumn, columnOfField };
}

/** Longest column label quoted in an unmapped-fields problem, and how many labels at most. */
const LABEL_CHARS = 80;
const LABELS_SHOWN = 12;

/**
 * The fields of the standard the file cannot feed: required and key fields without a source (`fed[fi]` false:
 * no column, no unpivot, no --set or title value, not derivable from a region code or name). When no field at
 * all is fed from the file, every field without a source. Null when nothing is missing.
 */
export function unmappedFields(t: LoadedTable, schema: TableSchema, fed: boolean[], fromFile: boolean[]): FixProblem | null {
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

/** Whether a column mostly holds region codes. */
function codeShare(t: LoadedTable, c: number): boolean {
  let codes = 0;
  let filled = 0;
  for (const { row, kind } of t.rows) {
    if (kind !== RowKind.Data) continue;
    const v = (row.cells[c] ?? '').trim();
    if (!v) continue;
    filled++;
    if (normaliseCode(v)) codes++;
  }
  return filled > 0 && codes >= filled * 0.8;
}

/** rename-column and drop-column changes for the header. */
export function renameChanges(t: LoadedTable, schema: TableSchema, map: ColumnMap, unpivoted: Set<number>): Change[] {
  const headerRow = t.layout.headerRows.at(-1) ?? 1;
  const out: Change[] = [];
  t.layout.labels.forEach((label, c) => {
    const fi = map.fieldOfColumn[c]!;
    if (unpivoted.has(c)) return;
    if (fi >= 0) {
      const name = schema.fields[fi]!.name;
      if (name !== label) out.push({ cell: at(t.info.sheet, c, headerRow), rule: 'rename-column', old: label, new: name });
    } else if (label || columnFilled(t, c)) {
      out.push({ cell: at(t.info.sheet, c, headerRow), rule: 'drop-column', old: label, new: '' });
    }
  });
  return out;
}

function columnFilled(t: LoadedTable, c: number): boolean {
  return t.rows.some((r) => r.kind === RowKind.Data && (r.row.cells[c] ?? '').trim() !== '');
}
