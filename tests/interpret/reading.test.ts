import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateFile } from '../../src/check/validate-file.js';
import { standardById } from '../../src/standards/resolve.js';
import { analyse } from '../../src/read/layout.js';
import { prepare } from '../../src/interpret/facts.js';
import { readWith } from '../../src/interpret/interpret.js';
import { decide, tally } from '../../src/interpret/conventions.js';
import { runFixFile } from '../../src/fix/run.js';
import type { RawRow } from '../../src/read/table.js';
import type { TableSchema } from '../../src/standards/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-reading-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const WORKBOOK = fileURLToPath(new URL('../../fixtures/opd/penduduk-lombok-barat-2023.xlsx', import.meta.url));

function reading(rows: string[][], schema?: TableSchema, delimiter?: string) {
  const raw: RawRow[] = rows.map((cells, i) => ({ n: i + 1, cells }));
  const layout = analyse(raw);
  const p = prepare(layout, raw.filter((r) => r.n > (layout.headerRows.at(-1) ?? 0)), { path: 't.csv', format: 'csv', bytes: 0, merges: [], notes: [], ...(delimiter ? { delimiter } : {}) });
  return readWith(p, schema);
}
const cells = (texts: string[], total?: string) => [...texts.map((text, i) => ({ text, cell: `A${i + 2}`, total: false })), ...(total ? [{ text: total, cell: 'A99', total: true }] : [])];

describe('number conventions, per column from evidence', () => {
  it('an integer field cannot hold 45.210 as a decimal: thousand dots', () => {
    expect(decide(tally(cells(['45.210', '30.050', '62.544'])), { type: 'integer', fileLocale: null })).toMatchObject({ style: 'thousand-dots', groupChar: '.', evidence: expect.arrayContaining(['integer-field']) });
  });
  it('trailing zeros, and nothing else, decide thousands; nothing at all leaves it undecided', () => {
    expect(decide(tally(cells(['1.234', '60.100'])), { fileLocale: null })!.evidence).toEqual(['trailing-zeros']);
    expect(decide(tally(cells(['1.234', '2.345'])), { fileLocale: null })).toMatchObject({ style: 'ambiguous', conflicts: ['A2', 'A3'] });
  });
  it('a totals row that adds up under one reading only decides it', () => {
    // 1.234 + 1.234.000 = 1.235.234 only with thousand dots
    expect(decide(tally(cells(['1.234', '1.234.000'], '1.235.234')), { fileLocale: null })!.evidence).toEqual(expect.arrayContaining(['groups-dot', 'total']));
  });
  it('conflicting evidence is one ambiguity naming the cells, not a guess', () => {
    // the field is an integer (thousands) but other numbers are written without grouping (1000)
    expect(decide(tally(cells(['900.545', '1000'])), { type: 'integer', fileLocale: null })).toMatchObject({ style: 'ambiguous', conflicts: ['A2'] });
  });
  it('decimal points and decimal commas in one column are mixed', () => {
    expect(decide(tally(cells(['1.5', '2,25', '3,5'])), { fileLocale: null })).toMatchObject({ style: 'mixed', conflicts: ['A2'] });
  });
});

describe('column mapping (the one matcher)', () => {
  it('maps Indonesian synonyms the standard declares, and a merged header leaf', async () => {
    const std = await standardById('pengaduan-pelayanan-publik-opd');
    const r = reading([['Perangkat Daerah', 'Tahun', 'Jumlah Aduan', 'Ditindaklanjuti', 'Persentase (%)'], ['Dinas Kesehatan', '2023', '120', '100', '83,33']], std.schema);
    expect(r.columns.map((c) => [c.label, c.field, c.how])).toEqual([
      ['Perangkat Daerah', 'nama_opd', 'alias'], ['Tahun', 'tahun', 'slug'], ['Jumlah Aduan', 'pengaduan_diterima', 'alias'],
      ['Ditindaklanjuti', 'pengaduan_ditindaklanjuti', 'alias'], ['Persentase (%)', 'persentase_ditindaklanjuti', 'alias'],
    ]);
    const pop = await standardById('penduduk-jenis-kelamin-kecamatan');
    const q = reading([['Kecamatan', 'Jenis Kelamin', '', 'Jumlah'], ['', 'Laki-laki', 'Perempuan', ''], ['Gerung', '45.210', '44.830', '90.040']], pop.schema);
    expect(q.columns.map((c) => c.field)).toEqual(['nama_kecamatan', 'laki_laki', 'perempuan', 'jumlah']);
    expect(q.columns[1]).toMatchObject({ parts: ['Jenis Kelamin', 'Laki-laki'], how: 'leaf', number: { style: 'thousand-dots' } });
  });
  it('a tie is never guessed: both candidates are named', () => {
    const schema = { fields: [{ name: 'jumlah_a', type: 'integer', 'satudata:alias': ['Jumlah'] }, { name: 'jumlah_b', type: 'integer', 'satudata:alias': ['Jumlah'] }] } as TableSchema;
    expect(reading([['Jumlah'], ['5']], schema).columns[0]).toMatchObject({ candidates: ['jumlah_a', 'jumlah_b'] });
  });
  it('a column of a few repeated words is a category, not missing markers', () => {
    const r = reading([['Desa', 'Listrik'], ['A', 'ADA'], ['B', 'TIDAK ADA'], ['C', 'ADA'], ['D', 'TIDAK ADA']]);
    expect(r.columns[1]).toMatchObject({ category: true });
    expect(r.columns[1]!.markers).toBeUndefined();
  });
});

