/** Province names from standards/codes/provinsi.csv, folded, for spotting province rows among kab/kota rows. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fold, prefix3 } from './words.js';

let cache: Set<string> | null = null;

export function provinceNames(): Set<string> {
  if (cache) return cache;
  const path = fileURLToPath(new URL('../../standards/codes/provinsi.csv', import.meta.url));
  const names = new Set<string>();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/).slice(1)) {
    const name = line.slice(line.indexOf(',') + 1).trim();
    if (!name) continue;
    names.add(fold(name));
  }
  // Common variants in BPS and OPD tables.
  for (const alias of ['dki jakarta', 'jakarta', 'di yogyakarta', 'yogyakarta', 'bangka belitung', 'kepulauan bangka belitung', 'ntb', 'ntt', 'nusa tenggara barat', 'nusa tenggara timur']) names.add(alias);
  cache = names;
  return names;
}

/** prefix3 of every province name and alias (folded and as written), and of "provinsi"/"prov."/"kep."/"d.i.". */
let prefixes: Set<number> | null = null;

function provincePrefixes(): Set<number> {
  if (!prefixes) {
    prefixes = new Set();
    for (const n of [...provinceNames(), 'provinsi', 'prov.', 'kep.', 'kep ', 'd.i.', 'd i ', 'dki', 'd.k.i']) prefixes.add(prefix3(n));
  }
  return prefixes;
}

/** A cheap gate before isProvinceName: could this label (leading spaces allowed) name a province? */
export function maybeProvince(label: string): boolean {
  const n = label.length;
  if (n < 4 || n > 60) return false;
  return label.charCodeAt(0) <= 32 || provincePrefixes().has(prefix3(label));
}

/** Whether a row label names a province ("NUSA TENGGARA BARAT", "Prov. Jawa Barat", "KEP. RIAU"). */
export function isProvinceName(label: string): boolean {
  if (label.length < 4 || label.length > 45 || !provincePrefixes().has(prefix3(label))) return false;
  return provinceNames().has(fold(label));
}
