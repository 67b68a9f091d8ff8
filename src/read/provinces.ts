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

const seen = new Map<string, boolean>();

/** Cached per label: row labels repeat, and folding is the costly part. */
export function isProvinceName(label: string): boolean {
  let hit = seen.get(label);
  if (hit === undefined) {
    hit = label.length >= 4 && label.length <= 40 && provinceNames().has(fold(label));
    if (seen.size < 20000) seen.set(label, hit);
  }
  return hit;
}
