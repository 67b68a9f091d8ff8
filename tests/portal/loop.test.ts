/**
 * The push → portal → report loop (issue 12): 50 packages pushed with `satudata push` to the loopback CKAN
 * stand-in, then `satudata report --ckan` against the same server and `satudata report --ledger` on the push
 * ledger. Every pushed item-period is collected, validated and published with the right WITA dates, and
 * both sources give the same funnel.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CkanMock } from '../support/ckan-mock.js';
import { runCliAsync } from '../support/cli.js';
import { packageFile } from '../../src/package/build.js';
import { loadSchemaFile } from '../../src/standards/schema.js';
import { witaDate } from '../../src/portal/contract.js';
import { FIXTURE_CSV, FIXTURE_META, SCHEMA, tmp, TOKEN } from './helpers.js';

const N = 50;
const OPD = '1.01.0.00.0.00.01.0000';
// validated at 17:30 UTC on 1 January: 2 January in WITA (a UTC date would be a day early)
const VALIDATED = new Date('2026-01-01T17:30:00Z');

let mock: CkanMock;
let dir: string;
const names: string[] = [];

beforeAll(async () => {
  mock = await new CkanMock({ users: { [TOKEN]: { name: 'walidata', orgs: { diskominfotik: 'editor' } } } }).start();
  dir = tmp('satudata-loop-');
  const schema = await loadSchemaFile(SCHEMA);
  const csv = readFileSync(FIXTURE_CSV, 'utf8');
  const base = JSON.parse(readFileSync(FIXTURE_META, 'utf8'));
  const rows = ['id,judul,kode_opd,frekuensi,data_prioritas,kode_urusan,standar,periode_awal,lag_hari,nama_dataset'];
  for (let i = 1; i <= N; i++) {
    const src = join(dir, 'src', String(i));
    mkdirSync(src, { recursive: true });
    writeFileSync(join(src, 'data.csv'), csv);
    const slug = `uji-loop-${i}`;
    writeFileSync(join(src, 'data.metadata.json'), JSON.stringify({ ...base, slug, item: `DD-${String(i).padStart(4, '0')}`, judul: `Jumlah Penduduk Uji ${i}`, periode_awal: '2024', periode_akhir: '2025' }));
    const r = await packageFile(join(src, 'data.csv'), join(dir, 'paket'), { standard: { schema, path: SCHEMA }, lang: 'id', version: '0.1.0', now: VALIDATED });
    names.push(r.path);
    rows.push(`DD-${String(i).padStart(4, '0')},Jumlah Penduduk Uji ${i},${OPD},tahunan,tidak,2.12,,2024,,${slug}`);
  }
  writeFileSync(join(dir, 'daftar.csv'), rows.join('\n') + '\n');
}, 60_000);
afterAll(() => mock.close());

describe('push → CKAN → report loop', () => {
  it('every pushed item-period is counted collected and published, with the same funnel from the ledger (≤ 10 s)', async () => {
    const started = performance.now();
    const env = {
      SATUDATA_CONFIG: join(dir, 'tidak-ada.json'), SATUDATA_LEDGER_DIR: join(dir, 'ledger'),
      SATUDATA_PORTAL_UJI_KIND: 'ckan', SATUDATA_PORTAL_UJI_URL: mock.url, SATUDATA_PORTAL_UJI_ORG: 'diskominfotik', SATUDATA_PORTAL_UJI_TOKEN: TOKEN,
    };
    const push = await runCliAsync(['push', '--portal', 'uji', '--concurrency', '8', ...names], env);
    expect(push.stderr).toBe('');
    expect(push.code).toBe(0);
    expect(mock.packages.size).toBe(N);
    const today = witaDate(new Date().toISOString())!;
    const asOf = today;
    const args = (src: string[]) => ['report', join(dir, 'daftar.csv'), ...src, '--as-of', asOf, '--format', 'json', '--no-history'];
    const [fromCkan, fromLedger] = await Promise.all([
      runCliAsync(args(['--ckan', mock.url]), { CKAN_TOKEN: TOKEN }),
      runCliAsync(args(['--ledger', join(dir, 'ledger', 'uji.json')])),
    ]);
    const seconds = (performance.now() - started) / 1000;
    expect(fromCkan.stderr).toBe('');
    expect(fromLedger.stderr).toBe('');
    const ck = JSON.parse(fromCkan.stdout);
    const lg = JSON.parse(fromLedger.stdout);
    expect(ck.totals.funnel).toEqual({ wajib: N, terdaftar: N, terkumpul: N, tervalidasi: N, terpublikasi: N });
    expect(lg.totals.funnel).toEqual(ck.totals.funnel);
    for (const it of ck.items) {
      expect(it.period).toBe('2025');
      expect(it.collectedAt).toBe('2026-01-02');
      expect(it.publishedAt).toBe(today);
    }
    const byId = new Map(lg.items.map((x: { id: string }) => [x.id, x]));
    for (const it of ck.items) expect(byId.get(it.id)).toMatchObject({ collected: it.collected, published: it.published, collectedAt: it.collectedAt, publishedAt: it.publishedAt, dataset: it.dataset });
    // the contract's extras on the portal
    const d = mock.byName('uji-loop-7')!;
    expect(d.extras).toEqual(expect.arrayContaining([{ key: 'satudata_item', value: 'DD-0007' }, { key: 'periode_awal', value: '2024' }, { key: 'periode_akhir', value: '2025' }, { key: 'satudata_validated_at', value: '2026-01-01T17:30:00Z' }]));
    expect(seconds).toBeLessThan(10);
  }, 30_000);
});
