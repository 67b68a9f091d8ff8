import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isEmptyTemplate } from '../../src/check/validate-table.js';
import { validateFile } from '../../src/check/validate-file.js';
import type { ColumnSummary } from '../../src/report/issue.js';
import type { TableSchema } from '../../src/standards/schema.js';

const col = (index: number, type: string, nonEmpty: number): ColumnSummary => ({ index, letter: String.fromCharCode(65 + index), label: `k${index}`, type, nonEmpty });

describe('isEmptyTemplate', () => {
  it('sees a template: month labels at the left, every value column empty', () => {
    expect(isEmptyTemplate([col(0, 'string', 12), col(1, 'kosong', 0), col(2, 'kosong', 0), col(3, 'kosong', 0)])).toBe(true);
  });

  it('keeps a text list with one empty note column, a table with numbers, and a table with an empty column between filled ones', () => {
    expect(isEmptyTemplate([col(0, 'string', 9), col(1, 'string', 9), col(2, 'kosong', 0)])).toBe(false);
    expect(isEmptyTemplate([col(0, 'string', 9), col(1, 'integer', 9), col(2, 'kosong', 0), col(3, 'kosong', 0)])).toBe(false);
    expect(isEmptyTemplate([col(0, 'string', 9), col(1, 'kosong', 0), col(2, 'kosong', 0), col(3, 'string', 4)])).toBe(false);
    expect(isEmptyTemplate([col(0, 'kosong', 0), col(1, 'kosong', 0)])).toBe(false);
  });
});

describe('categories side by side (wide-layout without a standard)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-wide-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const validate = async (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    const [r] = await validateFile(path, { maxErrors: 100, metadata: false });
    return r!;
  };

  it('counts named by their categories, one column each, are wide', async () => {
    const r = await validate('akte.csv', 'Bulan,Kelahiran,Perkawinan,Perceraian,Kematian\nJanuari,10,3,1,4\nFebruari,12,4,0,5\nMaret,9,2,2,3\n');
    expect(r.issues.find((i) => i.code === 'wide-layout')).toMatchObject({ cell: 'B1', params: { kind: '@kind.category' } });
  });
  it('a long table with a period column and two counts is not: bulan is a dimension, the counts two measures', async () => {
    const rows = Array.from({ length: 12 }, (_, i) => `52.01.01.200${i % 9 + 1},Desa ${i},2024,${i + 1},${1000 + i * 7},${11 + i}`);
    const r = await validate('desa.csv', `kode_desa,nama_desa,tahun,bulan,jumlah_penduduk,jumlah_kk\n${rows.join('\n')}\n`);
    expect(r.issues.map((i) => i.code)).not.toContain('wide-layout');
    // and the counts are numbers, whatever region code they equal (jumlah_kk 11, 12…: Aceh, Sumatera Utara…)
    expect(r.interpretation!.columns.filter((c) => c.codes).map((c) => c.label)).toEqual(['kode_desa']);
  });
  it('three measures (Jumlah Penduduk, Jumlah KK, Jumlah Desa) are not: one measure across categories is (Luas Panen Jahe, Kencur, Kunyit)', async () => {
    const measures = await validate('ukuran.csv', 'Kecamatan,Jumlah Penduduk,Jumlah KK,Jumlah Desa\nGerung,87542,25000,14\nKediri,60261,18000,10\nNarmada,124634,35000,21\n');
    expect(measures.issues.map((i) => i.code)).not.toContain('wide-layout');
    const crops = await validate('panen.csv', 'Provinsi,Luas Panen Jahe (m2),Luas Panen Kencur (m2),Luas Panen Kunyit (m2)\nAceh,2079088,33594,751551\nRiau,6068251,158842,1205220\nJambi,12000,5000,7000\n');
    expect(crops.issues.find((i) => i.code === 'wide-layout')).toMatchObject({ cell: 'B1', params: { columns: 'B, C, D' } });
  });
  it('the months of one year under a merged "2020" are months side by side, not years; two years are years', async () => {
    const months = ['Januari', 'Februari', 'Maret', 'April'];
    const oneYear = await validate('bulan.csv', `Bandara,Penumpang,,,\n,2020,,,\n,${months.join(',')}\nSoekarno-Hatta,10,12,9,4\nKualanamu,5,6,4,2\nNgurah Rai,7,8,3,1\n`);
    expect(oneYear.issues.filter((i) => i.code === 'wide-layout')).toMatchObject([{ params: { kind: '@kind.month', columns: 'B, C, D, E' } }]);
    // semesters named by their month are periods: "Semester 1 (March)", "Semester 2 (September)"
    const semesters = await validate('gini.csv', 'Provinsi,Perkotaan,,,Perdesaan,,\n,2024,,,2024,,\n,Semester 1 (March),Semester 2 (September),Tahunan,Semester 1 (March),Semester 2 (September),Tahunan\nACEH,0.325,0.332,0.33,0.258,0.253,0.25\nBALI,0.3,0.31,0.3,0.2,0.21,0.2\nRIAU,0.3,0.31,0.3,0.2,0.21,0.2\n');
    expect(semesters.issues.filter((i) => i.code === 'wide-layout')).toMatchObject([{ params: { kind: '@kind.period', columns: 'B, C, E, F' } }]);
    const twoYears = await validate('tahun.csv', 'Bandara,2019,2020\nSoekarno-Hatta,120,40\nKualanamu,60,20\nNgurah Rai,70,10\n');
    expect(twoYears.issues.filter((i) => i.code === 'wide-layout')).toMatchObject([{ params: { kind: '@kind.year', columns: 'B, C' } }]);
  });
});

describe('blank rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-blank-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a few are reported one by one; an export\'s long tail of empty lines is one finding naming the range, in row order with the rest', async () => {
    const path = join(dir, 'ekspor.csv');
    const rows = Array.from({ length: 30 }, (_, i) => `Desa ${i},${i}`);
    rows.splice(10, 0, ',', ',', ',');
    writeFileSync(path, `desa,jumlah\n${rows.join('\n')}\nDesa X,abc\n${',\n'.repeat(5000)}`);
    const schema = { fields: [{ name: 'desa', type: 'string' }, { name: 'jumlah', type: 'integer' }] } as unknown as TableSchema;
    const [r] = await validateFile(path, { schema, maxErrors: 100, metadata: false });
    expect(r!.issues.filter((i) => i.code === 'blank-row' || i.code === 'type-error').map((i) => [i.code, i.row, i.params?.row ?? null])).toEqual([
      ['blank-row', 12, 12], ['blank-row', 13, 13], ['blank-row', 14, 14], ['type-error', 35, null], ['blank-row', 36, '36–5035'],
    ]);
    expect(r!.stats.warnings).toBe(4);
    // with room for 4 issues only, the error below the three blank rows is still kept: the run is one issue
    const [few] = await validateFile(path, { schema, maxErrors: 4, metadata: false });
    expect(few!.issues.map((i) => i.code)).toContain('type-error');
  });
});
