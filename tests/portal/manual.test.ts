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
