/**
 * The one column matcher of the code base: which column feeds which standard field. Tried in order, each
 * step only on columns and fields still free: the exact name; the slug of the name or title; an Indonesian
 * the leaf of a merged header ("Jenis Kelamin › Laki-laki"); an Indonesian synonym the standard declares (`satudata:alias`);
 * a level word ("Kecamatan" → nama_kecamatan for names, kode_kecamatan for codes); a generic region label
 * bound to the code field's name; a code label; a close spelling. A candidate must fit the column's values
 * (a count field takes numbers, a code field codes). Two fields that fit equally are never guessed.
 */
import type { FieldDef, TableSchema } from '../standards/schema.js';
import { slug } from '../standards/slug.js';
import type { MatchHow } from './reading.js';

/** What the sample says about a column's values. */
export interface ColumnFacts {
  values: number;
  numeric: number;
  /** Cells shaped like region codes (Kemendagri or BPS). */
  codes: number;
}

export interface ColumnMatch {
  field: number;
  how?: MatchHow;
  candidates?: number[];
}

const YEAR = /(^|[^\d])(19|20)\d{2}([^\d]|$)/;
const REGION_CODE_LABELS = new Set(['kode', 'kode_wilayah', 'kode_daerah', 'kode_wil', 'kode_kemendagri', 'kode_kab_kota', 'kode_kabupaten_kota', 'kode_kecamatan', 'kode_desa', 'kode_desa_kelurahan', 'kode_kec', 'kode_kel']);
const REGION_NAME_LABELS: Record<string, string[]> = {
  any: ['nama_wilayah', 'wilayah', 'nama_daerah', 'daerah'],
  provinsi: ['provinsi', 'nama_provinsi'],
  kabupaten_kota: ['kabupaten_kota', 'kab_kota', 'kabupaten', 'kota', 'nama_kab_kota', 'nama_kabupaten_kota', 'wilayah_kabupaten_kota'],
  kecamatan: ['kecamatan', 'nama_kecamatan', 'kec'],
  desa_kelurahan: ['desa', 'kelurahan', 'desa_kelurahan', 'nama_desa', 'nama_kelurahan', 'nama_desa_kelurahan'],
};

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

export function aliasesOf(f: FieldDef): string[] {
  const a = f['satudata:alias'];
  return Array.isArray(a) ? a.filter((x): x is string => typeof x === 'string') : [];
}

export function isRegionCodeField(f: FieldDef): boolean {
  return (f['satudata:kode'] as { daftar?: string } | undefined)?.daftar === 'wilayah';
}

function isNumericField(f: FieldDef): boolean {
  return f.type === 'integer' || f.type === 'number';
}

/** Whether a column's sampled values can be this field's (type compatibility). */
export function fits(f: FieldDef, c: ColumnFacts | undefined): boolean {
  if (!c || c.values === 0) return true;
  if (isRegionCodeField(f)) return c.codes >= c.values * 0.6;
  if (isNumericField(f)) return c.numeric >= c.values * 0.6;
  if (f.type === 'year') return c.numeric >= c.values * 0.6;
  if (f.type === 'string' && /^nama_/.test(f.name)) return c.numeric < c.values * 0.5;
  return true;
}

/**
 * Matches the columns to the schema's fields. `parts` are the header cells of each column (top to bottom);
 * `facts` what the sample says of each column's values.
 */
