import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManualPortal } from '../../src/portal/manual/adapter.js';
import { pushPackages } from '../../src/portal/push.js';
import { unzipEntries } from '../../src/package/zip.js';
import { digestBytes } from '../../src/package/hash.js';
import { buildPackage, ledger, tmp } from './helpers.js';

describe('manual package (web-upload portals)', () => {
  it('writes one ZIP with data, original, datapackage.json, Metadata.xlsx, reports and a README with sha256', async () => {
    const dir = tmp();
    const p = await buildPackage(dir, 1);
    const portal = new ManualPortal({ name: 'ntb', config: { kind: 'manual', dir: join(dir, 'unggah') }, lang: 'id' });
    const l = await ledger(join(dir, 'ledger'));
    const s = await pushPackages([p], { portal, ledger: l });
    expect(s.results[0]).toMatchObject({ outcome: 'ok', writes: 1 });
    const zip = readFileSync(join(dir, 'unggah', 'dukcapil-lobar-uji-1.zip'));
    const entries = await unzipEntries(zip);
    expect(entries.map((e) => e.path).sort()).toEqual([
      'Metadata.xlsx', 'README.txt', 'data/dukcapil-lobar-uji-1.csv', 'datapackage.json', 'original/penduduk-1.csv', 'report/validation.html', 'report/validation.json',
    ]);
    const readme = Buffer.from(entries.find((e) => e.path === 'README.txt')!.bytes).toString('utf8');
    expect(readme).toContain('Langkah unggah');
    for (const e of entries.filter((x) => x.path !== 'README.txt')) expect(readme).toContain(`${digestBytes(e.bytes).sha256}  ${e.path}`);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(entries.find((e) => e.path === 'Metadata.xlsx')!.bytes) as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Metadata']);
    const ws = wb.getWorksheet('Metadata')!;
    const rows = ws.getSheetValues().filter(Boolean).map((r) => (r as unknown[]).slice(1, 3));
    expect(rows).toContainEqual(['Produsen Data', 'dukcapil-lobar — Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lombok Barat']);
    expect(rows).toContainEqual(['Satuan', 'jiwa']);
    expect(l.get('dukcapil-lobar-uji-1')?.outcome).toBe('packaged');

    // deterministic: a second run finds the same ZIP and writes nothing
    const again = await pushPackages([p], { portal, ledger: l });
    expect(again.results[0]).toMatchObject({ outcome: 'unchanged', writes: 0 });
    expect(readFileSync(join(dir, 'unggah', 'dukcapil-lobar-uji-1.zip'))).toEqual(zip);
  });
});

describe('manual portal semantics: packaged until the walidata confirms', () => {
  it('a second unchanged run adds no pushed_at; --confirm publishes; the report counts packaged as collected only', async () => {
    const { readLedger } = await import('../../src/audit/sources/ledger.js');
    const dir = tmp();
    const p = await buildPackage(dir, 2);
    const portal = new ManualPortal({ name: 'uji', config: { kind: 'manual', dir: join(dir, 'unggah') }, lang: 'id' });
    const l = await ledger(join(dir, 'ledger'));
    await pushPackages([p], { portal, ledger: l });
    await pushPackages([p], { portal, ledger: l });
    const file = JSON.parse(readFileSync(l.path, 'utf8'));
    expect(file.datasets[0].outcome).toBe('packaged');
    expect(file.entries.map((e: { period: string }) => e.period)).toEqual(['2022', '2023']);
    expect(file.entries.every((e: { pushed_at?: string }) => e.pushed_at === undefined)).toBe(true);
    const before = await readLedger(l.path);
    expect(before.datasets[0]!.periods['2023']).toMatchObject({ collected: '2025-01-02', validated: '2025-01-02' });
    expect(before.datasets[0]!.periods['2023']!.published).toBeUndefined();

    expect(await l.confirm('dukcapil-lobar-uji-2', '2025-02-03T17:00:00Z')).toBe(true);
    expect(await l.confirm('tidak-ada', '2025-02-03T17:00:00Z')).toBe(false);
    const after = await readLedger(l.path);
    expect(after.datasets[0]!.periods['2023']!.published).toBe('2025-02-04'); // 17:00 UTC is the next day in WITA
    // an unchanged push after the confirmation keeps it published; a changed ZIP is packaged (unpublished) again
    await pushPackages([p], { portal, ledger: l });
    expect((await readLedger(l.path)).datasets[0]!.periods['2023']!.published).toBe('2025-02-04');
    const changed = await buildPackage(dir, 2, { meta: { satuan: 'orang' } });
    await pushPackages([changed], { portal, ledger: l });
    expect((await readLedger(l.path)).datasets[0]!.periods['2023']!.published).toBeUndefined();
  });

  it('satudata push --confirm NAME marks it uploaded; an unknown name is a coded error (exit 2); --confirm needs a manual portal', async () => {
    const { runCli } = await import('../support/cli.js');
    const dir = tmp();
    const p = await buildPackage(dir, 3);
    const env = { SATUDATA_CONFIG: join(dir, 'none.json'), SATUDATA_LEDGER_DIR: join(dir, 'ledger'), SATUDATA_PORTAL_NTB_KIND: 'manual' };
    const first = runCli(['push', '--portal', 'ntb', p], env, dir); // the ZIP goes to <cwd>/unggah
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('--confirm dukcapil-lobar-uji-3');
    const ok = runCli(['push', '--portal', 'ntb', '--confirm', 'dukcapil-lobar-uji-3'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('dikonfirmasi');
    const ledgerFile = JSON.parse(readFileSync(join(dir, 'ledger', 'ntb.json'), 'utf8'));
    expect(ledgerFile.datasets[0]).toMatchObject({ outcome: 'pushed' });
    expect(ledgerFile.entries.every((e: { pushed_at?: string }) => typeof e.pushed_at === 'string')).toBe(true);
    const unknown = runCli(['push', '--portal', 'ntb', '--confirm', 'tidak-ada'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('[push-manual-unknown]');
    const notManual = runCli(['push', '--portal', 'ckan1', '--confirm', 'x'], { ...env, SATUDATA_PORTAL_CKAN1_KIND: 'ckan', SATUDATA_PORTAL_CKAN1_URL: 'http://127.0.0.1:9' });
    expect(notManual.code).toBe(2);
    expect(notManual.stderr).toContain('--confirm');
  });
});
