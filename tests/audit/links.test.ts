import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDay } from '../../src/audit/dates.js';
import { checkLinks, probeLink } from '../../src/audit/links.js';
import type { ObservedState } from '../../src/audit/model.js';
import { defaultPolicies } from '../../src/audit/policy.js';
import { DEFAULT_RANKING } from '../../src/audit/ranking.js';
import { runAudit } from '../../src/audit/run-audit.js';
import { readHistory } from '../../src/audit/snapshot.js';
import { readLedger } from '../../src/audit/sources/ledger.js';
import { formatMarkdown } from '../../src/audit/format/markdown.js';
import { allTables } from '../../src/audit/format/tables.js';
import { LEDGER_W14, REGISTRY } from './helpers.js';

let server: Server;
let base: string;
let closedPort: string;
const seen: { method: string; path: string; headers: IncomingHttpHeaders }[] = [];
let flakyHits = 0;
let fixed = false;

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ method: req.method!, path: req.url!, headers: req.headers });
    const path = req.url!;
    if (path === '/ok.csv') return res.writeHead(200, { 'content-type': 'text/csv' }).end(req.method === 'HEAD' ? undefined : 'a,b\n');
    if (path === '/no-head.csv') {
      if (req.method === 'HEAD') return res.writeHead(405).end();
      return res.writeHead(req.headers.range === 'bytes=0-0' ? 206 : 200).end('a');
    }
    if (path === '/gone.csv') return res.writeHead(404).end();
    if (path === '/flaky.csv') return res.writeHead(flakyHits++ === 0 ? 503 : 200).end();
    if (path === '/down.csv') return res.writeHead(500).end();
    if (path === '/moved.csv') return res.writeHead(301, { location: '/ok.csv' }).end();
    if (path === '/later.csv') return res.writeHead(fixed ? 200 : 404).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // a port with nothing listening: open a server, note its port, close it
  const tmp = createServer();
  await new Promise<void>((r) => tmp.listen(0, '127.0.0.1', r));
  closedPort = `http://127.0.0.1:${(tmp.address() as AddressInfo).port}`;
  await new Promise<void>((r) => tmp.close(() => r()));
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

const noWait = { sleep: async () => {}, timeoutMs: 5000 };

describe('probeLink (HEAD, then a one-byte GET; retried once)', () => {
  it('ok links: 200, a redirect to 200, and a server that refuses HEAD but answers a ranged GET', async () => {
    expect(await probeLink(`${base}/ok.csv`, noWait)).toEqual({ ok: true, status: 200, reason: '' });
    expect(await probeLink(`${base}/moved.csv`, noWait)).toEqual({ ok: true, status: 200, reason: '' });
    seen.length = 0;
    expect(await probeLink(`${base}/no-head.csv`, noWait)).toEqual({ ok: true, status: 206, reason: '' });
    expect(seen.map((s) => `${s.method} ${s.headers.range ?? ''}`)).toEqual(['HEAD ', 'GET bytes=0-0']);
  });

  it('failing links: 404 at once (no GET, no retry), 500 after a retry of each, no answer, not http', async () => {
    seen.length = 0;
    expect(await probeLink(`${base}/gone.csv`, noWait)).toEqual({ ok: false, status: 404, reason: 'HTTP 404' });
    expect(seen.map((s) => s.method)).toEqual(['HEAD']);
    seen.length = 0;
    expect(await probeLink(`${base}/down.csv`, noWait)).toEqual({ ok: false, status: 500, reason: 'HTTP 500' });
    expect(seen.map((s) => s.method)).toEqual(['HEAD', 'HEAD', 'GET', 'GET']);
    expect(await probeLink(`${closedPort}/x.csv`, noWait)).toMatchObject({ ok: false, status: null, reason: 'ECONNREFUSED' });
    expect((await probeLink('ftp://data.ntbprov.go.id/x.csv', noWait)).reason).toMatch(/not an http\(s\) link/);
    expect((await probeLink('data/x.csv', noWait)).ok).toBe(false);
  });

  it('retries a 503 once, and never sends credentials', async () => {
    flakyHits = 0;
    seen.length = 0;
    expect(await probeLink(`${base}/flaky.csv`, noWait)).toEqual({ ok: true, status: 200, reason: '' });
    expect(seen).toHaveLength(2);
    expect(seen.every((s) => s.headers.authorization === undefined && s.headers.cookie === undefined)).toBe(true);
  });

  it('checkLinks probes each distinct URL once, with bounded concurrency, reporting progress', async () => {
    seen.length = 0;
    const ds = [
      { name: 'a', periods: {}, links: [{ url: `${base}/ok.csv` }, { url: `${base}/gone.csv` }] },
      { name: 'b', periods: {}, links: [{ url: `${base}/ok.csv` }] },
    ];
    const progress: string[] = [];
    const probes = await checkLinks(ds, { ...noWait, concurrency: 1, onProgress: (done, total) => progress.push(`${done}/${total}`) });
    expect([...probes.keys()].sort()).toEqual([`${base}/gone.csv`, `${base}/ok.csv`]);
    expect(seen).toHaveLength(2);
    expect(progress).toEqual(['1/2', '2/2']);
  });
});

