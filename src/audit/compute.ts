/** Builds the AuditReport (without trend) from the registry, the observed state and the as-of day. */
import type { Lang } from '../i18n/lang.js';
import type { Frekuensi } from '../standards/metadata.js';
import { isoDay, isoWeekLabel } from './dates.js';
import { addToFunnel, emptyFunnel, isOverdue, pct } from './funnel.js';
import { matchDatasets } from './match.js';
import { METADATA_CHECKS, METADATA_MAX, scoreMetadata } from './metadata-score.js';
import type { AuditReport, FrequencyRow, ItemResult, ObservedState, OpdRow, RankingConfig, RegistryItem } from './model.js';
import { opdList } from './opd-codes.js';
import { FREQUENCIES, type Policies } from './policy.js';
import { band, composite, rank } from './ranking.js';
import { evaluateItem } from './timeliness.js';

export interface ComputeInput {
  registry: { path: string; sha256: string; items: RegistryItem[] };
  observed: ObservedState;
  asOf: number;
  policies: Policies;
  ranking: RankingConfig;
  lang: Lang;
  opd?: string;
  now?: Date;
}

const mean = (xs: number[]) => (xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null);

export function computeAudit(input: ComputeInput): AuditReport {
  const { observed, asOf, policies } = input;
  const matched = matchDatasets(input.registry.items, observed.datasets);
  const items: ItemResult[] = input.registry.items.map((it) => evaluateItem(it, matched.get(it.id), policies, asOf));
  const scoped = input.opd ? items.filter((r) => r.opd === input.opd) : items;
  const week = isoWeekLabel(asOf);

  const totalFunnel = emptyFunnel();
  for (const r of scoped) addToFunnel(totalFunnel, r);
  const due = scoped.filter((r) => r.period !== null);
  const overdue = due.filter(isOverdue);
  const scores = scoped.filter((r) => r.score !== undefined).map((r) => r.score!);

  // per OPD (every OPD of the code list that has items)
  const opdRows: OpdRow[] = [];
  const names = opdList().index;
  const byOpd = new Map<string, ItemResult[]>();
  for (const r of items) (byOpd.get(r.opd) ?? byOpd.set(r.opd, []).get(r.opd)!).push(r);
  for (const [kode, rs] of byOpd) {
    const f = emptyFunnel();
    for (const r of rs) addToFunnel(f, r);
    const dueRs = rs.filter((r) => r.period !== null);
    const od = dueRs.filter(isOverdue).length;
    const sc = rs.filter((r) => r.score !== undefined).map((r) => r.score!);
    const row: OpdRow = {
      kode, nama: names.get(kode)?.nama ?? kode, singkatan: names.get(kode)?.singkatan ?? kode, items: rs.length, funnel: f,
      pctCollected: pct(f.terkumpul, f.wajib), pctPublished: pct(f.terpublikasi, f.wajib),
      overdue: od, delinquent: dueRs.filter((r) => r.timeliness === 'sangat_terlambat').length,
      notYetDue: rs.length - dueRs.length, pctOnTime: dueRs.length ? pct(dueRs.length - od, dueRs.length) : 100,
      metadataMean: mean(sc), composite: 0, rank: null, band: 'kuning',
    };
    row.composite = composite(row, input.ranking);
    row.band = band(row.pctPublished);
    opdRows.push(row);
  }
  rank(opdRows, input.ranking);
  opdRows.sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.kode.localeCompare(b.kode));
  const opd = input.opd ? opdRows.filter((r) => r.kode === input.opd) : opdRows;

  const frequencies: FrequencyRow[] = [];
  const heat: AuditReport['heat'] = [];
  for (const fq of FREQUENCIES) {
    const rs = scoped.filter((r) => r.frekuensi === fq);
    if (!rs.length) continue;
    const f = emptyFunnel();
    for (const r of rs) addToFunnel(f, r);
    frequencies.push({ frekuensi: fq, items: rs.length, funnel: f, pctPublished: pct(f.terpublikasi, f.wajib), overdue: rs.filter(isOverdue).length });
  }
  for (const row of opd) {
    for (const fq of FREQUENCIES) {
      const rs = byOpd.get(row.kode)!.filter((r) => r.frekuensi === fq);
      if (!rs.length) continue;
      const f = emptyFunnel();
      for (const r of rs) addToFunnel(f, r);
      heat.push({ opd: row.kode, frekuensi: fq as Frekuensi, pctPublished: pct(f.terpublikasi, f.wajib), items: rs.length });
    }
  }

  // metadata checks ranked by points recoverable
  const failing = new Map<string, number>();
  for (const r of scoped) {
    if (!r.found) continue;
    const d = matched.get(r.id)!;
    for (const k of scoreMetadata(d.metadata).failed) failing.set(k, (failing.get(k) ?? 0) + 1);
  }
  const metadataChecks = METADATA_CHECKS.map((c) => ({ key: c.key, points: c.points, failing: failing.get(c.key) ?? 0, recoverable: c.points * (failing.get(c.key) ?? 0) }))
    .sort((a, b) => b.recoverable - a.recoverable || a.key.localeCompare(b.key));

  const ageing = { '0-7': 0, '8-30': 0, '31-90': 0, '>90': 0 };
  const late = due.filter((r) => !r.published && r.daysLate >= 0 && r.timeliness !== 'tidak_tetap');
  for (const r of late) ageing[r.daysLate <= 7 ? '0-7' : r.daysLate <= 30 ? '8-30' : r.daysLate <= 90 ? '31-90' : '>90']++;
  const worklist = late.slice().sort((a, b) => Number(b.prioritas) - Number(a.prioritas) || b.daysLate - a.daysLate || a.opd.localeCompare(b.opd) || a.id.localeCompare(b.id));

  const now = input.now ?? new Date();
  return {
    schema: 'satudata-audit-report/1',
    runId: `${week}-${input.registry.sha256.slice(0, 8)}`,
    lang: input.lang,
    asOf: isoDay(asOf),
    week,
    generatedAt: now.toISOString(),
    ...(input.opd ? { opdFilter: input.opd } : {}),
    registry: { path: input.registry.path, items: input.registry.items.length, sha256: input.registry.sha256 },
    source: { kind: observed.source, location: observed.location, datasets: observed.datasetCount, ...(observed.requests !== undefined ? { requests: observed.requests } : {}) },
    totals: {
      funnel: totalFunnel,
      pctRegistered: pct(totalFunnel.terdaftar, totalFunnel.wajib), pctCollected: pct(totalFunnel.terkumpul, totalFunnel.wajib),
      pctValidated: pct(totalFunnel.tervalidasi, totalFunnel.wajib), pctPublished: pct(totalFunnel.terpublikasi, totalFunnel.wajib),
      overdue: overdue.length, delinquent: overdue.filter((r) => r.timeliness === 'sangat_terlambat').length,
      notYetDue: scoped.length - due.length, unmatched: scoped.filter((r) => !r.found).length, metadataMean: mean(scores),
    },
    ageing, items: scoped, opd, frequencies, heat, metadataChecks, worklist,
    trend: null, history: [], guard: { level: 'ok', current: observed.datasetCount },
    config: {
      ranking: input.ranking,
      policies: Object.fromEntries(FREQUENCIES.map((f) => [f, { lag: policies[f].lag, overdue: policies[f].overdue, delinquent: policies[f].delinquent }])),
      metadataMax: METADATA_MAX,
    },
    seconds: 0,
  };
}
