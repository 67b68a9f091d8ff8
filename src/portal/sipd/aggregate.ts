/**
 * The SIPD mapping: SIPD holds one value per kodeindikator × kodepemda × tahun, not a file. The tidy CSV
 * of a package is aggregated per year: the sum of a value column (default) or the single value of the
 * year (`aggregate: "single"`, an error when a year has several rows).
 */
import { parseCsvRecords } from '../../read/csv-parse.js';

export interface DssdItem {
  kodeindikator: string;
  kodepemda: string;
  tahun: string;
  data: string;
}

export interface AggregateOptions {
  kodeindikator: string;
  kodepemda: string;
  valueField: string;
  yearField: string;
  aggregate: 'sum' | 'single';
}

/** `52.71` → `5271` (SIPD writes kode pemda without dots). */
export function kodepemdaOf(cakupan: string): string {
  return cakupan.replace(/\./g, '');
}

/** Items sorted by year; throws an Error naming the problem (missing column, non-number, duplicates). */
export function aggregateCsv(csv: string, o: AggregateOptions): DssdItem[] {
  const rows = parseCsvRecords(csv, { skip_empty_lines: true });
  if (rows.length && !(o.valueField in rows[0]!)) throw new Error(`column "${o.valueField}" not in the data`);
  if (rows.length && !(o.yearField in rows[0]!)) throw new Error(`column "${o.yearField}" not in the data`);
  const byYear = new Map<string, number[]>();
  for (const r of rows) {
    const year = String(r[o.yearField] ?? '').slice(0, 4);
    const raw = r[o.valueField] ?? '';
    if (!/^\d{4}$/.test(year) || raw === '') continue;
    const v = Number(raw);
    if (!Number.isFinite(v)) throw new Error(`value "${raw}" is not a number`);
    byYear.set(year, [...(byYear.get(year) ?? []), v]);
  }
  return [...byYear.keys()].sort().map((tahun) => {
    const values = byYear.get(tahun)!;
    if (o.aggregate === 'single' && values.length > 1) throw new Error(`year ${tahun} has ${values.length} rows`);
    const total = values.reduce((a, b) => a + b, 0);
    return { kodeindikator: o.kodeindikator, kodepemda: o.kodepemda, tahun, data: String(Math.round(total * 1e9) / 1e9) };
  });
}
