/**
 * One weekly audit run: read and check the registry, read the observed state, compute, compare with the
 * previous snapshot (behind the run-health guard), and store this week's snapshot. No printing here.
 */
import type { Lang } from '../i18n/lang.js';
import { computeAudit } from './compute.js';
import { checkDatasetCount } from './guards.js';
import type { AuditReport, ObservedState, RankingConfig } from './model.js';
import type { Policies } from './policy.js';
import { readRegistry, type RegistryResult } from './registry.js';
import { previousSnapshot, readHistory, toSnapshot, writeSnapshot } from './snapshot.js';
import { computeTrend, trendHistory } from './trend.js';
import { checkLinks, summariseLinks, type LinkCheckOptions } from './links.js';

export interface AuditRunOptions {
  registry: string;
  /** Reads the observed state (ledger, folder or portal). */
  observe: () => Promise<ObservedState>;
  asOf: number;
  lang: Lang;
  policies: Policies;
  ranking: RankingConfig;
  /** OPD code for one OPD's report (compared with the province snapshots; writes no snapshot). */
  opd?: string;
  /** History folder; null: neither read nor write snapshots. */
  history: string | null;
  now?: Date;
  /** Check the datasets' resource links; broken after `threshold` consecutive failed runs. */
  links?: { threshold: number; options?: LinkCheckOptions };
}

export type AuditRunResult =
  | { ok: false; registry: RegistryResult }
  | { ok: true; registry: RegistryResult; report: AuditReport; snapshotPath?: string };

export async function runAudit(o: AuditRunOptions): Promise<AuditRunResult> {
  const started = performance.now();
  const registry = await readRegistry(o.registry);
  if (registry.unreadable || registry.issues.some((i) => i.severity === 'error')) return { ok: false, registry };
  const observed = await o.observe();
  const report = computeAudit({
    registry: { path: o.registry, sha256: registry.sha256, items: registry.items }, observed, asOf: o.asOf,
    policies: o.policies, ranking: o.ranking, lang: o.lang, ...(o.opd ? { opd: o.opd } : {}), ...(o.now ? { now: o.now } : {}),
  });
  const history = o.history ? await readHistory(o.history) : [];
  const prev = previousSnapshot(history, report.week, report.asOf);
  if (o.links) {
    // one OPD's report probes only that OPD's datasets
    const mine = o.opd ? new Set(report.items.map((i) => i.dataset)) : null;
    const datasets = mine ? observed.datasets.filter((d) => mine.has(d.name)) : observed.datasets;
    const probes = await checkLinks(datasets, o.links.options);
    report.links = summariseLinks(report, datasets, probes, prev?.linkFailures, o.links.threshold);
  }
  report.guard = checkDatasetCount(observed.datasetCount, prev?.datasetCount);
  if (report.guard.level === 'refuse') {
    report.trendNote = 'guard-refused';
  } else if (prev) {
    report.trend = computeTrend(report, prev);
  } else {
    report.trendNote = 'first-run';
  }
  report.history = report.guard.level === 'refuse' ? [] : trendHistory(report, history);
  report.seconds = Math.round(performance.now() - started) / 1000;
  let snapshotPath: string | undefined;
  if (o.history && !o.opd) snapshotPath = await writeSnapshot(o.history, toSnapshot(report));
  return { ok: true, registry, report, ...(snapshotPath ? { snapshotPath } : {}) };
}
