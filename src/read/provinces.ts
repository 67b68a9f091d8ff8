/** Province names from standards/codes/provinsi.csv, folded, for spotting province rows among kab/kota rows. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fold } from './words.js';

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

let prefixes: Set<number> | null = null;

/** First two letters (lower case) of every province name, alias and "provinsi"/"kep."/"d.i.": a cheap gate. */
function provincePrefixes(): Set<number> {
  if (!prefixes) {
    prefixes = new Set();
    for (const n of [...provinceNames(), 'provinsi', 'prov.', 'kep.', 'd.i.', 'd i ', 'dki']) prefixes.add(pair(n));
  }
  return prefixes;
}

function pair(s: string): number {
  return ((s.charCodeAt(0) | 0x20) << 8) | (s.charCodeAt(1) | 0x20);
}

/** Whether a row label names a province ("NUSA TENGGARA BARAT", "Prov. Jawa Barat", "KEP. RIAU"). Runs once per row. */
export function isProvinceName(label: string): boolean {
  if (label.length < 4 || label.length > 45 || !provincePrefixes().has(pair(label))) return false;
  return provinceNames().has(fold(label));
}