describe('code systems, read from the label and the reference', () => {
  const column = (label: string, values: string[]) => reading([['nama', label], ...values.map((v, i) => [`baris ${i}`, v])]).columns[1]!;
  // NTB's kabupaten and province codes, and numbers that happen to share their shapes
  const kabupaten = ['52.01', '52.02', '52.03', '52.04', '52.05', '52.06', '52.07', '52.08', '52.71', '52.72'];

  it('a column whose label names a measure holds numbers, whatever province codes some of them equal', () => {
    // 11, 12, 13… are province codes (Aceh, Sumatera Utara…); 52.01 a kabupaten
    expect(column('Banyaknya SIUP Kecil 2017', ['11', '12', '13', '14', '15', '16', '17', '18', '19', '21']).codes).toBeUndefined();
    expect(column('jumlah_penduduk', ['5201', '5202', '3201', '1101', '52', '3273']).codes).toBeUndefined();
    expect(column('Persentase', kabupaten).codes).toBeUndefined();
    expect(column('Luas Panen (M2)', kabupaten).codes).toBeUndefined();
  });
  it('a bare id numbering the rows is no province code; region codes without a code label are read when the reference knows them', () => {
    expect(column('id', Array.from({ length: 40 }, (_, i) => String(i + 1))).codes).toBeUndefined();
    expect(column('Wilayah', kabupaten).codes).toMatchObject({ system: 'kemendagri', level: 'kabupaten_kota' });
    // dotted numbers the reference mostly does not know (a measure with two decimals) are numbers
    expect(column('Wilayah', ['12.34', '45.67', '52.01', '88.12', '40.50', '23.99']).codes).toBeUndefined();
  });
  it('a code label keeps its codes, known or not, so that unknown codes are reported', () => {
    expect(column('kode_kabupaten', ['52.01', '52.99', '52.98', '52.97']).codes).toMatchObject({ system: 'kemendagri', level: 'kabupaten_kota' });
  });
  it('a column labelled BPS is BPS numbering even when its 4-digit codes look like Kemendagri ones (1101 Simeulue is 11.09)', () => {
    expect(column('kode_bps', ['1101', '1102', '5201', '5202']).codes).toMatchObject({ system: 'bps', evidence: ['label:bps'], example: '1101' });
    expect(column('kode_kecamatan', ['5201010', '5201020', '5201030']).codes).toMatchObject({ system: 'bps' });
    expect(column('kode_dagri', ['11.09', '11.10', '52.01']).codes).toMatchObject({ system: 'kemendagri' });
  });
  it('fix never makes a BPS-labelled code a Kemendagri code by inserting dots: BPS 1101 Simeulue becomes 11.09 by its name, not 11.01 (Aceh Selatan)', async () => {
    const path = join(dir, 'ipm-bps.csv');
    writeFileSync(path, 'Kode Wilayah (BPS),nama_kabupaten_kota,tahun,ipm\n1101,Simeulue,2023,70.1\n1102,Aceh Singkil,2023,68.5\n1103,Aceh Selatan,2023,67.9\n');
    const r = await runFixFile(path, await standardById('ipm-kabupaten-kota'), join(dir, 'ipm-bps-rapi.csv'));
    expect(r.plan.rows.map((row) => row[0])).toEqual(['11.09', '11.10', '11.01']);
    expect(r.plan.changes.filter((c) => c.rule === 'code-undotted')).toEqual([]);
    expect(r.plan.changes.filter((c) => c.rule === 'code-from-bps-name')).toHaveLength(3);
  });
});

