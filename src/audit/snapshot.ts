/**
 * Weekly snapshots (`satudata-audit-snapshot/1`): one JSON file per ISO week in the history folder,
 * written atomically (temp file + rename). A re-run in the same week replaces that week's snapshot.
 */
import { readdir, readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../io/atomic.js';
import { join } from 'node:path';
import { isOverdue } from './funnel.js';
import type { AuditReport, GuardResult } from './model.js';

export const SNAPSHOT_SCHEMA = 'satudata-audit-snapshot/1';

export interface SnapshotItem {
  id: string; opd: string; judul: string; period: string | null;
  found: boolean; collected: boolean; validated: boolean; published: boolean; overdue: boolean; score?: number;
  /** Last data and metadata edits seen on the matched dataset (YYYY-MM-DD). */
  dataModified?: string; metadataModified?: string;
}

export interface Snapshot {
  schema: typeof SNAPSHOT_SCHEMA;
  runId: string;
  asOf: string;
  week: string;
  generatedAt: string;
  registrySha256: string;
  datasetCount: number;
  guard: GuardResult['level'];
  totals: { wajib: number; pctCollected: number; pctPublished: number; overdue: number };
  opd: { kode: string; wajib: number; pctCollected: number; pctPublished: number; overdue: number; rank: number | null }[];
  items: SnapshotItem[];
  /** When the links were checked: URL → consecutive failed runs, for the links failing in this run. */
  linkFailures?: Record<string, number>;
}

export function toSnapshot(r: AuditReport): Snapshot {
  return {
    schema: SNAPSHOT_SCHEMA, runId: r.runId, asOf: r.asOf, week: r.week, generatedAt: r.generatedAt,
    registrySha256: r.registry.sha256, datasetCount: r.source.datasets, guard: r.guard.level,
    totals: { wajib: r.totals.funnel.wajib, pctCollected: r.totals.pctCollected, pctPublished: r.totals.pctPublished, overdue: r.totals.overdue },
    opd: r.opd.map((o) => ({ kode: o.kode, wajib: o.funnel.wajib, pctCollected: o.pctCollected, pctPublished: o.pctPublished, overdue: o.overdue, rank: o.rank })),
    items: r.items.map((i) => ({
      id: i.id, opd: i.opd, judul: i.judul, period: i.period, found: i.found, collected: i.collected,
      validated: i.validated, published: i.published, overdue: isOverdue(i), ...(i.score !== undefined ? { score: i.score } : {}),
      ...(i.dataModified ? { dataModified: i.dataModified } : {}), ...(i.metadataModified ? { metadataModified: i.metadataModified } : {}),
    })),
    ...(r.links ? { linkFailures: r.links.failures } : {}),
  };
}

export function snapshotName(week: string): string {
  return `snapshot-${week}.json`;
}

export async function writeSnapshot(dir: string, s: Snapshot): Promise<string> {
  const path = join(dir, snapshotName(s.week));
  await writeFileAtomic(path, JSON.stringify(s) + '\n');
  return path;
}

/** Every readable province snapshot of the folder, oldest first. Unreadable files are skipped. */
export async function readHistory(dir: string): Promise<Snapshot[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const re = /^snapshot-\d{4}-W\d{2}\.json$/;
  const out: Snapshot[] = [];
  for (const name of names.filter((n) => re.test(n))) {
    try {
      const s = JSON.parse(await readFile(join(dir, name), 'utf8')) as Snapshot;
      if (s && s.schema === SNAPSHOT_SCHEMA && Array.isArray(s.items)) out.push(s);
    } catch {
      // a broken file must not stop the weekly run
    }
  }
  return out.sort((a, b) => a.asOf.localeCompare(b.asOf));
}

/** The snapshot to compare with: the latest of an earlier week whose run was not refused by the guard. */
export function previousSnapshot(history: Snapshot[], week: string, asOf: string): Snapshot | undefined {
  return history.filter((s) => s.week !== week && s.asOf < asOf && s.guard !== 'refuse').pop();
}
