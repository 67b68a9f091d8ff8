import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkDatasetCount } from '../../src/audit/guards.js';
import { parseDay } from '../../src/audit/dates.js';
import { defaultPolicies } from '../../src/audit/policy.js';
import { DEFAULT_RANKING } from '../../src/audit/ranking.js';
import { runAudit } from '../../src/audit/run-audit.js';
import { readLedger } from '../../src/audit/sources/ledger.js';
import { previousSnapshot, readHistory, SNAPSHOT_SCHEMA, toSnapshot } from '../../src/audit/snapshot.js';
import { computeTrend } from '../../src/audit/trend.js';
import type { ObservedState } from '../../src/audit/model.js';
import { fixtureReport, LEDGER_W14, LEDGER_W15, REGISTRY } from './helpers.js';

const run = (history: string, observe: () => Promise<ObservedState>, asOf: string) =>
  runAudit({ registry: REGISTRY, observe, asOf: parseDay(asOf)!, lang: 'id', policies: defaultPolicies(), ranking: DEFAULT_RANKING, history });

describe('trend between two weekly snapshots', () => {
  it('lists newly collected/published, resolved, regressions, renamed and removed items, and per-OPD deltas', async () => {
    const w14 = await fixtureReport(LEDGER_W14, '2022-04-04');
    const prev = toSnapshot(w14);
    // simulate a registry edit between the weeks: one item renamed, one removed
    prev.items[0]!.judul = 'Judul lama';
    prev.items.push({ id: 'DD-9999', opd: prev.items[1]!.opd, judul: 'Item dihapus', period: '2021', found: true, collected: true, validated: true, published: true, overdue: false });
    const w15 = await fixtureReport(LEDGER_W15, '2022-04-11');
    const t = computeTrend(w15, prev);
    expect(t.previousWeek).toBe('2022-W14');
    expect(t.counts['ganti-judul']).toBe(1);
    expect(t.counts.dihapus).toBe(1);
    expect(t.counts.regresi).toBe(1);
    expect(t.counts['baru-terkumpul']).toBe(2);
    expect(t.counts['baru-terbit']).toBeGreaterThanOrEqual(8); // 8 moved to published, plus weekly items' new periods
    expect(t.counts.selesai).toBeGreaterThan(0);
    expect(t.dPublished).toBe(Math.round((w15.totals.pctPublished - w14.totals.pctPublished) * 100) / 100);
    expect(w15.totals.funnel.terpublikasi - w14.totals.funnel.terpublikasi).toBe(7); // 8 published, 1 regression
    expect(t.opd.some((o) => o.dRank !== null && o.dRank !== 0)).toBe(true);
  });

  it('flags an unpublished item whose dataset got only a metadata edit since last week', async () => {
    const w15 = await fixtureReport(LEDGER_W15, '2022-04-11');
    const waiting = w15.items.filter((i) => i.found && !i.published).slice(0, 2);
    expect(waiting).toHaveLength(2);
    const prev = toSnapshot(await fixtureReport(LEDGER_W14, '2022-04-04'));
    for (const i of waiting) {
      Object.assign(i, { metadataModified: '2022-04-08', dataModified: '2022-01-10' });
      Object.assign(prev.items.find((p) => p.id === i.id)!, { metadataModified: '2022-03-01', dataModified: '2022-01-10' });
    }
    waiting[1]!.dataModified = '2022-04-08'; // new data came too: not "only metadata"
    const flagged = computeTrend(w15, prev).changes.filter((c) => c.kind === 'hanya-metadata');
    expect(flagged).toContainEqual({ kind: 'hanya-metadata', id: waiting[0]!.id, opd: waiting[0]!.opd, judul: waiting[0]!.judul, detail: `2022-04-08 · ${waiting[0]!.period}` });
    expect(flagged.map((c) => c.id)).not.toContain(waiting[1]!.id);
    // the fixture's own week has such items too: each is unpublished, metadata newer, data unchanged
    const before = new Map(prev.items.map((p) => [p.id, p]));
    for (const c of flagged) {
      const i = w15.items.find((x) => x.id === c.id)!;
      const p = before.get(c.id)!;
      expect(i.published).toBe(false);
      expect(i.metadataModified! > p.metadataModified!).toBe(true);
      expect(i.dataModified ?? '').toBe(p.dataModified ?? '');
    }
  });

  it('stores atomic versioned snapshots, compares with the previous week and keeps a sparkline history', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-hist-'));
    const first = await run(dir, () => readLedger(LEDGER_W14), '2022-04-04');
    expect(first.ok && first.report.trendNote).toBe('first-run');
    const second = await run(dir, () => readLedger(LEDGER_W15), '2022-04-11');
    if (!second.ok) throw new Error('registry');
    expect(second.report.trend?.previousWeek).toBe('2022-W14');
    expect(second.report.history.map((p) => p.week)).toEqual(['2022-W14', '2022-W15']);
    expect(readdirSync(dir).sort()).toEqual(['snapshot-2022-W14.json', 'snapshot-2022-W15.json']); // no temp files left
    const snap = JSON.parse(readFileSync(join(dir, 'snapshot-2022-W15.json'), 'utf8'));
    expect(snap.schema).toBe(SNAPSHOT_SCHEMA);
    // a re-run in the same week compares with the previous week, not with itself
    const again = await run(dir, () => readLedger(LEDGER_W15), '2022-04-12');
    expect(again.ok && again.report.trend?.previousWeek).toBe('2022-W14');
    // a broken snapshot file is skipped
    writeFileSync(join(dir, 'snapshot-2022-W13.json'), '{broken');
    expect((await readHistory(dir)).map((s) => s.week)).toEqual(['2022-W14', '2022-W15']);
  });
});