describe('the bundled messy OPD workbook', () => {
  it('is validated without --standard: the standard is chosen, the real defects reported, no per-cell ambiguity, no personal data', async () => {
    const [r] = await validateFile(WORKBOOK, { maxErrors: 1000, metadata: false, autoStandard: {} });
    expect(r!.standard?.id).toBe('penduduk-jenis-kelamin-kecamatan');
    const codes = r!.issues.map((i) => i.code);
    expect(codes).toContain('standard-matched');
    expect(codes.filter((c) => c === 'number-style')).toHaveLength(3);
    expect(codes).not.toContain('ambiguous-number');
    expect(codes).not.toContain('type-error');
    expect(r!.issues.filter((i) => i.code === 'sum-mismatch').map((i) => i.cell)).toEqual(['F10']);
    expect(r!.interpretation!.constants[0]).toMatchObject({ kind: 'tahun', value: '2023', field: 'tahun', row: 2 });
    expect(JSON.stringify(r)).not.toMatch(/19700101|Contoh Pejabat/);
  });
  it('is fixed into tidy rows with thousand dots read as numbers, and the defects it cannot resolve listed', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const out = join(dir, 'rapi.csv');
    const r = await runFixFile(WORKBOOK, std, out);
    expect(r.plan.rows[0]).toEqual(['52.01.01', 'Gerung', '2023', '45210', '44830', '90040']);
    expect(r.plan.rows).toHaveLength(10);
    // the broken L+P=Jumlah row (a sum the standard declares) and the wrong Jumlah row of the source
    expect(r.plan.problems.map((p) => p.code)).toEqual(['formula-mismatch', 'fix-total-mismatch']);
    expect(JSON.stringify(r.plan.changes)).not.toMatch(/19700101|Contoh Pejabat/);
  });
});

describe('a CSV with ";" and decimal commas', () => {
  it('reads a percentage column written 64,06 as 64.06 when the column convention says so', async () => {
    const path = join(dir, 'aduan.csv');
    writeFileSync(path, 'kode_opd;nama_opd;tahun;periode;pengaduan_diterima;pengaduan_ditindaklanjuti;persentase_ditindaklanjuti\n1.03.01;Dinas Kesehatan;2023;Tahunan;256;164;64,06\n');
    const std = await standardById('pengaduan-pelayanan-publik-opd');
    const [r] = await validateFile(path, { dataStandard: std, maxErrors: 100, metadata: false });
    expect(r!.issues.filter((i) => i.code === 'type-error')).toEqual([]);
    expect(r!.interpretation!.columns[6]!.number).toMatchObject({ style: 'decimal-comma', decimalChar: ',' });
  });
});

describe('init suggestion', () => {
  it('names the standard a data file fits, and none for a file that fits none', async () => {
    const { standardForFile } = await import('../../src/interpret/choose-file.js');
    const { catalogFor } = await import('../../src/standards/resolve.js');
    const catalog = await catalogFor();
    expect((await standardForFile(WORKBOOK, catalog.standards))?.info.id).toBe('penduduk-jenis-kelamin-kecamatan');
    const other = join(dir, 'warna.csv');
    writeFileSync(other, 'warna,nilai\nmerah,1\nbiru,2\n');
    expect(await standardForFile(other, catalog.standards)).toBeUndefined();
  });
  it('without a fit, names as closest only standards whose measures the table holds — none for a shared year, region or lone total', async () => {
    const none = join(dir, 'kosong-standar.csv');
    writeFileSync(none, 'warna,bentuk\nmerah,bulat\nbiru,kotak\n');
    const [r] = await validateFile(none, { maxErrors: 100, metadata: false, autoStandard: {} });
    const line = r!.issues.find((i) => i.code === 'no-standard-matched')!;
    expect(line.params).toEqual({ closest: '@std.none-close', first: 'ID' });
    // a year, a kecamatan and a total (museum tickets): every standard has a year, any counts a total
    for (const text of ['tahun,warna\n2023,merah\n2024,biru\n', 'kecamatan,tahun,jumlah\nGerung,2023,12\nKediri,2023,7\n']) {
      const other = join(dir, 'lain.csv');
      writeFileSync(other, text);
      const [o] = await validateFile(other, { maxErrors: 100, metadata: false, autoStandard: {} });
      expect(o!.issues.find((i) => i.code === 'no-standard-matched')!.params!.closest, text).toBe('@std.none-close');
    }
    // one of a standard's measures (laki_laki) with no other required field: that standard, and only it
    const some = join(dir, 'sebagian.csv');
    writeFileSync(some, 'tahun,laki_laki,warna\n2023,120,merah\n2024,130,biru\n');
    const [q] = await validateFile(some, { maxErrors: 100, metadata: false, autoStandard: {} });
    const named = String(q!.issues.find((i) => i.code === 'no-standard-matched')!.params!.closest);
    expect(named).toMatch(/^penduduk-jenis-kelamin-kecamatan \(0\.\d+\)$/);
  });
});
