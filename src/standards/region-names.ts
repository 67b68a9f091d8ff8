/**
 * Region names the way the reference spells them. Names are compared after folding case, spaces,
 * punctuation and the administrative prefix ("Kab.", "Kabupaten", "Kota", "Kec.", "Desa", "Kelurahan"):
 *
 *   - the same name up to case and prefix ("KAB. LOMBOK BARAT" = "Kabupaten Lombok Barat") is the name;
 *   - the same letters spelled with other spaces or punctuation ("Gunung Sari" / "Gunungsari",
 *     "Prajurit Kulon" / "Prajuritkulon") is a spelling to correct: `region-name-spelling`, never silently
 *     equal and never "not found";
 *   - anything else is unknown, with the three closest official names within the parent area.
 *
 * The file's context settles the rest: the parent area most of a column's names share, the cakupan, and the
 * BPS convention that a bare "Bima" beside a "Kota Bima" row is the kabupaten.
 * Uses only the public functions of regions.ts.
 */
import { childrenOf, foldRegion, levelOfCode, nameKeys, otherNames, region, type Level, type OtherNameKind, type Region } from './regions.js';

/** The administrative prefix a name carries, folded ("kota" matters: Kota Bima is not Kabupaten Bima). */
export function namePrefix(name: string): 'kabupaten' | 'kota' | 'kecamatan' | 'desa' | 'kelurahan' | 'provinsi' | null {
  const m = /^(kabupaten|kota|kecamatan|desa|kelurahan|provinsi) /.exec(foldRegion(name));
  return (m?.[1] as ReturnType<typeof namePrefix>) ?? null;
}

/** The name without prefix, case, spaces or punctuation: "Kec. Gunung Sari" → "gunungsari". */
export function compactName(name: string): string {
  const keys = nameKeys(name);
  return keys[keys.length - 1]!.replace(/ /g, '');
}

/**
 * The compact keys a name is looked up by, in order: without its prefix, then whole — a "Kota" that is part of
 * the name ("Kota Baru" for Kotabaru, "Kota Waringin Barat" for Kotawaringin Barat) is not the kind word.
 */
function compactKeys(name: string): string[] {
  const bare = compactName(name);
  const whole = foldRegion(name).replace(/ /g, '');
  return whole !== bare ? [bare, whole] : [bare];
}

export type NameMatch =
  | { kind: 'exact'; region: Region }
  | { kind: 'spelling'; region: Region }
  /** A former official name of the region (other-names.csv): said, and renamed by fix. */
  | { kind: 'former'; region: Region }
  | { kind: 'ambiguous'; regions: Region[] }
  | { kind: 'unknown'; closest: Region[] };

const compactIndexes = new Map<string, Map<string, Region[]>>();

/** Regions of a level (under a parent code, or all) by compact name; built once per level and area. */
function compactIndex(level: Level, within: string): Map<string, Region[]> {
  const key = `${level}|${within}`;
  let idx = compactIndexes.get(key);
  if (!idx) {
    idx = new Map();
    for (const r of childrenOf(within, level)) {
      if (within && !r.code.startsWith(within)) continue;
      const k = compactName(r.name);
      const list = idx.get(k);
      if (list) list.push(r);
      else idx.set(k, [r]);
    }
    compactIndexes.set(key, idx);
  }
  return idx;
}

/** Every region of a level (within an area, '' for everywhere) whose compact name is the given name's. */
export function regionsByCompactName(name: string, level: Level, within = ''): Region[] {
  const idx = compactIndex(level, within);
  for (const k of compactKeys(name)) {
    const hits = idx.get(k);
    if (hits) return hits;
  }
  return [];
}

const otherIndexes = new Map<Level, Map<string, { region: Region; kind: OtherNameKind }[]>>();

/**
 * The regions of a level (within an area) that a name is another name of — a former official name or a variant
 * in common use (other-names.csv) — each with how it is known; compared compact, like official names.
 */
export function regionsByOtherName(name: string, level: Level, within = ''): { region: Region; kind: OtherNameKind }[] {
  let idx = otherIndexes.get(level);
  if (!idx) {
    idx = new Map();
    for (const o of otherNames()) {
      const r = levelOfCode(o.code) === level ? region(o.code) : undefined;
      if (!r) continue;
      const k = compactName(o.name);
      idx.set(k, [...(idx.get(k) ?? []), { region: r, kind: o.kind }]);
    }
    otherIndexes.set(level, idx);
  }
  return (idx.get(compactName(name)) ?? []).filter((o) => !within || o.region.code.startsWith(within));
}

/**
 * How `name` writes the region `code` (officially `official`) otherwise, when it is that region: `spelling` — the
 * same letters with other spaces or punctuation ("Gunung Sari"), or a variant in common use ("Mahakam Hulu") — or
 * `former`, a former official name ("Toba Samosir"). Undefined for another name.
 */
export function writtenOtherwise(code: string, official: string, name: string): 'spelling' | 'former' | undefined {
  if (compactName(name) === compactName(official)) return 'spelling';
  const other = otherNameOf(code, name);
  return other === 'former' ? 'former' : other === 'variant' ? 'spelling' : undefined;
}