describe('run-health guards', () => {
  it('warns above a 2 % drop and refuses above 50 % or at zero', () => {
    expect(checkDatasetCount(980, 1000).level).toBe('ok');
    expect(checkDatasetCount(979, 1000)).toMatchObject({ level: 'warn', dropPct: 2.1 });
    expect(checkDatasetCount(500, 1000).level).toBe('warn');
    expect(checkDatasetCount(499, 1000).level).toBe('refuse');
    expect(checkDatasetCount(0, 1000).level).toBe('refuse');
    expect(checkDatasetCount(0, undefined).level).toBe('refuse');
    expect(checkDatasetCount(1200, 1000).level).toBe('ok');
    expect(checkDatasetCount(10, undefined).level).toBe('ok');
  });

  it('refuses the trend when the portal looks down, and never uses that run as a baseline', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-guard-'));
    await run(dir, () => readLedger(LEDGER_W14), '2022-04-04');
    const outage = async (): Promise<ObservedState> => ({ source: 'ckan', location: 'http://portal', datasets: [], datasetCount: 0 });
    const down = await run(dir, outage, '2022-04-11');
    if (!down.ok) throw new Error('registry');
    expect(down.report.guard.level).toBe('refuse');
    expect(down.report.trend).toBeNull();
    expect(down.report.trendNote).toBe('guard-refused');
    const history = await readHistory(dir);
    expect(history.map((s) => [s.week, s.guard])).toEqual([['2022-W14', 'ok'], ['2022-W15', 'refuse']]);
    expect(previousSnapshot(history, '2022-W16', '2022-04-18')?.week).toBe('2022-W14');
    const half = async (): Promise<ObservedState> => { const s = await readLedger(LEDGER_W15); return { ...s, datasetCount: Math.floor(s.datasetCount * 0.97) }; };
    const warn = await run(dir, half, '2022-04-18');
    expect(warn.ok && warn.report.guard.level).toBe('warn');
    expect(warn.ok && warn.report.trend?.previousWeek).toBe('2022-W14');
  });
});
