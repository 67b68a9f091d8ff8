/**
 * Unpivot: a wide layout (years, months or categories such as laki-laki/perempuan as columns) becomes the
 * standard's long format when the standard says which field holds them: the period field (`satudata.periode`)
 * or a field with an `enum`, absent from the file. Each such column gives its key (the year, the enum value)
 * and a value field: the one numeric field the file lacks, or the field the rest of the label names
 * ("Garis Kemiskinan Makanan 2023" → garis_kemiskinan_makanan, tahun=2023).
 */
import type { FieldDef, TableSchema } from '../standards/schema.js';
import type { StandardInfo } from '../standards/standard.js';
import { slug } from '../standards/slug.js';
import { fold } from '../read/words.js';
import type { TableHead } from './table.js';
import { leafLabel } from './layout.js';
import type { ColumnMap } from './rename.js';

export interface Unpivot {
  /** Field that receives the column's key (a year, an enum value). */
  keyField: number;
  /** Value fields filled from the columns. */
  valueFields: number[];
  /** One output row per key (in column order), each with the columns that feed its value fields. */
  groups: { key: string; cells: { col: number; field: number }[] }[];
}

const YEAR = /(?:^|[^\d])((?:19|20)\d{2})(?:[^\d]|$)/g;

const names = (f: FieldDef) => [slug(f.name), slug(f.title ?? '')].filter(Boolean);

export function detectUnpivot(t: TableHead, schema: TableSchema, info: StandardInfo | undefined, map: ColumnMap): Unpivot | null {
  const fields = schema.fields;
  const freeCols = t.layout.labels.map((_, c) => c).filter((c) => map.fieldOfColumn[c] === -1 && t.layout.labels[c]);
  const valueFields = fields.map((_, fi) => fi).filter((fi) => map.columnOfField[fi] === -1 && (fields[fi]!.type === 'integer' || fields[fi]!.type === 'number'));
  if (valueFields.length === 0 || freeCols.length < 2) return null;
  const keyCandidates = fields.map((_, fi) => fi).filter((fi) => map.columnOfField[fi] === -1 && !valueFields.includes(fi));
  for (const kf of keyCandidates) {
    const f = fields[kf]!;
    const isPeriod = info?.periode === f.name && (f.type === 'year' || f.type === 'integer');
    const enums = (f.constraints?.enum ?? []).map(String);
    if (!isPeriod && enums.length === 0) continue;
    const found: { col: number; key: string; rest: string }[] = [];
    for (const c of freeCols) {
      const label = t.layout.labels[c]!;
      if (isPeriod) {
        const years = [...label.matchAll(YEAR)].map((m) => m[1]!);
        if (years.length === 1) found.push({ col: c, key: years[0]!, rest: label.replace(years[0]!, ' ') });
      } else {
        const leaf = fold(leafLabel(t, c));
        const full = fold(label);
        const hit = enums.filter((e) => fold(e) === leaf || fold(e) === full || new RegExp(`(^| )${fold(e)}( |$)`).test(full));
        if (hit.length === 1) found.push({ col: c, key: hit[0]!, rest: full.replace(new RegExp(`(^| )${fold(hit[0]!)}( |$)`), ' ') });
      }
    }
    if (found.length < 2) continue;
    // the value field of each column
    const cells: { col: number; key: string; field: number }[] = [];
    for (const x of found) {
      let field = -1;
      if (valueFields.length === 1) field = valueFields[0]!;
      else {
        const full = slug(x.rest);
        const short = full.replace(/_(menurut|per|berdasarkan|di|pada|dalam)_.*$/, '');
        const hits = valueFields.filter((fi) => names(fields[fi]!).some((n) => [full, short].some((s) => s !== '' && (n === s || s.endsWith(`_${n}`)))));
        if (hits.length === 1) field = hits[0]!;
      }
      if (field >= 0) cells.push({ ...x, field });
    }
    const keys = [...new Set(cells.map((c) => c.key))];
    if (keys.length < 2) continue;
    // one column per (key, field)
    const seen = new Set(cells.map((c) => `${c.key}\u0000${c.field}`));
    if (seen.size !== cells.length) continue;
    return {
      keyField: kf,
      valueFields: [...new Set(cells.map((c) => c.field))],
      groups: keys.map((key) => ({ key, cells: cells.filter((c) => c.key === key).map(({ col, field }) => ({ col, field })) })),
    };
  }
  return null;
}
