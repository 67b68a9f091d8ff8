import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { validateFile } from '../../src/check/validate-file.js';
import { standardById } from '../../src/standards/resolve.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-std-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const pairs = (issues: { code: string; cell?: string }[]) => issues.map((i) => `${i.code}@${i.cell ?? ''}`);
const META = {
  judul: 'Jumlah Penduduk Menurut Jenis Kelamin Kabupaten Lombok Barat', produsen: { kode: '2.12.0.00.0.00.01.0000' },
  frekuensi: 'tahunan', periode_awal: '2023', periode_akhir: '2023', tingkat_penyajian: 'kecamatan', cakupan: '52.01',
  akses: 'terbuka', lisensi: 'cc-by-4.0', konsep: 'Penduduk terdaftar di administrasi kependudukan', definisi: 'Jumlah penduduk per kecamatan',
  ukuran: 'Jumlah', satuan: 'orang', metode_perhitungan: 'Penjumlahan', sumber: 'Dinas Dukcapil Kabupaten Lombok Barat',
};

async function check(file: string, id = 'penduduk-jenis-kelamin-kecamatan') {
  const [r] = await validateFile(file, { dataStandard: await standardById(id), maxErrors: 1000 });
  return r!;
}

describe('standard rules', () => {
  it('finds a total that is not the sum of its parts', async () => {
    const r = await check(write('sum.csv', 'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah\n52.01.01,Gerung,2023,44012,43530,87542\n52.01.02,Kediri,2023,30050,30211,60000\n'));
    expect(pairs(r.issues)).toContain('sum-mismatch@F3');
    expect(r.issues.find((i) => i.code === 'sum-mismatch')!.params).toMatchObject({ total: 'jumlah', parts: 'laki_laki + perempuan' });
  });

  it('catches the complaint table that reports 68% for 185 of 278 (66,5%)', async () => {
    const r = await check(write('aduan.csv', [
      'kode_opd,nama_opd,tahun,periode,pengaduan_diterima,pengaduan_ditindaklanjuti,persentase_ditindaklanjuti',
      '1.02.0.00.0.00.02.0000,Dinas Kesehatan,2024,TW1,278,185,68%',
      '1.02.0.00.0.00.02.0000,Dinas Kesehatan,2024,TW2,120,90,75',
      '1.02.0.00.0.00.02.0000,Dinas Kesehatan,2024,TW3,50,60,120',
    ].join('\n') + '\n'), 'pengaduan-pelayanan-publik-opd');
    const formula = r.issues.filter((i) => i.code === 'formula-mismatch');
    expect(formula.map((i) => i.cell)).toEqual(['G2']);
    expect(formula[0]!.params).toMatchObject({ expected: '66,55' });
    expect(pairs(r.issues)).toContain('compare-failed@F4');
    expect(pairs(r.issues)).toContain('constraint-error@G4');
  });
});