export function matchColumns(labels: string[], parts: string[][], facts: ColumnFacts[], schema: TableSchema): ColumnMatch[] {
  const fields = schema.fields;
  const out: ColumnMatch[] = labels.map(() => ({ field: -1 }));
  const taken = fields.map(() => false);
  const fslug = fields.map((f) => slug(f.name));
  const tslug = fields.map((f) => (f.title ? slug(f.title) : ''));
  const aslug = fields.map((f) => aliasesOf(f).map(slug));
  const leafOf = (c: number) => slug(parts[c]?.at(-1) ?? '');
  const link = (c: number, fi: number, how: MatchHow) => {
    out[c] = { field: fi, how };
    taken[fi] = true;
  };
  const free = (c: number) => out[c]!.field === -1 && !out[c]!.candidates && !!labels[c];
  /** One step: the fields each free column could be; one → linked, several → a tie (unless one fits better). */
  const step = (how: MatchHow, cands: (c: number) => number[]) => {
    const found: [number, number[]][] = [];
    labels.forEach((_, c) => {
      if (!free(c)) return;
      let fis = [...new Set(cands(c))].filter((fi) => !taken[fi] && fits(fields[fi]!, facts[c]));
      if (fis.length > 1) {
        // a level word fits a name or a code field: the values decide
        const codes = (facts[c]?.codes ?? 0) >= (facts[c]?.values ?? 1) * 0.6 && (facts[c]?.values ?? 0) > 0;
        const narrowed = fis.filter((fi) => isRegionCodeField(fields[fi]!) === codes);
        if (narrowed.length >= 1) fis = narrowed;
      }
      if (fis.length) found.push([c, fis]);
    });
    // two columns claiming the same single field in one step: the first keeps it
    for (const [c, fis] of found) {
      const open = fis.filter((fi) => !taken[fi]);
      if (open.length === 1) link(c, open[0]!, how);
      else if (open.length > 1) out[c] = { field: -1, candidates: open };
    }
  };
  const all = fields.map((_, fi) => fi);
  // a label with a year ("Garis Kemiskinan 2022") is one column of a wide layout: only its exact name or slug maps it
  step('name', (c) => all.filter((fi) => fields[fi]!.name === labels[c]));
  step('slug', (c) => all.filter((fi) => fslug[fi] === slug(labels[c]!) || (tslug[fi] !== '' && tslug[fi] === slug(labels[c]!))));
  const yearLabel = (c: number) => YEAR.test(labels[c]!);
  step('leaf', (c) => {
    const leaf = leafOf(c);
    if (!leaf || yearLabel(c) || (parts[c]?.length ?? 0) < 2) return [];
    return all.filter((fi) => fslug[fi] === leaf || tslug[fi] === leaf);
  });
  step('alias', (c) => (yearLabel(c) ? [] : all.filter((fi) => aslug[fi]!.includes(slug(labels[c]!)) || (leafOf(c) !== '' && aslug[fi]!.includes(leafOf(c))))));
  const stripped = (s: string) => s.replace(/^(nama|kode)_/, '');
  step('level-word', (c) => {
    const s = slug(labels[c]!);
    const leaf = leafOf(c);
    if (yearLabel(c)) return [];
    return all.filter((fi) => stripped(fslug[fi]!) === s || (tslug[fi] !== '' && stripped(tslug[fi]!) === s) || stripped(fslug[fi]!) === leaf);
  });
  step('region-name', (c) => {
    const s = slug(labels[c]!);
    const out: number[] = [];
    for (const f of fields) {
      const k = f['satudata:kode'] as { daftar?: string; nama?: string; tingkat?: string } | undefined;
      if (k?.daftar !== 'wilayah' || !k.nama) continue;
      if ([...REGION_NAME_LABELS.any!, ...(REGION_NAME_LABELS[k.tingkat ?? ''] ?? [])].includes(s)) out.push(fields.findIndex((g) => g.name === k.nama));
    }
    return out.filter((fi) => fi >= 0);
  });
  step('region-code', (c) => (REGION_CODE_LABELS.has(slug(labels[c]!)) ? all.filter((fi) => isRegionCodeField(fields[fi]!)) : []));
  step('spelling', (c) => {
    if (yearLabel(c)) return [];
    const s = slug(labels[c]!);
    let best: number[] = [];
    let bestD = Infinity;
    all.forEach((fi) => {
      if (taken[fi]) return;
      const d = Math.min(levenshtein(s, fslug[fi]!), tslug[fi] ? levenshtein(s, tslug[fi]!) : Infinity);
      if (d > Math.max(1, Math.floor(fslug[fi]!.length * 0.2))) return;
      if (d < bestD) { bestD = d; best = [fi]; } else if (d === bestD) best.push(fi);
    });
    return best;
  });
  return out;
}

/** The closest unused label for a missing field (a rename hint), when one is close enough. */
export function closestLabel(name: string, labels: string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  const s = slug(name);
  for (const l of labels) {
    const d = levenshtein(s, slug(l));
    if (d < bestD) { bestD = d; best = l; }
  }
  return best !== null && bestD <= Math.max(3, Math.floor(s.length * 0.5)) ? best : null;
}
