/**
 * OPD ranking on a composite with visible weights (default completeness 50 / timeliness 30 / metadata 20),
 * ties broken by fewer overdue items, then code; OPDs with fewer than `minItems` due items are not ranked.
 * Colour bands (Kab. Madiun): hijau ≥80 % published, biru ≥50, kuning <50.
 */
import type { OpdRow, RankingConfig } from './model.js';
import { METADATA_MAX } from './metadata-score.js';

export const DEFAULT_RANKING: RankingConfig = { completeness: 50, timeliness: 30, metadata: 20, minItems: 5 };

export function band(pctPublished: number): OpdRow['band'] {
  return pctPublished >= 80 ? 'hijau' : pctPublished >= 50 ? 'biru' : 'kuning';
}

export function composite(row: Pick<OpdRow, 'pctPublished' | 'pctOnTime' | 'metadataMean'>, w: RankingConfig): number {
  const total = w.completeness + w.timeliness + w.metadata;
  const md = row.metadataMean === null ? 0 : (row.metadataMean / METADATA_MAX) * 100;
  const v = (w.completeness * row.pctPublished + w.timeliness * row.pctOnTime + w.metadata * md) / (total || 1);
  return Math.round(v * 100) / 100;
}

export function rank(rows: OpdRow[], w: RankingConfig): void {
  const eligible = rows.filter((r) => r.funnel.wajib >= w.minItems);
  eligible.sort((a, b) => b.composite - a.composite || a.overdue - b.overdue || a.kode.localeCompare(b.kode));
  let prev: OpdRow | undefined;
  eligible.forEach((r, i) => {
    r.rank = prev && prev.composite === r.composite && prev.overdue === r.overdue ? prev.rank : i + 1;
    prev = r;
  });
  for (const r of rows) if (r.funnel.wajib < w.minItems) r.rank = null;
}

/** Parses `--weights 50,30,20` (and optional `,min`). */
export function parseWeights(spec: string | undefined): RankingConfig | null {
  if (!spec) return { ...DEFAULT_RANKING };
  const parts = spec.split(',').map((s) => Number(s.trim()));
  if ((parts.length !== 3 && parts.length !== 4) || parts.some((n) => !Number.isFinite(n) || n < 0)) return null;
  return { completeness: parts[0]!, timeliness: parts[1]!, metadata: parts[2]!, minItems: parts[3] ?? DEFAULT_RANKING.minItems };
}
