/**
 * Region codes ↔ names through the kode referensi (Kepmendagri): a missing code is filled from the name,
 * and a missing name from the code, only when the match is unique (within the coverage when known).
 * A name that matches several regions, or none, is listed for the user.
 */
import { findByName, foldRegion, levelOfCode, region, type Level } from '../standards/regions.js';
import type { FieldDef, TableSchema } from '../standards/schema.js';
import type { RawRow } from '../read/table.js';
import { matchRegionName } from '../standards/region-names.js';

export interface RegionBinding {
  codeField: number;
  nameField: number;
  level: Level;
}

export function regionBindings(schema: TableSchema): RegionBinding[] {
  const out: RegionBinding[] = [];
  schema.fields.forEach((f: FieldDef, fi) => {
    const k = f['satudata:kode'] as { daftar?: string; tingkat?: Level; nama?: string } | undefined;
    if (k?.daftar !== 'wilayah' || !k.tingkat) return;
    const nameField = k.nama ? schema.fields.findIndex((g) => g.name === k.nama) : -1;
    out.push({ codeField: fi, nameField, level: k.tingkat });
  });
  return out;
}

/** `official` with `former`: the name was a former official name of the region (renamed, not misspelled). */
export type NameLookup = { code: string; official?: string; former?: boolean } | { choices: string[] } | { none: true; closest?: string };

/**
 * The code of a region name. `siblings` (the column's other names, folded) let a bare "Bima" beside "Kota Bima"
 * be the kabupaten; `area` (the parent most of the column's names share) is tried before everywhere.
 * A name found only once spaces and punctuation are folded ("Gunung Sari") also gives the official spelling.
 */
export function codeForName(name: string, level: Level, within: string | undefined, siblings?: Set<string>, area?: string): NameLookup {
  let hits = findByName(name, level, within);
  if (hits.length > 1) {
    // "Kota Solok" names one of Kab. Solok / Kota Solok exactly
    const exact = hits.filter((r) => foldRegion(r.name) === foldRegion(name));
    if (exact.length === 1) hits = exact;
  }
  if (hits.length === 1) return { code: hits[0]!.code };
  for (const where of [...new Set([area, within].filter((x): x is string => !!x)), within ? null : '']) {
    if (where === null) continue;
    const m = matchRegionName(name, level, where, siblings);
    if (m.kind === 'exact') return { code: m.region.code };
    if (m.kind === 'spelling') return { code: m.region.code, official: m.region.name };
    if (m.kind === 'former') return { code: m.region.code, official: m.region.name, former: true };
    if (m.kind === 'unknown' && where === (within ?? '')) {
      if (hits.length > 1) break;
      return { none: true, closest: m.closest.map((r) => `${r.name} (${r.code})`).join(', ') };
    }
  }
  if (hits.length > 1) return { choices: hits.slice(0, 5).map((r) => `${r.code} ${r.name}`) };
  return { none: true };
}

/** The name of a code at the expected level (a kab/kota code in a kecamatan column names nothing). */
export function nameForCode(code: string, level: Level): string | undefined {
  if (levelOfCode(code) !== level) return undefined;
  return region(code)?.name;
}

export { coverageFromTitles, yearFromTitles } from '../interpret/constants.js';
