/** The NTB provincial OPD code list (standards/codes/opd-ntb.csv): lookup by code or abbreviation. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsvLine } from './csv-line.js';

export interface Opd { kode: string; singkatan: string; nama: string; urusan: string }

let cached: { list: Opd[]; index: Map<string, Opd> } | null = null;

export function opdList(): { list: Opd[]; index: Map<string, Opd> } {
  if (cached) return cached;
  const path = fileURLToPath(new URL('../../standards/codes/opd-ntb.csv', import.meta.url));
  const list: Opd[] = [];
  const index = new Map<string, Opd>();
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/).filter((l) => !l.startsWith('#')).slice(1)) {
    if (line.trim() === '') continue;
    const [kode, singkatan, nama, urusan] = parseCsvLine(line);
    const o = { kode: kode!, singkatan: singkatan!, nama: nama!, urusan: urusan! };
    list.push(o);
    index.set(o.kode, o);
    index.set(o.singkatan.toUpperCase(), o);
  }
  cached = { list, index };
  return cached;
}

/** An OPD by code or abbreviation (case-insensitive), or undefined. */
export function findOpd(text: string): Opd | undefined {
  const { index } = opdList();
  const s = text.trim();
  return index.get(s) ?? index.get(s.toUpperCase());
}
