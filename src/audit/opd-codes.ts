/** The NTB provincial OPD code list (standards/codes/opd-ntb.csv): lookup by code or abbreviation. */
import { codeList, type CodeList } from '../standards/code-lists.js';

export interface Opd { kode: string; singkatan: string; nama: string; urusan: string }

let cached: { source: CodeList | undefined; list: Opd[]; index: Map<string, Opd> } | null = null;

export function opdList(): { list: Opd[]; index: Map<string, Opd> } {
  const source = codeList('opd-ntb');
  if (cached && cached.source === source) return cached;
  const list: Opd[] = (source?.entries ?? []).map((e) => ({ kode: e.kode, singkatan: e.singkatan ?? '', nama: e.nama, urusan: e.kode_urusan ?? '' }));
  const index = new Map<string, Opd>();
  for (const o of list) {
    index.set(o.kode, o);
    index.set(o.singkatan.toUpperCase(), o);
  }
  cached = { source, list, index };
  return cached;
}

/** An OPD by code or abbreviation (case-insensitive), or undefined. */
export function findOpd(text: string): Opd | undefined {
  const { index } = opdList();
  const s = text.trim();
  return index.get(s) ?? index.get(s.toUpperCase());
}
