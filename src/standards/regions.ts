/**
 * Kemendagri region codes (kode wilayah), edition Kepmendagri 300.2.2-2138/2025: the data files of the npm
 * package idn-area-data 4.0.1 (ODbL), kept as data in standards/codes/wilayah (that package declares
 * Node ≥ 22; its README says why and how to move to a new edition), read into one compact index per process
 * (region-index.ts: bytes and sorted offsets, shared with worker threads). Region objects are made on demand;
 * the name indexes (name search, coverage) are built per level on first use.
 */
import { find, fieldsAt, levelOfCode as levelOfDotted, LEVELS, linesOf, type Level } from './region-index.js';
import { fold } from '../read/words.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED_CODES } from './code-lists.js';
import { parseCsvRecords } from '../read/csv-parse.js';

export { LEVELS, type Level };
export const REGION_EDITION = 'kepmendagri-300.2.2-2138-2025';

export interface Region {
  code: string;
  name: string;
  level: Level;
  parent?: string;
}

/** Regions asked for by code, kept up to a bound (callers keep their own verdicts). */
const recent = new Map<string, Region>();
const RECENT_MAX = 4096;
/** All regions of a level, and their name index: only for name search and coverage. */
const allOf = new Map<Level, Region[]>();
const namesOf = new Map<Level, Map<string, Region[]>>();

function regionAt(line: number, level: Level): Region {
  const f = fieldsAt(line);
  return f.parent ? { code: f.code, name: f.name, level, parent: f.parent } : { code: f.code, name: f.name, level };
}

function regionsOf(level: Level): Region[] {
  let list = allOf.get(level);
  if (!list) {
    list = [];
    for (const line of linesOf(level)) list.push(regionAt(line, level));
    allOf.set(level, list);
  }
  return list;
}

function byNameOf(level: Level): Map<string, Region[]> {
  let map = namesOf.get(level);
  if (!map) {
    map = new Map();
    for (const region of regionsOf(level)) {
      for (const k of nameKeys(region.name)) {
        const list = map.get(k);
        if (list) list.push(region);
        else map.set(k, [region]);
      }
    }
    namesOf.set(level, map);
  }
  return map;
}

/**
 * Name keys: the folded name, and without its administrative prefix ("Kabupaten", "Kota", "Kab."; Jakarta's
 * "Kota Administrasi" / "Kabupaten Administrasi", which BPS and OPD tables write "Kota" / "Kabupaten").
 */
export function nameKeys(name: string): string[] {
  const f = foldRegion(name);
  const bare = f.replace(/^(?:(?:kabupaten|kota)(?: administrasi)?|kecamatan|kelurahan|desa|provinsi) /, '');
  return bare !== f ? [f, bare] : [f];
}

/** How a name other than the official one is known: a former official name, or a variant in common use. */
export type OtherNameKind = 'former' | 'variant';

export interface OtherName {
  code: string;
  name: string;
  kind: OtherNameKind;
}

let others: OtherName[] | null = null;

/**
 * Names a region is known by besides the reference's: former official names (Toba Samosir, renamed Toba) and
 * variants BPS tables use (Mahakam Hulu for Mahakam Ulu), from standards/codes/wilayah/other-names.csv
 * (code,name,kind,note). Codes the reference does not hold are left out.
 */
export function otherNames(): OtherName[] {
  if (others) return others;
  others = [];
  let text = '';
  try {
    text = readFileSync(join(BUNDLED_CODES, 'wilayah', 'other-names.csv'), 'utf8');
  } catch {
    return others; // an installation without the file: only official names are known
  }
  for (const { code, name, kind } of parseCsvRecords(text, { skip_empty_lines: true, trim: true })) {
    if (!code || !name || (kind !== 'former' && kind !== 'variant') || find(code) < 0) continue;
    others.push({ code, name, kind });
  }
  return others;
}

/**
 * Folds a region name: case, punctuation, "Kab." = "Kabupaten", "Kec." = "Kecamatan", "Kel." = "Kelurahan", and the
 * abbreviated words inside official names written out ("KOTA ADM. JAKARTA PUSAT", "KAB. KEP. SERIBU").
 */
