/**
 * Region names in tables read without a standard (src/check/region-name-checks.ts): Kemendagri code–name
 * pairs against the reference, one code with two names, and name-only columns read within their area.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../src/check/validate-file.js';
import { renderIssue } from '../../src/report/render.js';
import { standardById } from '../../src/standards/resolve.js';
import type { Issue } from '../../src/report/issue.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-names-'));
let n = 0;
async function issuesOf(lines: string[]): Promise<Issue[]> {
  const file = join(dir, `t${n++}.csv`);
  writeFileSync(file, lines.join('\n') + '\n');
  const [r] = await validateFile(file, { maxErrors: 1000, metadata: false });
  return r!.issues;
}
const named = (issues: Issue[], code: string) => issues.filter((i) => i.code === code);
const above = (issues: Issue[]) => issues.filter((i) => i.severity !== 'info');

const KAB = [
  ['5201', 'KABUPATEN LOMBOK BARAT'], ['5202', 'KABUPATEN LOMBOK TENGAH'], ['5203', 'KABUPATEN LOMBOK TIMUR'], ['5204', 'KABUPATEN SUMBAWA'],
  ['5205', 'KABUPATEN DOMPU'], ['5206', 'KABUPATEN BIMA'], ['5207', 'KABUPATEN SUMBAWA BARAT'], ['5208', 'KABUPATEN LOMBOK UTARA'],
  ['5271', 'KOTA MATARAM'], ['5272', 'KOTA BIMA'],
];
const header = 'kode_kabupaten_kota,nama_kabupaten_kota,jumlah_penduduk,tahun';

describe('Kemendagri code and name columns, without a standard', () => {
  it('a clean long table: nothing above info', async () => {
    const rows = [2022, 2023].flatMap((y) => KAB.map(([c, nm], i) => `${c},${nm},${1000 + i},${y}`));
    expect(above(await issuesOf([header, ...rows]))).toEqual([]);
  });

  it('names shifted against their codes in one year: one name-mismatch per wrong cell, with the code that has the name', async () => {
    const good = KAB.map(([c, nm], i) => `${c},${nm},${1000 + i},2023`);
    // 2022: Kota Mataram's code carries "KOTA BIMA"
    const shifted = KAB.map(([c, nm], i) => `${c},${c === '5271' ? 'KOTA BIMA' : nm},${900 + i},2022`);
    const issues = await issuesOf([header, ...shifted, ...good]);
    const m = named(issues, 'name-mismatch');
    expect(m.map((i) => i.cell)).toEqual(['B10']);
    expect(m[0]!.params).toMatchObject({ code: '52.71', name: 'KOTA BIMA', expectedName: 'Kota Mataram', suggestion: '@hint.code-for-name:52.72' });
    // the reference already said which name is wrong: no second finding for the same code
    expect(named(issues, 'code-two-names')).toEqual([]);
  });

  it('a name cut short at the cell width is a mismatch that says so', async () => {
    const rows = KAB.map(([c, nm], i) => `${c},${c === '5202' ? 'KAB. LOMBOK TEN' : nm},${i + 1},2023`);
    const m = named(await issuesOf([header, ...rows]), 'name-mismatch');
    expect(m).toHaveLength(1);
    expect(m[0]).toMatchObject({ cell: 'B3', params: { code: '52.02', expectedName: 'Kabupaten Lombok Tengah', suggestion: '@hint.name-truncated' } });
    expect(renderIssue(m[0]!, 'en').hint).toContain('looks cut short');
  });

  it('abbreviations inside official names are the same name (KOTA ADM., KAB. KEP.)', async () => {
    const issues = await issuesOf([header, '3171,KOTA ADM. JAKARTA SELATAN,1,2023', '3172,KOTA ADM. JAKARTA TIMUR,2,2023', '3173,KOTA ADM. JAKARTA PUSAT,3,2023', '3101,KAB. ADM. KEP. SERIBU,4,2023']);
    expect(above(issues)).toEqual([]);
  });

  it('a column labelled BPS is never judged by Kemendagri names; one code with two names is one finding', async () => {
    const issues = await issuesOf([
      'kode_bps,nama_bps,tahun,nilai',
      '1101,SIMEULUE,2022,1', '1102,ACEH SINGKIL,2022,2', '1103,ACEH SELATAN,2022,3', '1104,ACEH TENGGARA,2022,4',
      '1101,SIMEULUE,2023,1', '1102,ACEH SELATAN,2023,2', '1103,ACEH SELATAN,2023,3', '1104,ACEH TENGGARA,2023,4',
    ]);
    expect(named(issues, 'name-mismatch')).toEqual([]);
    const two = named(issues, 'code-two-names');
    expect(two).toHaveLength(1);
    expect(two[0]).toMatchObject({ severity: 'warning', cell: 'B3', params: { code: '1102', name: 'ACEH SINGKIL', rows: '3', other: 'ACEH SELATAN', otherRows: '7', count: 2 } });
    expect(renderIssue(two[0]!, 'id').message).toBe('Kode 1102 ditulis dengan 2 nama berbeda di berkas ini: "ACEH SINGKIL" (baris 3) dan "ACEH SELATAN" (baris 7).');
  });
});

describe('columns of region names without codes', () => {
  it('kecamatan of one kabupaten: spacing and glued BPS codes, official spelling named', async () => {
    const issues = await issuesOf([
      'Kecamatan,Laki-laki,Perempuan',
      '010. Sekotong,10,11', '011. Lembar,12,13', '020. Gerung,14,15', '030. Labu Api,16,17', '040. Kediri,18,19', '060. Narmada,20,21', '080. Gunung Sari,22,23',
    ]);
    const s = named(issues, 'region-name-spelling');
    expect(s.map((i) => [i.cell, i.params?.official])).toEqual([['A5', 'Labuapi'], ['A8', 'Gunungsari']]);
  });

  it('kabupaten/kota of one province: a name cut at the cell width gets its official name', async () => {
    const issues = await issuesOf([
      'Kabupaten/Kota,Nilai',
      'Lombok Barat,1', 'Lombok Ten,2', 'Lombok Timur,3', 'Sumbawa,4', 'Dompu,5', 'Kota Mataram,6',
    ]);
    const s = named(issues, 'region-name-spelling');
    expect(s.map((i) => [i.cell, i.params?.official])).toEqual([['A3', 'Kabupaten Lombok Tengah']]);
  });

  it('a former name beside its code is said as a former name; names alone: Kota Baru is Kotabaru, Toba Samosir a former name', async () => {
    const pairsTable = await issuesOf([header, '1201,KAB. TAPANULI TENGAH,1,2019', '1202,KAB. TAPANULI UTARA,2,2019', '1209,KAB. ASAHAN,3,2019', '1211,KAB. DAIRI,4,2019', '1212,KAB. TOBA SAMOSIR,5,2019']);
    expect(above(pairsTable).map((i) => [i.code, i.cell, i.severity, i.params?.official])).toEqual([['region-name-former', 'B6', 'warning', 'Kabupaten Toba']]);
    const kalsel = await issuesOf(['Kabupaten/Kota,Nilai', 'Tanah Laut,1', 'Kota Baru,2', 'Banjar,3', 'Barito Kuala,4', 'Tapin,5', 'Kota Banjarmasin,6']);
    expect(named(kalsel, 'region-name-spelling').map((i) => [i.cell, i.params?.official])).toEqual([['A3', 'Kabupaten Kotabaru']]);
    const sumut = await issuesOf(['Kabupaten/Kota,Nilai', 'Tapanuli Tengah,1', 'Toba Samosir,2', 'Asahan,3', 'Dairi,4', 'Kota Medan,5']);
    expect(above(sumut).map((i) => [i.code, i.cell, i.params?.official])).toEqual([['region-name-former', 'A3', 'Kabupaten Toba']]);
  });

  it('a one-word name that only starts an official name is not called truncated', async () => {
    const issues = await issuesOf(['Kecamatan,Nilai', 'Sekotong,1', 'Lembar,2', 'Gerung,3', 'Narmada,4', 'Kuri,5', 'Batu Layar,6']);
    expect(named(issues, 'region-name-spelling')).toEqual([]);
  });

  it('names beside BPS codes are read within the area of their BPS parent code (two kabupaten in one table), never by inserting dots', async () => {
    const issues = await issuesOf([
      'kode_kecamatan,nama_kecamatan,jumlah',
      '5201010,Sekotong,1', '5201011,Lembar,2', '5201020,Gerung,3', '5201030,Labu Api,4',
      '5202010,Praya Barat,5', '5202011,Praya Barat Daya,6', '5202020,Pujut,7', '5202060,Pringga Rata,8',
    ]);
    expect(named(issues, 'region-name-spelling').map((i) => [i.cell, i.params?.official])).toEqual([['B5', 'Labuapi'], ['B9', 'Pringgarata']]);
    expect(named(issues, 'name-mismatch')).toEqual([]);
  });

  it('a crosswalk keeps the BPS spellings: only its Kemendagri names are checked', async () => {
    const issues = await issuesOf([
      'kode_bps,nama_bps,kode_dagri,nama_dagri',
      '5201010,SEKOTONG,520107,SEKOTONG', '5201011,LEMBAR,520113,LEMBAR', '5201020,GERUNG,520101,GERUNG', '5201030,LABU API,520108,LABUAPI', '5201040,KEDIRI,520102,KEDIRI',
    ]);
    expect(named(issues, 'region-name-spelling')).toEqual([]);
    expect(above(issues).filter((i) => i.code !== 'bps-code')).toEqual([]);
  });

  it('names spread over many areas, or a column not labelled as regions: nothing said', async () => {
    const spread = await issuesOf(['Kabupaten/Kota,Nilai', 'Simeulue,1', 'Lombok Ten,2', 'Banyu Asin,3', 'Kota Padang Sidempuan,4', 'Pahuwato,5']);
    expect(named(spread, 'region-name-spelling')).toEqual([]);
    const other = await issuesOf(['Museum,Nilai', 'Gunung Sari,1', 'Labu Api,2', 'Sekotong,3', 'Lembar,4']);
    expect(named(other, 'region-name-spelling')).toEqual([]);
  });
});

describe('a name cut short, with a standard and no code', () => {
  it('is the spelling finding with the official name, not an unknown name', async () => {
    const file = join(dir, 'std.csv');
    writeFileSync(file, 'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah\n,Praya Teng,2023,1,1,2\n,Praya Barat,2023,1,1,2\n');
    const [r] = await validateFile(file, { dataStandard: await standardById('penduduk-jenis-kelamin-kecamatan'), maxErrors: 1000, metadata: false });
    expect(r!.issues.filter((i) => i.code === 'region-name-spelling').map((i) => [i.cell, i.params?.official])).toEqual([['B2', 'Praya Tengah']]);
    expect(r!.issues.filter((i) => i.code === 'unknown-region-name')).toEqual([]);
  });
});
