import { describe, expect, it } from 'vitest';
import { fixtureReport } from './helpers.js';
import { METADATA_MAX, metadataBand, scoreMetadata } from '../../src/audit/metadata-score.js';
import { composite, DEFAULT_RANKING, rank } from '../../src/audit/ranking.js';
import type { OpdRow } from '../../src/audit/model.js';

describe('the 2021 fixture (965 items, NTB action plan figures)', () => {
  it('computes 94.30 % collected (910) and 92.54 % published (893) of 965', async () => {
    const r = await fixtureReport();
    expect(r.totals.funnel).toEqual({ wajib: 965, terdaftar: 930, terkumpul: 910, tervalidasi: 900, terpublikasi: 893 });
    expect(r.totals.pctCollected).toBe(94.3);
    expect(r.totals.pctPublished).toBe(92.54);
    expect(r.week).toBe('2022-W14');
    expect(r.opd.length).toBeGreaterThanOrEqual(40);
    // per-OPD and per-frequency funnels add up to the total
    expect(r.opd.reduce((s, o) => s + o.funnel.terpublikasi, 0)).toBe(893);
    expect(r.frequencies.reduce((s, f) => s + f.funnel.terkumpul, 0)).toBe(910);
  });

  it('gives every unpublished item a gap reason and puts late items in the worklist, priority first', async () => {
    const r = await fixtureReport();
    const gaps = r.items.filter((i) => !i.published);
    expect(gaps).toHaveLength(72);
    expect(gaps.every((i) => i.gap !== undefined)).toBe(true);
    const counts = Object.fromEntries(['tidak-ditemukan', 'belum-ada-isian', 'menunggu-validasi', 'gagal-validasi', 'belum-terbit'].map((g) => [g, gaps.filter((i) => i.gap === g).length]));
    expect(counts).toEqual({ 'tidak-ditemukan': 35, 'belum-ada-isian': 20, 'menunggu-validasi': 7, 'gagal-validasi': 3, 'belum-terbit': 7 });
    expect(r.worklist.length).toBe(72);
    const firstNonPriority = r.worklist.findIndex((i) => !i.prioritas);
    expect(r.worklist.slice(firstNonPriority).every((i) => !i.prioritas)).toBe(true);
    expect(Object.values(r.ageing).reduce((a, b) => a + b, 0)).toBe(72);
  });

  it('scores metadata MQA-style (405 points) and ranks OPDs with visible weights and a minimum item count', async () => {
    expect(METADATA_MAX).toBe(405);
    expect(scoreMetadata({}).score).toBe(0);
    expect(metadataBand(351)).toBe('sangat-baik');
    expect(metadataBand(350)).toBe('baik');
    expect(metadataBand(120)).toBe('kurang');
    const r = await fixtureReport();
    const ranked = r.opd.filter((o) => o.rank !== null);
    expect(ranked.every((o) => o.funnel.wajib >= DEFAULT_RANKING.minItems)).toBe(true);
    expect(ranked[0]!.rank).toBe(1);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i]!.composite).toBeLessThanOrEqual(ranked[i - 1]!.composite);
    expect(r.opd.every((o) => o.band === (o.pctPublished >= 80 ? 'hijau' : o.pctPublished >= 50 ? 'biru' : 'kuning'))).toBe(true);
    expect(r.metadataChecks[0]!.recoverable).toBeGreaterThanOrEqual(r.metadataChecks[1]!.recoverable);
  });

  it('breaks ranking ties by fewer overdue items and leaves small OPDs unranked', () => {
    const row = (kode: string, wajib: number, overdue: number): OpdRow => ({
      kode, nama: kode, singkatan: kode, items: wajib, funnel: { wajib, terdaftar: wajib, terkumpul: wajib, tervalidasi: wajib, terpublikasi: wajib },
      pctCollected: 100, pctPublished: 100, overdue, delinquent: 0, notYetDue: 0, pctOnTime: 100, metadataMean: 300, composite: 0, rank: null, band: 'hijau',
    });
    const rows = [row('B', 10, 2), row('A', 10, 1), row('C', 3, 0)];
    for (const r of rows) r.composite = composite(r, DEFAULT_RANKING);
    rank(rows, DEFAULT_RANKING);
    expect(rows.map((r) => [r.kode, r.rank])).toEqual([['B', 2], ['A', 1], ['C', null]]);
  });

  it('builds one OPD report with --opd', async () => {
    const all = await fixtureReport();
    const kode = all.opd.find((o) => o.singkatan === 'DISKOMINFOTIK')!.kode;
    const r = await fixtureReport(undefined, undefined, kode);
    expect(r.opd).toHaveLength(1);
    expect(r.items.every((i) => i.opd === kode)).toBe(true);
    expect(r.totals.funnel.wajib).toBe(all.opd.find((o) => o.kode === kode)!.funnel.wajib);
  });
});
