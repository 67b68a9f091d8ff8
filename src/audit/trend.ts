/** Week-over-week changes between the current report and the previous snapshot, and the sparkline history. */
import type { AuditReport, ChangeRow, Trend, TrendPoint } from './model.js';
import type { Snapshot, SnapshotItem } from './snapshot.js';
import { isOverdue } from './funnel.js';

const KINDS: ChangeRow['kind'][] = ['baru-terkumpul', 'baru-terbit', 'baru-terlambat', 'selesai', 'regresi', 'hanya-metadata', 'tautan-rusak', 'ganti-judul', 'dihapus', 'ditambah', 'skor-turun'];

export function computeTrend(r: AuditReport, prev: Snapshot): Trend {
  const prevItems = r.opdFilter ? prev.items.filter((i) => i.opd === r.opdFilter) : prev.items;
  const before = new Map<string, SnapshotItem>(prevItems.map((i) => [i.id, i]));
  const changes: ChangeRow[] = [];
  const add = (kind: ChangeRow['kind'], i: { id: string; opd: string; judul: string }, detail = '') => changes.push({ kind, id: i.id, opd: i.opd, judul: i.judul, detail });
  const seen = new Set<string>();
  for (const i of r.items) {
    seen.add(i.id);
    const p = before.get(i.id);
    if (!p) { add('ditambah', i, i.period ?? ''); continue; }
    const samePeriod = p.period === i.period;
    if (p.judul !== i.judul) add('ganti-judul', i, p.judul);
    if (i.published && (!p.published || !samePeriod)) add('baru-terbit', i, i.period ?? '');
    else if (i.collected && (!p.collected || !samePeriod)) add('baru-terkumpul', i, i.period ?? '');
    if (samePeriod && p.published && !i.published) add('regresi', i, i.found ? (i.period ?? '') : 'tidak ditemukan');
    const od = isOverdue(i);
    if (od && !p.overdue) add('baru-terlambat', i, i.period ?? '');
    if (!od && p.overdue) add('selesai', i, p.period ?? '');
    if (p.score !== undefined && i.score !== undefined && i.score < p.score) add('skor-turun', i, `${p.score} → ${i.score}`);
    // touched, but only the metadata: the dataset was edited since last week, its data was not, and the current
    // period is still unpublished
    if (!i.published && i.metadataModified && p.metadataModified && i.metadataModified > p.metadataModified && (i.dataModified ?? '') === (p.dataModified ?? '')) {
      add('hanya-metadata', i, `${i.metadataModified}${i.period ? ` · ${i.period}` : ''}`);
    }
  }
  for (const p of prevItems) if (!seen.has(p.id)) add('dihapus', p);
  // links broken this week that were not last week (when last week's run checked them too)
  if (r.links && prev.linkFailures) {
    for (const l of r.links.broken) {
      if ((prev.linkFailures[l.url] ?? 0) < r.links.threshold) add('tautan-rusak', { id: l.item ?? l.dataset, opd: l.opd ?? '', judul: l.judul ?? l.dataset }, l.url);
    }
  }
  const counts = Object.fromEntries(KINDS.map((k) => [k, 0])) as Trend['counts'];
  for (const c of changes) counts[c.kind]++;
  changes.sort((a, b) => KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind) || a.opd.localeCompare(b.opd) || a.id.localeCompare(b.id));
  const prevOpd = new Map(prev.opd.map((o) => [o.kode, o]));
  return {
    previousWeek: prev.week, previousRunId: prev.runId, changes, counts,
    opd: r.opd.map((o) => {
      const p = prevOpd.get(o.kode);
      return { kode: o.kode, dPublished: Math.round((o.pctPublished - (p?.pctPublished ?? 0)) * 100) / 100, dRank: p && p.rank !== null && o.rank !== null ? p.rank - o.rank : null };
    }),
    dCollected: Math.round((r.totals.pctCollected - (r.opdFilter ? prevOpd.get(r.opdFilter)?.pctCollected ?? 0 : prev.totals.pctCollected)) * 100) / 100,
    dPublished: Math.round((r.totals.pctPublished - (r.opdFilter ? prevOpd.get(r.opdFilter)?.pctPublished ?? 0 : prev.totals.pctPublished)) * 100) / 100,
  };
}

/** The last `weeks` points (earlier good snapshots plus this run). */
export function trendHistory(r: AuditReport, history: Snapshot[], weeks = 12): TrendPoint[] {
  const pts: TrendPoint[] = [];
  for (const s of history) {
    if (s.week === r.week || s.asOf >= r.asOf || s.guard === 'refuse') continue;
    const o = r.opdFilter ? s.opd.find((x) => x.kode === r.opdFilter) : undefined;
    if (r.opdFilter && !o) continue;
    pts.push(o ? { week: s.week, asOf: s.asOf, pctCollected: o.pctCollected, pctPublished: o.pctPublished, overdue: o.overdue }
      : { week: s.week, asOf: s.asOf, pctCollected: s.totals.pctCollected, pctPublished: s.totals.pctPublished, overdue: s.totals.overdue });
  }
  pts.push({ week: r.week, asOf: r.asOf, pctCollected: r.totals.pctCollected, pctPublished: r.totals.pctPublished, overdue: r.totals.overdue });
  return pts.slice(-weeks);
}
