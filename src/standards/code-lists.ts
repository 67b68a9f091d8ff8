/**
 * The small code lists shipped as CSV in standards/codes/ (OPD NTB, urusan, frekuensi, tingkat penyajian,
 * satuan with synonyms, lisensi, topik). A walidata can point --standards at a folder of their own: a
 * `codes/` folder beside its catalog overrides the bundled lists of the same name.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from '../read/csv-parse.js';
import { fold } from '../read/words.js';

export const BUNDLED_CODES = fileURLToPath(new URL('../../standards/codes', import.meta.url));

export interface CodeEntry {
  kode: string;
  nama: string;
  [column: string]: string;
}

export interface CodeList {
  name: string;
  path: string;
  entries: CodeEntry[];
  byCode: Map<string, CodeEntry>;
  /** folded name (and synonyms) → entries */
  byName: Map<string, CodeEntry[]>;
}

const cache = new Map<string, CodeList>();
let overrideDir: string | null = null;

/** Uses `dir/<name>.csv` before the bundled list (set from --standards DIR/../codes or DIR/codes). */
export function setCodeListDir(dir: string | null): void {
  overrideDir = dir;
  cache.clear();
}

export function listNames(): string[] {
  const names = new Set<string>();
  for (const dir of [BUNDLED_CODES, overrideDir].filter((d): d is string => !!d && existsSync(d))) {
    for (const f of readdirSafe(dir)) if (f.endsWith('.csv')) names.add(f.slice(0, -4));
  }
  return [...names].sort();
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Loads a code list by name (`opd-ntb`, `urusan`, `satuan`…), or undefined when there is none. */
export function codeList(name: string): CodeList | undefined {
  const hit = cache.get(name);
  if (hit) return hit;
  const candidates = [overrideDir && join(overrideDir, `${name}.csv`), join(BUNDLED_CODES, `${name}.csv`)].filter((p): p is string => !!p);
  const path = candidates.find((p) => existsSync(p));
  if (!path) return undefined;
  const text = readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => !l.startsWith('#')).join('\n');
  const entries = (parseCsvRecords(text, { skip_empty_lines: true, trim: true }) as CodeEntry[])
    .filter((e) => e.kode)
    .map((e): CodeEntry => ({ ...e, nama: e.nama ?? e.label_id ?? e.kode }));
  const byCode = new Map(entries.map((e) => [e.kode, e]));
  const byName = new Map<string, CodeEntry[]>();
  const addName = (n: string, e: CodeEntry) => {
    const k = fold(n);
    if (!k) return;
    const list = byName.get(k);
    if (list) {
      if (!list.includes(e)) list.push(e);
    } else byName.set(k, [e]);
  };
  for (const e of entries) {
    addName(e.nama, e);
    addName(e.kode, e);
    for (const s of (e.sinonim ?? '').split(';')) if (s.trim()) addName(s, e);
  }
  const list = { name, path, entries, byCode, byName };
  cache.set(name, list);
  return list;
}

/** Whether two unit texts mean the same unit (synonyms from satuan.csv). */
export function sameUnit(a: string, b: string): boolean {
  // "%" folds to nothing: spell it out
  const unit = (x: string) => fold(x.replace(/%/g, ' persen '));
  a = unit(a);
  b = unit(b);
  if (a === b) return true;
  const list = codeList('satuan');
  if (!list) return false;
  const ea = list.byName.get(a);
  const eb = list.byName.get(b);
  return !!ea && !!eb && ea.some((x) => eb.includes(x));
}
