/**
 * Contract tests for the SIPD e-Walidata adapter. The shapes come from public walidata applications, not
 * from official documentation (unverified): Bearer auth, get_ref_dssd, get_dssd?kodepemda&tahun, and
 * push_dssd {data: [{kodeindikator, kodepemda, tahun, data}]}. These tests pin what the adapter sends.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SipdPortal } from '../../src/portal/sipd/adapter.js';
import { aggregateCsv, kodepemdaOf } from '../../src/portal/sipd/aggregate.js';
import { pushPackages } from '../../src/portal/push.js';
import { buildPackage, fastRetry, ledger, tmp } from './helpers.js';

const TOKEN = 'sipd-secret-token-0001';
const seen: { method: string; path: string; auth: string; body: string }[] = [];
const stored = new Map<string, string>(); // kodeindikator/kodepemda/tahun → data
let url = '';
const server = createServer(async (req, res) => {
  let body = '';
  for await (const c of req) body += c;
  seen.push({ method: req.method!, path: req.url!, auth: String(req.headers.authorization ?? ''), body });
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end('{"message":"Unauthorized"}');
  const u = new URL(req.url!, 'http://x');
  res.setHeader('content-type', 'application/json');
  if (u.pathname === '/serv/get_ref_dssd') return void res.end(JSON.stringify([{ kodeindikator: 'IND-1', uraian_indikator: 'Jumlah penduduk', satuan: 'jiwa' }]));
  if (u.pathname === '/serv/get_dssd') {
    const rows = [...stored].filter(([k]) => k.endsWith(`/${u.searchParams.get('kodepemda')}/${u.searchParams.get('tahun')}`)).map(([k, v]) => ({ kodeindikator: k.split('/')[0], tahun: k.split('/')[2], data: v }));
    return void res.end(JSON.stringify(rows));
  }
  if (u.pathname === '/serv/push_dssd' && req.method === 'POST') {
    for (const d of JSON.parse(body).data) stored.set(`${d.kodeindikator}/${d.kodepemda}/${d.tahun}`, d.data);
    return void res.end(JSON.stringify({ status: true }));
  }
  res.writeHead(404).end('{}');
});

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/serv`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('SIPD aggregate', () => {
  it('sums a value column per year and writes kode pemda without dots', () => {
    const csv = 'kode_wilayah,tahun,jumlah\n52.01.01,2022,10\n52.01.02,2022,5.5\n52.01.01,2023,7\n';
    expect(aggregateCsv(csv, { kodeindikator: 'I', kodepemda: kodepemdaOf('52.01'), valueField: 'jumlah', yearField: 'tahun', aggregate: 'sum' })).toEqual([
      { kodeindikator: 'I', kodepemda: '5201', tahun: '2022', data: '15.5' },
      { kodeindikator: 'I', kodepemda: '5201', tahun: '2023', data: '7' },
    ]);
    expect(() => aggregateCsv(csv, { kodeindikator: 'I', kodepemda: '52', valueField: 'jumlah', yearField: 'tahun', aggregate: 'single' })).toThrow(/2022/);
  });
});

describe('SIPD adapter contract', () => {
  it('identifies with Bearer, pushes one value per indicator × pemda × year, then skips equal values', async () => {
    const dir = tmp();
    const p = await buildPackage(dir, 1, { meta: { kode_indikator: 'IND-1' } });
    const portal = new SipdPortal({ name: 'sipd', config: { kind: 'sipd', url }, token: TOKEN, retry: fastRetry });
    await portal.identify();
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/serv/get_ref_dssd?kodepemda=', auth: `Bearer ${TOKEN}` });
    const l = await ledger(join(dir, 'ledger'));
    const s = await pushPackages([p], { portal, ledger: l });
    expect(s.results[0]).toMatchObject({ outcome: 'ok', writes: 1 });
    const push = seen.find((x) => x.path === '/serv/push_dssd')!;
    expect(JSON.parse(push.body)).toEqual({ data: [
      { kodeindikator: 'IND-1', kodepemda: '5201', tahun: '2022', data: '724701' },
      { kodeindikator: 'IND-1', kodepemda: '5201', tahun: '2023', data: '735747' },
    ] });
    const again = await pushPackages([p], { portal, ledger: l });
    expect(again.results[0]).toMatchObject({ outcome: 'unchanged', writes: 0 });
    expect(seen.filter((x) => x.path === '/serv/push_dssd')).toHaveLength(1);
  });

  it('refuses a bad token clearly and never echoes it', async () => {
    const portal = new SipdPortal({ name: 'sipd', config: { kind: 'sipd', url }, token: 'wrong-token-xyz', retry: fastRetry });
    const err = await portal.identify().catch((e) => e);
    expect(err.code).toBe('push-auth');
    expect(JSON.stringify(err.params)).not.toContain('wrong-token-xyz');
  });

  it('blocks a dataset without kode_indikator (nothing is sent)', async () => {
    const dir = tmp();
    const p = await buildPackage(dir, 2, { meta: { kode_indikator: undefined } });
    const portal = new SipdPortal({ name: 'sipd', config: { kind: 'sipd', url }, token: TOKEN, retry: fastRetry });
    const before = seen.length;
    const s = await pushPackages([p], { portal, ledger: await ledger(join(dir, 'ledger')) });
    expect(s.plans[0]!.blocked?.code).toBe('push-sipd-mapping');
    expect(seen.length).toBe(before);
  });
});
