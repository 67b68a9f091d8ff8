/** `satudata package` as a library: layout, descriptor, determinism, refusal of invalid data, atomicity. */
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles, packageFile, PackageRefused } from '../../src/package/build.js';
import { loadPackage } from '../../src/package/load.js';
import { unzipEntries } from '../../src/package/zip.js';
import { loadSchemaFile } from '../../src/standards/schema.js';
import { findStandard, loadCatalog } from '../../src/standards/catalog.js';
import { copyFixture, FIXED, SCHEMA, tmp } from '../portal/helpers.js';

async function opts(extra: object = {}) {
  return { standard: { schema: await loadSchemaFile(SCHEMA), path: SCHEMA }, lang: 'id' as const, version: '0.1.0', now: FIXED, ...extra };
}

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(dir)) out[f] = readFileSync(join(dir, f)).toString('base64');
  return out;
}

describe('package layout and descriptor', () => {
  it('writes tidy CSV, original, reports and datapackage.json with bytes and sha256', async () => {
    const root = tmp('satudata-pkg-');
    const file = copyFixture(join(root, 'in'));
    const r = await packageFile(file, join(root, 'out'), await opts());
    expect(r.name).toBe('dukcapil-lobar-penduduk-kecamatan');
    expect(await listFiles(r.path)).toEqual([
      'data/dukcapil-lobar-penduduk-kecamatan.csv', 'datapackage.json', 'original/penduduk-kecamatan.csv', 'report/validation.html', 'report/validation.json',
    ]);
    expect(readFileSync(join(r.path, 'original/penduduk-kecamatan.csv'))).toEqual(readFileSync(file));
    const d = JSON.parse(readFileSync(join(r.path, 'datapackage.json'), 'utf8'));
    expect(Object.keys(d)).toEqual(['$schema', 'name', 'title', 'description', 'created', 'licenses', 'keywords', 'resources', 'satudata:metadata', 'satudata:provenance']);
    expect(d.resources.map((x: { name: string }) => x.name)).toEqual(['data', 'original', 'laporan-validasi-json', 'laporan-validasi-html']);
    for (const res of d.resources) {
      expect(res.bytes).toBe(readFileSync(join(r.path, res.path)).length);
      expect(res.hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    }
    expect(d.resources[0].schema.fields).toHaveLength(6);
    expect(d['satudata:metadata'].satuan).toBe('jiwa');
    expect(d['satudata:provenance']).toMatchObject({ validated_at: '2025-01-02T03:04:05Z', valid: true, allow_invalid: false, tool: { name: 'satudata' }, report: { data_rows: 20 } });
    expect(d['satudata:provenance'].code_list_edition).toBeTruthy();
    // loadPackage checks every hash
    expect((await loadPackage(r.path)).resources).toHaveLength(4);
    const report = readFileSync(join(r.path, 'report/validation.json'), 'utf8');
    expect(report).not.toContain(root); // no local folders in a published report
  });

  it('normalises messy input into the tidy CSV (header row, data rows only, plain numbers)', async () => {
    const root = tmp('satudata-pkg-');
    mkdirSync(join(root, 'in'));
    const file = join(root, 'in', 'messy.csv');
    writeFileSync(file, 'DATA PENDUDUK\nkode_wilayah;nama_kecamatan;tahun;laki_laki;perempuan;jumlah\n52.01.01;=HYPERLINK("x");2022;43.351;42.877;86.228\nJumlah;;;43.351;42.877;86.228\n');
    const r = await packageFile(file, join(root, 'out'), await opts({ allowInvalid: true }));
    const csv = readFileSync(join(r.path, `data/${r.name}.csv`), 'utf8');
    expect(csv.split('\n')[0]).toBe('kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah');
    expect(csv).toContain(`'=HYPERLINK(""x"")`);
    expect(csv).not.toContain('Jumlah;');
    expect(csv.trim().split('\n')).toHaveLength(2);
  });

  it('is deterministic: two builds are byte-identical (fixed clock); only declared timestamps change otherwise', async () => {
    const root = tmp('satudata-pkg-');
    const file = copyFixture(join(root, 'in'));
    const a = await packageFile(file, join(root, 'a'), await opts());
    const b = await packageFile(file, join(root, 'b'), await opts());
    expect(await snapshot(b.path)).toEqual(await snapshot(a.path));
    const za = await packageFile(file, join(root, 'a.zip'), await opts());
    const zb = await packageFile(file, join(root, 'b.zip'), await opts());
    expect(readFileSync(zb.path)).toEqual(readFileSync(za.path));
    expect((await unzipEntries(readFileSync(za.path))).map((e) => e.path)).toEqual(await listFiles(a.path));
    const c = await packageFile(file, join(root, 'c'), await opts({ now: new Date('2030-05-05T00:00:00Z') }));
    const strip = (p: string) => readFileSync(join(p, 'datapackage.json'), 'utf8').replace(/"(created|validated_at)": "[^"]+"/g, '');
    expect(strip(c.path)).toBe(strip(a.path));
  });
});

describe('refusal and atomicity', () => {
  it('refuses data with errors unless --allow-invalid, which marks the package', async () => {
    const root = tmp('satudata-pkg-');
    const file = copyFixture(join(root, 'in'));
    writeFileSync(file, readFileSync(file, 'utf8').replace('43351', 'banyak'));
    const err = await packageFile(file, join(root, 'out'), await opts()).catch((e) => e);
    expect(err).toBeInstanceOf(PackageRefused);
    expect(existsSync(join(root, 'out', 'dukcapil-lobar-penduduk-kecamatan'))).toBe(false);
    expect(readdirSync(join(root, 'out'))).toEqual([]); // no temp folder left behind
    const r = await packageFile(file, join(root, 'out'), await opts({ allowInvalid: true }));
    expect(r.valid).toBe(false);
    expect(r.notes.map((n) => n.code)).toContain('package-allow-invalid');
    const d = JSON.parse(readFileSync(join(r.path, 'datapackage.json'), 'utf8'));
    expect(d['satudata:provenance']).toMatchObject({ valid: false, allow_invalid: true });
  });

  it('--allow-invalid on a file whose columns match none of the standard writes no blank rows', async () => {
    const root = tmp('satudata-pkg-');
    const file = copyFixture(join(root, 'in'));
    writeFileSync(file, 'warna,nilai\nmerah,1\nbiru,2\n');
    const r = await packageFile(file, join(root, 'out'), await opts({ allowInvalid: true }));
    expect(r.valid).toBe(false);
    const csv = readFileSync(join(r.path, 'data', readdirSync(join(r.path, 'data'))[0]!), 'utf8');
    expect(csv.trim().split('\n')).toHaveLength(1); // the header only, not two rows of commas
  });

  it('a failed rebuild leaves the previous package whole and no temp folder', async () => {
    const root = tmp('satudata-pkg-');
    const file = copyFixture(join(root, 'in'));
    const r = await packageFile(file, join(root, 'out'), await opts());
    const before = await snapshot(r.path);
    writeFileSync(file, readFileSync(file, 'utf8').replace('43351', 'banyak'));
    await expect(packageFile(file, join(root, 'out'), await opts())).rejects.toBeInstanceOf(PackageRefused);
    expect(await snapshot(r.path)).toEqual(before);
    expect(readdirSync(join(root, 'out'))).toEqual(['dukcapil-lobar-penduduk-kecamatan']);
  });

  it('an unexpected failure mid-build removes the temp folder (zip output too)', async () => {
    const root = tmp('satudata-pkg-');
    const file = copyFixture(join(root, 'in'));
    const o = await opts();
    // a schema object that breaks the build after the temp folder exists
    const broken = { ...o, standard: { schema: { ...o.standard.schema, fields: null as never } } };
    await expect(packageFile(file, join(root, 'out'), broken)).rejects.toThrow();
    expect(readdirSync(join(root, 'out'))).toEqual([]);
    await expect(packageFile(file, join(root, 'z', 'p.zip'), broken)).rejects.toThrow();
    expect(readdirSync(join(root, 'z'))).toEqual([]);
  });

  it('notes missing metadata', async () => {
    const root = tmp('satudata-pkg-');
    mkdirSync(join(root, 'in'));
    const file = join(root, 'in', 'tanpa-meta.csv');
    writeFileSync(file, readFileSync('fixtures/package/penduduk-kecamatan.csv'));
    const r = await packageFile(file, join(root, 'out'), await opts());
    expect(r.notes.map((n) => n.code)).toEqual(['package-no-metadata']);
    expect(r.name).toBe('jumlah-penduduk-kecamatan');
  });

  it('notes missing metadata with a catalog standard too (its validation reports metadata-missing as well)', async () => {
    const root = tmp('satudata-pkg-');
    mkdirSync(join(root, 'in'));
    const file = join(root, 'in', 'tanpa-meta.csv');
    writeFileSync(file, readFileSync('fixtures/standards/penduduk-jenis-kelamin-kecamatan/valid.csv'));
    const standard = findStandard(await loadCatalog(), 'penduduk-jenis-kelamin-kecamatan')!;
    const r = await packageFile(file, join(root, 'out'), await opts({ standard }));
    expect(r.report.tables[0]!.issues.map((i) => i.code)).toContain('metadata-missing');
    expect(r.notes.map((n) => n.code)).toContain('package-no-metadata');
    // the standard's own "$schema": "../meta/standard.schema.json" would be a missing reference in the package
    const descriptor = readFileSync(join(r.path, 'datapackage.json'), 'utf8');
    expect(descriptor).not.toContain('../meta/');
    expect(JSON.parse(descriptor).resources[0].schema.$schema).toBe('https://datapackage.org/profiles/2.0/tableschema.json');
  });
});

describe('workbooks', () => {
  it('packages an XLSX with a Metadata sheet: tidy CSV from the data sheet, metadata from the sheet', async () => {
    const root = tmp('satudata-pkg-');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    const data = wb.addWorksheet('Data');
    const lines = readFileSync('fixtures/package/penduduk-kecamatan.csv', 'utf8').trim().split('\n').map((l) => l.split(','));
    data.addRow(['Jumlah Penduduk per Kecamatan, Kabupaten Lombok Barat']);
    lines.forEach((cells, i) => data.addRow(i === 0 ? cells : cells.map((c, j) => (j >= 2 ? Number(c) : c))));
    const meta = wb.addWorksheet('Metadata');
    const m = JSON.parse(readFileSync('fixtures/package/penduduk-kecamatan.metadata.json', 'utf8'));
    const { METADATA_LABELS } = await import('../../src/standards/metadata.js');
    for (const [k, label] of Object.entries(METADATA_LABELS)) {
      const v = m[k];
      if (v === undefined) continue;
      meta.addRow([label.id, k === 'produsen' ? v.kode : Array.isArray(v) ? v.join(', ') : String(v)]);
    }
    mkdirSync(join(root, 'in'));
    const file = join(root, 'in', 'penduduk.xlsx');
    await wb.xlsx.writeFile(file);
    const r = await packageFile(file, join(root, 'out'), await opts({ allowInvalid: true, sheet: 'Data' }));
    const csv = readFileSync(join(r.path, `data/${r.name}.csv`), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah');
    expect(csv).toHaveLength(21);
    expect(csv[1]).toBe('52.01.01,Gerung,2022,43351,42877,86228');
    const d = JSON.parse(readFileSync(join(r.path, 'datapackage.json'), 'utf8'));
    expect(d['satudata:metadata'].satuan).toBe('jiwa');
    expect(d.resources[1]).toMatchObject({ path: 'original/penduduk.xlsx', format: 'xlsx' });
    expect(r.name).toMatch(/^dukcapil-lobar/);
  });
});

describe('package-name-clash: two sources, one name', () => {
  it('refuses a second file of the same name in one run and a folder package made from another file, naming both', async () => {
    const { PackageNameClash, packageFile } = await import('../../src/package/build.js');
    const { loadSchemaFile } = await import('../../src/standards/schema.js');
    const { copyFileSync, mkdirSync, mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const root = mkdtempSync(join(tmpdir(), 'satudata-clash-'));
    const schema = await loadSchemaFile('fixtures/schemas/penduduk-kecamatan.schema.json');
    const make = (sub: string, name: string) => {
      mkdirSync(join(root, sub), { recursive: true });
      copyFileSync('fixtures/package/penduduk-kecamatan.csv', join(root, sub, `${name}.csv`));
      copyFileSync('fixtures/package/penduduk-kecamatan.metadata.json', join(root, sub, `${name}.metadata.json`));
      return join(root, sub, `${name}.csv`);
    };
    const a = make('a', 'penduduk-a');
    const b = make('b', 'penduduk-b');
    const opts = { standard: { schema }, lang: 'id' as const, version: '0.1.0', now: new Date('2025-01-02T00:00:00Z') };
    const taken = new Map<string, string>();
    await packageFile(a, join(root, 'paket'), { ...opts, taken });
    const inRun = await packageFile(b, join(root, 'paket'), { ...opts, taken }).catch((e: unknown) => e);
    expect(inRun).toBeInstanceOf(PackageNameClash);
    expect(inRun).toMatchObject({ packageName: 'dukcapil-lobar-penduduk-kecamatan', first: a, second: b });
    // a later run: the folder already holds the package made from penduduk-a.csv
    const inFolder = await packageFile(b, join(root, 'paket'), opts).catch((e: unknown) => e);
    expect(inFolder).toBeInstanceOf(PackageNameClash);
    expect(String((inFolder as { first: string }).first)).toContain('penduduk-a.csv');
    // the same file again is an update, not a clash
    await expect(packageFile(a, join(root, 'paket'), opts)).resolves.toMatchObject({ name: 'dukcapil-lobar-penduduk-kecamatan' });
  });
});
