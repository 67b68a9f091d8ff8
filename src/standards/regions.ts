/**
 * Kemendagri region codes (kode wilayah) from the npm package idn-area-data 4.0.1, edition
 * Kepmendagri 300.2.2-2138/2025. That package declares Node ≥ 22 and is ESM-only, so its code is not run:
 * its CSV data files are read directly (works on Node 20). Indexes are built once per level, lazily
 * (the 83,762 villages load only when a standard binds a field to desa/kelurahan).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fold } from '../read/words.js';

export const REGION_EDITION = 'kepmendagri-300.2.2-2138-2025';
export const REGION_SOURCE = 'idn-area-data 4.0.1 (data ODbL)';

export type Level = 'provinsi' | 'kabupaten_kota' | 'kecamatan' | 'desa_kelurahan';
export const LEVELS: Level[] = ['provinsi', 'kabupaten_kota', 'kecamatan', 'desa_kelurahan'];
const FILES: Record<Level, string> = { provinsi: 'provinces.csv', kabupaten_kota: 'regencies.csv', kecamatan: 'districts.csv', desa_kelurahan: 'villages.csv' };
/** Length of a dotted code at each level. */
const DOTTED_LENGTH: Record<Level, number> = { provinsi: 2, kabupaten_kota: 5, kecamatan: 8, desa_kelurahan: 13 };

export interface Region {
  code: string;
  name: string;
  level: Level;
  parent?: string;
}

const byCode = new Map<string, Region>();
const loaded = new Set<Level>();
/** Built on first use from byCode (name search and coverage only): most validations never need them. */
let byName: Map<string, Region[]> | null = null;
let children: Map<string, Region[]> | null = null;
let indexedLevels = '';

function indexes(): { byName: Map<string, Region[]>; children: Map<string, Region[]> } {
  const key = String(byCode.size);
  if (!byName || !children || indexedLevels !== key) {
    byName = new Map();
    children = new Map();
    for (const region of byCode.values()) {
      for (const k of nameKeys(region.name)) {
        const list = byName.get(k);
        if (list) list.push(region);
        else byName.set(k, [region]);
      }
      if (region.parent) {
        const kids = children.get(region.parent);
        if (kids) kids.push(region);
        else children.set(region.parent, [region]);
      }
    }
    indexedLevels = key;
  }
  return { byName, children };
}

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('idn-area-data/package.json')), 'data');
}

const texts = new Map<Level, string>();
/** Provinces already parsed per level (districts and villages are parsed one province at a time). */
const parsedProvinces = new Map<Level, Set<string>>();

function text(level: Level): string {
  let t = texts.get(level);
  if (t === undefined) texts.set(level, (t = readFileSync(join(dataDir(), FILES[level]), 'utf8')));
  return t;
}

/** Parses the lines of `level` from `from` to `to` (offsets into its text) into byCode. */
function parseLines(level: Level, from: number, to: number): void {
  const t = text(level);
  const hasParent = level !== 'provinsi';
  let i = from;
  while (i < to) {
    let end = t.indexOf('\n', i);
    if (end < 0 || end > to) end = to;
    const line = t.charCodeAt(end - 1) === 13 ? t.slice(i, end - 1) : t.slice(i, end);
    i = end + 1;
    if (!line) continue;
    // code,name  or  code,parent,name — the name may be quoted (it can hold commas)
    const c1 = line.indexOf(',');
    const c2 = hasParent ? line.indexOf(',', c1 + 1) : c1;
    let name = line.slice(c2 + 1);
    if (name.charCodeAt(0) === 34) name = splitCsv(name)[0]!;
    const code = line.slice(0, c1);
    byCode.set(code, hasParent ? { code, parent: line.slice(c1 + 1, c2), name, level } : { code, name, level });
  }
}

/** Loads every region of one level (and the levels above it, for parents). */
export function loadLevel(level: Level): void {
  if (loaded.has(level)) return;
  for (const l of LEVELS.slice(0, LEVELS.indexOf(level) + 1)) {
    if (loaded.has(l)) continue;
    const t = text(l);
    parseLines(l, t.indexOf('\n') + 1, t.length);
    loaded.add(l);
  }
}