describe('kode referensi', () => {
  it('checks codes, levels, names, parents, BPS codes and code forms', async () => {
    const r = await check(write('kode.csv', [
      'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah',
      '52.01.01,Gerung,2023,1,1,2',
      '520102,Kediri,2023,1,1,2',
      '52.01.07,Kuripan,2023,1,1,2',
      '52.01.99,Antah Berantah,2023,1,1,2',
      '52.01,Lombok Barat,2023,1,1,2',
      '5201010,Sekotong,2023,1,1,2',
      '52.01.08,LABU API,2023,1,1,2',
    ].join('\n') + '\n'));
    const got = pairs(r.issues);
    // 2023 data, 2025 edition: an unknown code may be an older one; "LABU API" is Labuapi spelled differently
    expect(got).toEqual(expect.arrayContaining(['code-format@A3', 'name-mismatch@B4', 'region-code-old-edition@A5', 'code-level@A6', 'bps-code@A7', 'region-name-spelling@B8']));
    expect(got).not.toContain('unknown-code@A5');
    expect(r.issues.find((i) => i.code === 'region-name-spelling')!.params).toMatchObject({ official: 'Labuapi' });
    expect(r.issues.find((i) => i.code === 'region-code-old-edition')!.params).toMatchObject({ edition: 'Kepmendagri 300.2.2-2138/2025', year: '2023' });
    expect(r.issues.find((i) => i.code === 'name-mismatch')!.params).toMatchObject({ expectedName: 'Sekotong' });
    expect(r.references).toEqual({ wilayah: 'kepmendagri-300.2.2-2138-2025' });
  });

  it('a former name beside its code is said as a former name (a warning), not as a wrong name; the names BPS writes are no errors', async () => {
    const r = await check(write('kab.csv', [
      'kode_wilayah,nama_kabupaten_kota,tahun,jumlah_penduduk_miskin,persentase_penduduk_miskin',
      '12.12,Toba Samosir,2023,1,1',
      '12.13,Toba Samosir,2023,1,1',
      '31.74,Kota Jakarta Selatan,2023,1,1',
      '64.11,Mahakam Hulu,2023,1,1',
      '63.02,Kota Baru,2023,1,1',
    ].join('\n') + '\n'), 'penduduk-miskin-kabupaten-kota');
    const names = r.issues.filter((i) => /name/.test(i.code));
    expect(pairs(names)).toEqual(['region-name-former@B2', 'name-mismatch@B3', 'region-name-spelling@B5', 'region-name-spelling@B6']);
    expect(names[0]!).toMatchObject({ severity: 'warning', params: { official: 'Kabupaten Toba' } });
    // a former name beside another code: wrong, and the code that carries it now is suggested
    expect(names[1]!).toMatchObject({ severity: 'error', params: { expectedName: 'Kabupaten Mandailing Natal', suggestion: '@hint.code-for-name:12.12' } });
    expect(names[2]!.params).toMatchObject({ official: 'Kabupaten Mahakam Ulu' });
    expect(names[3]!.params).toMatchObject({ official: 'Kabupaten Kotabaru' });
  });

  it('reports rows outside the jurisdiction and missing kecamatan per period, from the metadata cakupan', async () => {
    const file = write('cakupan.csv', [
      'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah',
      '52.01.01,Gerung,2023,1,1,2',
      '52.01.02,Kediri,2023,1,1,2',
      '52.02.01,Praya,2023,1,1,2',
    ].join('\n') + '\n');
    write('cakupan.metadata.json', JSON.stringify(META));
    const r = await check(file);
    expect(pairs(r.issues)).toContain('outside-jurisdiction@A4');
    const missing = r.issues.find((i) => i.code === 'coverage-missing')!;
    expect(missing.params).toMatchObject({ period: '2023', count: 8, expected: 10 });
    expect(String(missing.params!.names)).toContain('Sekotong (52.01.07)');
    expect(r.metadata?.source).toMatch(/cakupan\.metadata\.json$/);
  });
});