/** How `name` is known as another name of the region `code` (former or variant), or undefined. */
export function otherNameOf(code: string, name: string): OtherNameKind | undefined {
  const level = levelOfCode(code);
  return level ? regionsByOtherName(name, level).find((o) => o.region.code === code)?.kind : undefined;
}

/**
 * The one region of a level within an area that a name is cut from, the way a narrow cell cuts it ("Lombok Ten"
 * for Lombok Tengah): its compact name starts with the name's (at least 4 letters), the cut falls inside a word,
 * and the name keeps at least one whole word before it — or has the column's full `width` (every cut name of a
 * column is as long as the cell). Undefined when none or several fit.
 */
export function truncatedFrom(name: string, level: Level, within: string, width = 0): Region | undefined {
  const k = compactName(name);
  if (k.length < 4) return undefined;
  let found: Region | undefined;
  for (const [key, regions] of compactIndex(level, within)) {
    if (key.length <= k.length || !key.startsWith(k)) continue;
    for (const r of regions) {
      if (found && found.code !== r.code) return undefined;
      found = r;
    }
  }
  if (!found) return undefined;
  let at = 0;
  for (const w of nameKeys(found.name).at(-1)!.split(' ')) {
    at += w.length;
    if (at === k.length) return undefined;
  }
  return nameKeys(name).at(-1)!.trim().split(' ').length >= 2 || (width > 0 && name.trim().length === width) ? found : undefined;
}

/** Whether a name is the official one up to case and prefix (no spelling difference). */
export function sameSpelling(given: string, official: string): boolean {
  const a = nameKeys(given);
  const b = nameKeys(official);
  return a.some((k) => b.includes(k));
}

/**
 * Matches a name at a level within an area (a parent code, '' for everywhere). A "Kota X" / "Kabupaten X"
 * prefix chooses between a kota and a kabupaten of the same name; `siblings` (the other names of the column,
 * folded) let a bare "X" beside "Kota X" be the kabupaten.
 */
export function matchRegionName(name: string, level: Level, within = '', siblings?: Set<string>): NameMatch {
  let hits = regionsByCompactName(name, level, within);
  if (hits.length > 1) {
    const prefix = namePrefix(name);
    if (prefix === 'kota' || prefix === 'kabupaten') {
      const same = hits.filter((r) => namePrefix(r.name) === prefix);
      if (same.length >= 1) hits = same;
    } else if (level === 'kabupaten_kota' && siblings?.has(foldRegion(`kota ${nameKeys(name).at(-1)!}`))) {
      // BPS: a bare name is the kabupaten when the same table has its "Kota X" row
      const kab = hits.filter((r) => namePrefix(r.name) === 'kabupaten');
      if (kab.length === 1) hits = kab;
    }
  }
  if (hits.length === 1) return { kind: sameSpelling(name, hits[0]!.name) ? 'exact' : 'spelling', region: hits[0]! };
  if (hits.length > 1) {
    const exact = hits.filter((r) => sameSpelling(name, r.name));
    return exact.length === 1 ? { kind: 'exact', region: exact[0]! } : { kind: 'ambiguous', regions: hits };
  }
  // a former name (Toba Samosir) or a variant BPS writes (Mahakam Hulu): the region, said with its official name
  const other = regionsByOtherName(name, level, within);
  if (other.length === 1) return { kind: other[0]!.kind === 'former' ? 'former' : 'spelling', region: other[0]!.region };
  if (other.length > 1) return { kind: 'ambiguous', regions: other.map((o) => o.region) };
  return { kind: 'unknown', closest: closestNames(name, level, within, 3) };
}

/** The `count` official names closest to a name (edit distance of the compact names) within an area. */
export function closestNames(name: string, level: Level, within = '', count = 3): Region[] {
  const k = compactName(name);
  const scored: { r: Region; d: number }[] = [];
  for (const [key, regions] of compactIndex(level, within)) {
    const d = distance(k, key, Math.max(k.length, key.length));
    for (const r of regions) scored.push({ r, d });
  }
  scored.sort((a, b) => a.d - b.d || a.r.name.localeCompare(b.r.name));
  return scored.slice(0, count).map((x) => x.r);
}

/**
 * The parent area most names of a column share (their unique matches), at the level above: a column of
 * kecamatan names most of which lie in 52.01 is read within 52.01. Undefined when no area has a majority.
 */
export function commonParent(names: Iterable<string>, level: Level, within = ''): string | undefined {
  const counts = new Map<string, number>();
  let total = 0;
  for (const n of names) {
    const m = matchRegionName(n, level, within);
    if ((m.kind === 'exact' || m.kind === 'spelling' || m.kind === 'former') && m.region.parent) {
      total++;
      counts.set(m.region.parent, (counts.get(m.region.parent) ?? 0) + 1);
    }
  }
  for (const [parent, c] of counts) if (c > total / 2 && total >= 2) return parent;
  return undefined;
}

/** Levenshtein distance, stopped early above `max`. */
function distance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (Math.abs(m - n) > max) return max + 1;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n]!;
}
