import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeAudit } from '../../src/audit/compute.js';
import { parseDay } from '../../src/audit/dates.js';
import { defaultPolicies } from '../../src/audit/policy.js';
import { DEFAULT_RANKING } from '../../src/audit/ranking.js';
import { periodsIn, readCkan } from '../../src/audit/sources/ckan.js';
import { readFolder } from '../../src/audit/sources/folder.js';
import { readLedger, SourceError } from '../../src/audit/sources/ledger.js';
import { startSearchMock, type SearchMock } from '../support/ckan-search-mock.js';
import { Ledger } from '../../src/portal/ledger.js';
import { item, LEDGER_W14 } from './helpers.js';

describe('CKAN portal source (package_search only)', () => {
  let mock: SearchMock;
  beforeAll(async () => { mock = await startSearchMock(1000); });
  afterAll(async () => { await mock.close(); });

  it('reads 1,000 datasets in at most 5 search requests, with organisation facets and a stable sort', async () => {
    mock.requests.length = 0;
    const s = await readCkan(mock.base);
    expect(s.datasets).toHaveLength(1000);
    expect(s.datasetCount).toBe(1000);
    expect(mock.requests.length).toBeLessThanOrEqual(5);
    expect(mock.requests.length).toBe(1);
    expect(s.requests).toBe(mock.requests.length);
    expect(mock.requests.every((r) => r.path === '/api/3/action/package_search' && r.params.sort === 'id asc')).toBe(true);
    expect(JSON.parse(mock.requests[0]!.params['facet.field']!)).toEqual(['organization']);
    expect(Object.values(s.facets ?? {}).reduce((a, b) => a + b, 0)).toBe(1000);
    const d = s.datasets.find((x) => x.name === 'opd-03-dataset-0003')!;
    expect(d.periods['2021']).toMatchObject({ published: '2022-02-10' });
    expect(d.dataModified).toBe('2022-02-10');
    expect(d.metadataModified).toBe('2022-03-20');
    expect(s.datasets.find((x) => x.name === 'opd-02-dataset-0002')!.periods['2021']).toMatchObject({ errors: 1 });
    expect(s.datasets.find((x) => x.name === 'opd-02-dataset-0002')!.periods['2021']!.published).toBeUndefined();
  });

  it('pages with start/rows when there are more than 1,000 datasets', async () => {
    const big = await startSearchMock(2500);
    try {
      const s = await readCkan(big.base);
      expect(s.datasets).toHaveLength(2500);
      expect(new Set(s.datasets.map((d) => d.name)).size).toBe(2500);
      expect(big.requests.map((r) => r.params.start)).toEqual(['0', '1000', '2000']);
    } finally {
      await big.close();
    }
  });

  it('feeds the audit: items matched by portal dataset name, gap reasons from the portal state', async () => {
    const s = await readCkan(mock.base);
    const items = [
      item({ id: 'A', dataset: 'opd-03-dataset-0003' }), // 2021 published
      item({ id: 'B', dataset: 'opd-01-dataset-0001', judul: 'Lain' }), // no 2021 resource
      item({ id: 'C', dataset: 'opd-02-dataset-0002', judul: 'Lain lagi' }), // 2021 failed validation
      item({ id: 'D', judul: 'Tidak ada di portal' }),
    ];
    const r = computeAudit({ registry: { path: 'x.csv', sha256: '0'.repeat(64), items }, observed: s, asOf: parseDay('2022-04-04')!, policies: defaultPolicies(), ranking: DEFAULT_RANKING, lang: 'id' });
    expect(r.items.map((i) => [i.id, i.published, i.gap ?? null])).toEqual([['A', true, null], ['B', false, 'belum-ada-isian'], ['C', false, 'gagal-validasi'], ['D', false, 'tidak-ditemukan']]);
    expect(r.source).toMatchObject({ kind: 'ckan', datasets: 1000, requests: 1 });
    expect(r.items[0]!.score).toBeGreaterThan(0);
  });

  it('turns a portal error into a coded source error', async () => {
    mock.failWith = 403;
    try {
      await expect(readCkan(mock.base)).rejects.toBeInstanceOf(SourceError);
    } finally {
      mock.failWith = undefined;
    }
  });

  it('finds period keys in resource names and file names', () => {
    expect(periodsIn('Data 2021 data-2021-Q3.csv')).toEqual(['2021', '2021-Q3']);
    expect(periodsIn('rekap_2022_03.xlsx 2022-S1')).toEqual(['2022-03', '2022-S1']);
    expect(periodsIn('kode 5201 tahun 12345')).toEqual([]);
  });
});

