/**
 * Constants found outside the grid: the year (or period) and the region a title row names
 * ("KABUPATEN LOMBOK BARAT TAHUN 2023"), and units written in the header ("Jumlah (Jiwa)").
 */
import type { RawRow } from '../read/table.js';
import { findByName, region } from '../standards/regions.js';
import type { ReadingConstant } from './reading.js';
import { UNIT_IN_LABEL } from '../read/words.js';

/** Years in a title; a range "2011-2022" names two (lookarounds: the dash between them belongs to neither). */
const YEARS = /(?<!\d)((?:19|20)\d{2})(?!\d)/g;
const AREA = /\b(kabupaten|kab\.?|kota)\s+([a-z][a-z .'-]*?)(?=\s+(?:tahun|th\.?|periode|keadaan|kondisi|semester|triwulan|bulan)\b|\s+\d{4}|\s*[,(]|\s*$)/i;
/** A label's closing parenthesis ("Jumlah (Jiwa)"): its unit when the unit words of unit-in-header know it. */
const UNIT = /\(([^()]{1,30})\)\s*$/;

/** The single year the title rows name, or the list when they name several. */
export function yearFromTitles(titles: RawRow[]): { year?: string; several?: string[]; row?: number; col?: number } {
  const years = new Map<string, { row: number; col: number }>();
  for (const r of titles) {
    r.cells.forEach((c, col) => {
      for (const m of c.matchAll(YEARS)) if (!years.has(m[1]!)) years.set(m[1]!, { row: r.n, col });
    });
  }
  if (years.size === 1) {
    const [year, at] = [...years][0]!;
    return { year, ...at };
  }
  return years.size > 1 ? { several: [...years.keys()] } : {};
}

/** The kab/kota a title row names ("KABUPATEN LOMBOK BARAT TAHUN 2023" → 52.01), when unique. */
export function regionFromTitles(titles: RawRow[]): { code: string; row: number; col: number } | undefined {
  for (const r of titles) {
    const text = r.cells.map((c) => c.trim()).filter(Boolean).join(' ');
    const m = AREA.exec(text);
    if (!m) continue;
    const prefix = /^kota$/i.test(m[1]!) ? 'Kota' : 'Kabupaten';
    const hits = findByName(`${prefix} ${m[2]!.trim()}`, 'kabupaten_kota');
    if (hits.length === 1) return { code: hits[0]!.code, row: r.n, col: Math.max(0, r.cells.findIndex((c) => c.trim() !== '')) };
  }
  return undefined;
}

/** The kab/kota code a title row names, when unique. */
export function coverageFromTitles(titles: RawRow[]): string | undefined {
  return regionFromTitles(titles)?.code;
}

/** Every constant the titles and header give. */
export function findConstants(titles: RawRow[], labels: string[], headerRow: number | undefined): ReadingConstant[] {
  const out: ReadingConstant[] = [];
  const y = yearFromTitles(titles);
  if (y.year) out.push({ kind: 'tahun', value: y.year, row: y.row!, col: y.col!, from: 'title' });
  const r = regionFromTitles(titles);
  if (r) out.push({ kind: 'wilayah', value: r.code, name: region(r.code)?.name ?? r.code, row: r.row, col: r.col, from: 'title' });
  labels.forEach((l, col) => {
    const m = UNIT.exec(l);
    // "(March)", "(Semester 1)", "(BPS)" close a label too: only a unit is a satuan (the same words as unit-in-header)
    if (m && headerRow !== undefined && !/^\d/.test(m[1]!) && UNIT_IN_LABEL.test(m[0])) out.push({ kind: 'satuan', value: m[1]!.trim(), row: headerRow, col, from: 'header' });
  });
  return out;
}