/**
 * Loads one province's regions of a level: the data files are sorted by code, so its lines are one block.
 * A file of NTB data parses 1,166 villages, not 83,762.
 */
function loadProvince(level: Level, province: string): void {
  if (loaded.has(level)) return;
  let done = parsedProvinces.get(level);
  if (!done) parsedProvinces.set(level, (done = new Set()));
  if (done.has(province)) return;
  done.add(province);
  const t = text(level);
  const start = t.indexOf(`\n${province}.`);
  if (start < 0) return;
  let end = start + 1;
  const prefix = `\n${province}.`;
  for (;;) {
    const next = t.indexOf('\n', end);
    if (next < 0) {
      end = t.length;
      break;
    }
    if (!t.startsWith(prefix, next)) {
      end = next;
      break;
    }
    end = next + 1;
  }
  parseLines(level, start + 1, end);
}

function splitCsv(line: string): string[] {
  if (line.indexOf('"') < 0) return line.split(',');
  const out: string[] = [];
  let cur = '';
  let q = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') {
      if (q && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else q = !q;
    } else if (c === ',' && !q) {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Name keys: the folded name, and without its administrative prefix ("Kabupaten", "Kota", "Kab."). */
export function nameKeys(name: string): string[] {
  const f = foldRegion(name);
  const bare = f.replace(/^(kabupaten|kota|kecamatan|kelurahan|desa|provinsi) /, '');
  return bare !== f ? [f, bare] : [f];
}

/** Folds a region name: case, punctuation, "Kab." = "Kabupaten", "Kec." = "Kecamatan", "Kel." = "Kelurahan". */
export function foldRegion(name: string): string {
  return fold(name)
    .replace(/^kab /, 'kabupaten ')
    .replace(/^kec /, 'kecamatan ')
    .replace(/^kel /, 'kelurahan ')
    .replace(/^ds /, 'desa ');
}

export function levelOfCode(code: string): Level | undefined {
  return LEVELS.find((l) => DOTTED_LENGTH[l] === code.length);
}

export function region(code: string): Region | undefined {
  const level = levelOfCode(code);
  if (!level) return undefined;
  if (level === 'provinsi' || level === 'kabupaten_kota') loadLevel(level);
  else {
    loadLevel('kabupaten_kota');
    if (level === 'desa_kelurahan') loadProvince('kecamatan', code.slice(0, 2));
    loadProvince(level, code.slice(0, 2));
  }
  return byCode.get(code);
}

export function childrenOf(code: string, level: Level): Region[] {
  loadLevel(level);
  const { children } = indexes();
  const out: Region[] = [];
  const walk = (c: string) => {
    for (const k of children.get(c) ?? []) {
      if (k.level === level) out.push(k);
      else if (LEVELS.indexOf(k.level) < LEVELS.indexOf(level)) walk(k.code);
    }
  };
  if (code === '') for (const r of byCode.values()) { if (r.level === level) out.push(r); }
  else walk(code);
  return out;
}

/** Regions whose name matches (folded, with or without prefix), optionally at a level and under a parent code. */
export function findByName(name: string, level?: Level, within?: string): Region[] {
  loadLevel(level ?? 'kecamatan');
  const { byName } = indexes();
  const seen = new Set<string>();
  const out: Region[] = [];
  for (const key of nameKeys(name)) {
    for (const r of byName.get(key) ?? []) {
      if (seen.has(r.code) || (level && r.level !== level) || (within && !r.code.startsWith(within))) continue;
      seen.add(r.code);
      out.push(r);
    }
  }
  return out;
}

/** Free-text search over names (substring of the folded name), for `satudata codes search`. */
export function searchRegions(text: string, level: Level | undefined, limit: number): Region[] {
  loadLevel(level ?? 'desa_kelurahan');
  const q = foldRegion(text);
  const exact: Region[] = [];
  const partial: Region[] = [];
  for (const r of byCode.values()) {
    if (level && r.level !== level) continue;
    const f = foldRegion(r.name);
    if (f === q || nameKeys(r.name).includes(q)) exact.push(r);
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