describe('ledger and folder sources', () => {
  it('reads the satudata-ledger/1 fixture: datasets, periods, data vs metadata dates', async () => {
    const s = await readLedger(LEDGER_W14);
    expect(s.source).toBe('ledger');
    expect(s.datasetCount).toBe(930);
    const d = s.datasets.find((x) => Object.keys(x.periods).length > 0)!;
    expect(d.dataModified).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(d.metadataModified).toBe('2022-03-01'); // metadata edited earlier than the data: the dates stay apart
  });

  it('reads the push ledger satudata push writes, matching items by the deterministic package name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-pushledger-'));
    const ledger = await Ledger.open('ntb', dir);
    const opd = '1.01.0.00.0.00.01.0000';
    await ledger.record({ name: '1-01-0-00-0-00-01-0000-jumlah-sekolah', package_id: 'p1', resources: { 'data-2020.csv': { name: 'data-2020.csv', sha256: 'a', pushed_at: '2021-03-01T02:00:00Z' }, 'data-2021.csv': { name: 'data-2021.csv', sha256: 'b', pushed_at: '2022-02-01T02:00:00Z' } }, pushed_at: '2022-02-01T02:00:00Z', outcome: 'pushed' });
    await ledger.record({ name: '1-01-0-00-0-00-01-0000-sd-guru', resources: { 'data-2021.csv': { name: 'data-2021.csv', sha256: 'c', pushed_at: '2022-02-03T02:00:00Z' } }, pushed_at: '2022-02-03T02:00:00Z', outcome: 'packaged' });
    const s = await readLedger(join(dir, 'ntb.json'));
    expect(s.datasetCount).toBe(2);
    const items = [item({ id: 'A', opd }), item({ id: 'B', opd, judul: 'Jumlah Guru', standar: 'SD-Guru' }), item({ id: 'C', opd, judul: 'Lain' })];
    const r = computeAudit({ registry: { path: 'x.csv', sha256: '0'.repeat(64), items }, observed: s, asOf: parseDay('2022-04-04')!, policies: defaultPolicies(), ranking: DEFAULT_RANKING, lang: 'id' });
    expect(r.items.map((i) => [i.id, i.found, i.published, i.gap ?? null])).toEqual([['A', true, true, null], ['B', true, false, 'belum-terbit'], ['C', false, false, 'tidak-ditemukan']]);
    expect(r.items[0]!.dataModified).toBe('2022-02-01');
  });

  it('rejects a file that is not a ledger with a coded error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-ledger-'));
    writeFileSync(join(dir, 'x.json'), '{"hello": 1}');
    await expect(readLedger(join(dir, 'x.json'))).rejects.toMatchObject({ code: 'audit-source-error' });
    await expect(readLedger(join(dir, 'missing.json'))).rejects.toMatchObject({ code: 'audit-source-error' });
  });

  it('validates submitted files on the fly from a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-folder-'));
    mkdirSync(join(dir, 'DIKBUD'));
    writeFileSync(join(dir, 'DIKBUD', 'DD-1_2021.csv'), 'kode_wilayah,nama,jumlah\n52.01,Lombok Barat,10\n52.02,Lombok Tengah,12\n');
    writeFileSync(join(dir, 'DIKBUD', 'DD-2_2021-Q4.csv'), '');
    writeFileSync(join(dir, 'catatan.txt'), 'bukan data');
    const s = await readFolder(dir);
    expect(s.datasets.map((d) => d.name).sort()).toEqual(['DD-1', 'DD-2']);
    expect(s.datasets.find((d) => d.name === 'DD-1')!.periods['2021']).toMatchObject({ errors: 0 });
    expect(s.datasets.find((d) => d.name === 'DD-2')!.periods['2021-Q4']!.errors).toBeGreaterThan(0);
    const items = [item({ id: 'DD-1' }), item({ id: 'DD-2', frekuensi: 'triwulanan', periodeAwal: '2021-Q1' })];
    const r = computeAudit({ registry: { path: 'x.csv', sha256: '0'.repeat(64), items }, observed: s, asOf: parseDay('2022-04-04')!, policies: defaultPolicies(), ranking: DEFAULT_RANKING, lang: 'id' });
    expect(r.items.map((i) => [i.id, i.period, i.validated, i.gap])).toEqual([['DD-1', '2021', true, 'belum-terbit'], ['DD-2', '2021-Q4', false, 'gagal-validasi']]);
    await expect(readFolder(join(dir, 'nope'))).rejects.toMatchObject({ code: 'audit-source-error' });
  });
});
