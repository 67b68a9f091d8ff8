/** The funnel wajib → terdaftar → terkumpul → tervalidasi → terpublikasi over items' current due periods. */
import type { Funnel, ItemResult } from './model.js';

export function emptyFunnel(): Funnel {
  return { wajib: 0, terdaftar: 0, terkumpul: 0, tervalidasi: 0, terpublikasi: 0 };
}

/** Counts an item into the funnel; items with nothing due yet are not wajib. Stages are cumulative. */
export function addToFunnel(f: Funnel, r: ItemResult): void {
  if (r.period === null) return;
  f.wajib++;
  if (r.found) f.terdaftar++;
  if (r.collected) f.terkumpul++;
  if (r.validated) f.tervalidasi++;
  if (r.published) f.terpublikasi++;
}

/** Percentage with two decimals (half away from zero), 0 when the base is 0. */
export function pct(part: number, whole: number): number {
  if (whole === 0) return 0;
  return Math.round((part / whole) * 10000 + Number.EPSILON) / 100;
}

export function isOverdue(r: ItemResult): boolean {
  return r.timeliness === 'terlambat' || r.timeliness === 'sangat_terlambat';
}