describe('report --check-links (through runAudit)', () => {
  it('counts consecutive failed weeks in the snapshots; broken at the threshold, newly broken in the trend, cleared when fixed', async () => {
    const history = await mkdtemp(join(tmpdir(), 'satudata-links-'));
    try {
      fixed = false;
      const observe = async (): Promise<ObservedState> => {
        const s = await readLedger(LEDGER_W14);
        s.datasets[0]!.links = [{ url: `${base}/later.csv`, resource: 'Data 2021' }, { url: `${base}/ok.csv` }];
        s.datasets[1]!.links = [{ url: `${base}/ok.csv` }];
        return s;
      };
      const run = (asOf: string) => runAudit({
        registry: REGISTRY, observe, asOf: parseDay(asOf)!, lang: 'id', policies: defaultPolicies(), ranking: DEFAULT_RANKING, history,
        links: { threshold: 2, options: noWait },
      });
      const first = await run('2022-04-04');
      if (!first.ok) throw new Error('registry');
      expect(first.report.links).toMatchObject({ checked: 2, failing: 1, threshold: 2, broken: [] });
      expect((await readHistory(history))[0]!.linkFailures).toEqual({ [`${base}/later.csv`]: 1 });

      const second = await run('2022-04-11');
      if (!second.ok) throw new Error('registry');
      const links = second.report.links!;
      expect(links.broken).toHaveLength(1);
      const b = links.broken[0]!;
      expect(b).toMatchObject({ url: `${base}/later.csv`, resource: 'Data 2021', status: 404, reason: 'HTTP 404', failures: 2 });
      const firstDataset = (await observe()).datasets[0]!.name;
      const item = second.report.items.find((i) => i.dataset === firstDataset)!;
      expect(b).toMatchObject({ item: item.id, opd: item.opd, judul: item.judul });
      expect(second.report.trend!.changes.filter((c) => c.kind === 'tautan-rusak')).toEqual([{ kind: 'tautan-rusak', id: item.id, opd: item.opd, judul: item.judul, detail: `${base}/later.csv` }]);
      // every format shows it: the table (XLSX sheet, CSV file) and the Markdown section
      const table = allTables(second.report, 'id').find((t) => t.key === 'tautan-rusak')!;
      expect(table.title).toBe('Tautan Rusak');
      expect(table.rows).toHaveLength(1);
      const md = formatMarkdown(second.report, 'en');
      expect(md).toContain('## Broken links (1)');
      expect(md).toContain('2 resource links checked; 1 failed this week; 1 count as broken (failed 2 weekly runs in a row).');

      fixed = true;
      const third = await run('2022-04-18');
      if (!third.ok) throw new Error('registry');
      expect(third.report.links).toMatchObject({ failing: 0, broken: [] });
      expect((await readHistory(history)).at(-1)!.linkFailures).toEqual({});
    } finally {
      await rm(history, { recursive: true, force: true });
    }
  });

  it('one OPD\'s report probes only that OPD\'s links', async () => {
    const observe = async (): Promise<ObservedState> => {
      const s = await readLedger(LEDGER_W14);
      s.datasets.forEach((d, i) => (d.links = [{ url: `${base}/ok.csv?d=${i}` }]));
      return s;
    };
    const all = await observe();
    const province = await runAudit({ registry: REGISTRY, observe, asOf: parseDay('2022-04-04')!, lang: 'id', policies: defaultPolicies(), ranking: DEFAULT_RANKING, history: null });
    if (!province.ok) throw new Error('registry');
    const first = province.report.items.find((i) => i.dataset === all.datasets[0]!.name)!;
    seen.length = 0;
    const one = await runAudit({
      registry: REGISTRY, observe, asOf: parseDay('2022-04-04')!, lang: 'id', policies: defaultPolicies(), ranking: DEFAULT_RANKING, history: null,
      opd: first.opd, links: { threshold: 1, options: noWait },
    });
    if (!one.ok) throw new Error('registry');
    const mine = new Set(one.report.items.map((i) => i.dataset).filter(Boolean));
    expect(one.report.links!.checked).toBe(all.datasets.filter((d) => mine.has(d.name)).length);
    expect(one.report.links!.checked).toBeLessThan(all.datasets.length);
    expect(seen).toHaveLength(one.report.links!.checked);
  });

  it('without --check-links there is no links table and no snapshot field', async () => {
    const s = await runAudit({ registry: REGISTRY, observe: () => readLedger(LEDGER_W14), asOf: parseDay('2022-04-04')!, lang: 'id', policies: defaultPolicies(), ranking: DEFAULT_RANKING, history: null });
    if (!s.ok) throw new Error('registry');
    expect(s.report.links).toBeUndefined();
    expect(allTables(s.report, 'id').some((t) => t.key === 'tautan-rusak')).toBe(false);
  });
});
