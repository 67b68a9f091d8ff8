/** Province names from standards/codes/provinsi.csv, folded, for spotting province rows among kab/kota rows. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { fold, PrefixSet } from './words.js';

let cache: Map<string, string> | null = null;

/** Folded province names and aliases, each with its 2-digit province code. */
export function provinceNames(): Map<string, string> {
  if (cache) return cache;
  const path = fileURLToPath(new URL('../../standards/codes/provinsi.csv', import.meta.url));
  const names = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/).slice(1)) {
    const comma = line.indexOf(',');
    const name = line.slice(comma + 1).trim();
    if (!name) continue;
    names.set(fold(name), line.slice(0, comma).trim());
  }
  // Common variants in BPS and OPD tables.
  const aliases: [string, string][] = [
    ['dki jakarta', '31'], ['jakarta', '31'], ['di yogyakarta', '34'], ['yogyakarta', '34'], ['bangka belitung', '19'],
    ['kepulauan bangka belitung', '19'], ['ntb', '52'], ['ntt', '53'], ['nusa tenggara barat', '52'], ['nusa tenggara timur', '53'],
  ];
  for (const [alias, code] of aliases) names.set(alias, code);
  cache = names;
  return names;
}

/** Every province name and alias (folded and as written), and "provinsi"/"prov."/"kep."/"d.i.", by their first three characters. */
let prefixes: PrefixSet | null = null;

function provincePrefixes(): PrefixSet {
  return (prefixes ??= new PrefixSet([...provinceNames().keys(), 'provinsi', 'prov.', 'kep.', 'kep ', 'd.i.', 'd i ', 'dki', 'd.k.i']));
}

/** A cheap gate before isProvinceName: could this label (leading spaces allowed) name a province? */
export function maybeProvince(label: string): boolean {
  const n = label.length;
  if (n < 4 || n > 60) return false;
  return label.charCodeAt(0) <= 32 || provincePrefixes().matches(label);
}

/** Whether a row label names a province ("NUSA TENGGARA BARAT", "Prov. Jawa Barat", "KEP. RIAU"). */
export function isProvinceName(label: string): boolean {
  if (label.length < 4 || label.length > 45 || !provincePrefixes().matches(label)) return false;
  return provinceNames().has(fold(label));
}

/** The 2-digit code of the province a label names ("JAMBI" → "15"), or undefined. */
export function provinceCode(label: string): string | undefined {
  return isProvinceName(label) ? provinceNames().get(fold(label)) : undefined;
}