describe('metadata', () => {
  const data = 'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah\n52.01.01,Gerung,2022,1,1,2\n';

  it('checks a sidecar JSON against the canonical model and cross-checks it with the data', async () => {
    const file = write('meta1.csv', data);
    write('meta1.metadata.json', JSON.stringify({ ...META, frekuensi: 'bulanan', satuan: 'ton', lisensi: undefined, produsen: { kode: '9.99.0.00.0.00.99.0000' } }));
    const r = await check(file);
    const codes = r.issues.map((i) => `${i.code}:${i.params?.key ?? ''}`);
    expect(codes).toEqual(expect.arrayContaining(['metadata-error:lisensi', 'metadata-mismatch:satuan', 'metadata-mismatch:frekuensi', 'unknown-opd:', 'metadata-period:']));
  });

  it('reads a YAML sidecar and a datapackage.json', async () => {
    const yamlDir = mkdtempSync(join(dir, 'yaml-'));
    writeFileSync(join(yamlDir, 'd.csv'), data);
    writeFileSync(join(yamlDir, 'd.metadata.yaml'), Object.entries({ ...META, periode_awal: '2022', periode_akhir: '2022' }).map(([k, v]) => (typeof v === 'object' ? `${k}:\n  kode: "${(v as { kode: string }).kode}"` : `${k}: "${v}"`)).join('\n') + '\n');
    const y = await check(join(yamlDir, 'd.csv'));
    expect(y.metadata?.source).toMatch(/d\.metadata\.yaml$/);
    expect(y.issues.filter((i) => i.code.startsWith('metadata'))).toEqual([]);
    const pkgDir = mkdtempSync(join(dir, 'pkg-'));
    writeFileSync(join(pkgDir, 'd.csv'), data);
    writeFileSync(join(pkgDir, 'datapackage.json'), JSON.stringify({ name: 'x', resources: [], 'satudata:metadata': { ...META, judul: 'x' } }));
    const p = await check(join(pkgDir, 'd.csv'));
    expect(p.metadata?.source).toMatch(/datapackage\.json$/);
    expect(p.issues.some((i) => i.code === 'metadata-error' && i.params?.key === 'judul')).toBe(true);
  });

  it('reads a Metadata sheet with Indonesian labels and points at its cells', async () => {
    const wb = new ExcelJS.Workbook();
    const d = wb.addWorksheet('Data');
    d.addRow(['kode_wilayah', 'nama_kecamatan', 'tahun', 'laki_laki', 'perempuan', 'jumlah']);
    d.addRow(['52.01.01', 'Gerung', 2023, 1, 1, 2]);
    const m = wb.addWorksheet('Metadata');
    m.addRow(['Judul', META.judul]);
    m.addRow(['Produsen Data', '2.12.0.00.0.00.01.0000 - Dinas Kependudukan dan Pencatatan Sipil']);
    m.addRow(['Frekuensi', 'tahunan']);
    m.addRow(['Periode Awal', '2023']);
    m.addRow(['Periode Akhir', '2023']);
    m.addRow(['Tingkat Penyajian', 'kecamatan']);
    m.addRow(['Cakupan Wilayah', '52.01']);
    m.addRow(['Akses', 'publik']);
    const file = join(dir, 'sheet.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await check(file);
    expect(r.sheet).toBe('Data');
    expect(r.metadata).toEqual({ source: file, sheet: 'Metadata' });
    const errors = r.issues.filter((i) => i.code === 'metadata-error');
    expect(errors.map((i) => i.params!.key)).toEqual(expect.arrayContaining(['akses', 'lisensi', 'konsep']));
    expect(errors.find((i) => i.params!.key === 'akses')!.params!.source).toBe('Metadata!B8');
  });
});

describe('coverage duplicates and code suggestions', () => {
  it('lists units that appear twice in a period when the key does not already forbid it', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const noKey = { ...std, schema: { ...std.schema, primaryKey: undefined } };
    const file = write('dup.csv', 'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah\n52.01.01,Gerung,2023,1,1,2\n52.01.01,Gerung,2023,1,1,2\n');
    write('dup.metadata.json', JSON.stringify(META));
    const [r] = await validateFile(file, { dataStandard: noKey, maxErrors: 1000 });
    const dup = r!.issues.find((i) => i.code === 'coverage-duplicate')!;
    expect(dup.params).toMatchObject({ period: '2023', count: 1 });
    expect(String(dup.params!.names)).toContain('Gerung (52.01.01)');
  });

  it('suggests the code that carries a mismatched name', async () => {
    const r = await check(write('suggest.csv', 'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah\n52.01.01,Sekotong,2023,1,1,2\n'));
    const m = r.issues.find((i) => i.code === 'name-mismatch')!;
    expect(m.params).toMatchObject({ expectedName: 'Gerung', suggestion: '@hint.code-for-name:52.01.07' });
  });
});