export function foldRegion(name: string): string {
  return fold(name)
    .replace(/^kab /, 'kabupaten ')
    .replace(/^kec /, 'kecamatan ')
    .replace(/^kel /, 'kelurahan ')
    .replace(/^ds /, 'desa ')
    .replace(/ adm(?= )/g, ' administrasi')
    .replace(/ kep(?= )/g, ' kepulauan');
}

export function levelOfCode(code: string): Level | undefined {
  return levelOfDotted(code);
}

export function region(code: string): Region | undefined {
  const hit = recent.get(code);
  if (hit) return hit;
  const line = find(code);
  if (line < 0) return undefined;
  const r = regionAt(line, levelOfDotted(code)!);
  if (recent.size >= RECENT_MAX) recent.clear();
  recent.set(r.code, r);
  return r;
}

/** The regions of `level` under `code` ('' for all of Indonesia). */
export function childrenOf(code: string, level: Level): Region[] {
  const all = regionsOf(level);
  return code === '' ? [...all] : all.filter((r) => r.code.startsWith(code + '.'));
}

/** Regions whose name matches (folded, with or without prefix), optionally at a level and under a parent code.
 *  Without a level: provinces, kabupaten/kota and kecamatan. */
export function findByName(name: string, level?: Level, within?: string): Region[] {
  const seen = new Set<string>();
  const out: Region[] = [];
  for (const l of level ? [level] : LEVELS.slice(0, 3)) {
    const byName = byNameOf(l);
    for (const key of nameKeys(name)) {
      for (const r of byName.get(key) ?? []) {
        if (seen.has(r.code) || (within && !r.code.startsWith(within))) continue;
        seen.add(r.code);
        out.push(r);
      }
    }
  }
  return out;
}

/** Free-text search over names (substring of the folded name), for `satudata codes search`. */
export function searchRegions(text: string, level: Level | undefined, limit: number): Region[] {
  const q = foldRegion(text);
  const exact: Region[] = [];
  const partial: Region[] = [];
  for (const l of level ? [level] : LEVELS) {
    for (const r of regionsOf(l)) {
      const f = foldRegion(r.name);
      if (f === q || nameKeys(r.name).includes(q)) exact.push(r);
      else if (f.includes(q)) partial.push(r);
    }
  }
  // a former name or a variant in common use finds its region too ("Toba Samosir": Kabupaten Toba)
  for (const o of otherNames()) {
    const r = region(o.code)!;
    if ((level && r.level !== level) || [...exact, ...partial].some((x) => x.code === r.code)) continue;
    const f = foldRegion(o.name);
    if (f === q || nameKeys(o.name).includes(q)) exact.push(r);
    else if (f.includes(q)) partial.push(r);
  }
  return [...exact, ...partial].slice(0, limit);
}

export type CodeForm = 'dotted' | 'undotted' | 'float';

/**
 * Reads a code as written: `52.01` (canonical), `5201` (undotted), `5201.0` / `52.0` (stored as a float).
 * Returns the dotted code and the form, or null when the text is not a Kemendagri code shape.
 */
export function normaliseCode(text: string): { code: string; form: CodeForm } | null {
  const t = text.trim();
  if (/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/.test(t)) return { code: t, form: 'dotted' };
  let digits = t;
  let form: CodeForm = 'undotted';
  const float = /^(\d+)\.0+$/.exec(t);
  if (float) {
    digits = float[1]!;
    form = 'float';
  }
  if (!/^\d+$/.test(digits)) return null;
  const parts = digits.length === 2 ? [2] : digits.length === 4 ? [2, 2] : digits.length === 6 ? [2, 2, 2] : digits.length === 10 ? [2, 2, 2, 4] : null;
  if (!parts) return null;
  let i = 0;
  const code = parts.map((n) => digits.slice(i, (i += n))).join('.');
  return { code, form };
}

/** BPS (Wilkerstat) codes are undotted; 7-digit kecamatan codes (3-digit part) do not exist in Kemendagri form. */
export function looksLikeBps(text: string): boolean {
  const t = text.trim().replace(/\.0+$/, '');
  return /^\d{7}$/.test(t) || (/^\d{10}$/.test(t) && !region(normaliseCode(t)?.code ?? ''));
}

/** The edition as people cite it (reports and messages). */
export const REGION_EDITION_TITLE = 'Kepmendagri 300.2.2-2138/2025';
