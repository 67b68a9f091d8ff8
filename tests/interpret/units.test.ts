/** A unit the header gives that the numbers contradict: counts of people "(Ribu)" written in persons. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../src/check/validate-file.js';
import { analyse } from '../../src/read/layout.js';
import { prepare } from '../../src/interpret/facts.js';
import { readWith } from '../../src/interpret/interpret.js';
import { unitConflicts } from '../../src/interpret/units.js';
import { CellKind, type RawRow } from '../../src/read/table.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-units-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function readingOf(rows: string[][]) {
  const raw: RawRow[] = rows.map((cells, i) => ({ n: i + 1, cells }));
  const layout = analyse(raw);
  return readWith(prepare(layout, raw.filter((r) => r.n > (layout.headerRows.at(-1) ?? 0)), { path: 't.csv', format: 'csv', bytes: 0, merges: [], notes: [] }));
}

async function issuesOf(name: string, text: string) {
  const path = join(dir, name);
  writeFileSync(path, text);
  const [r] = await validateFile(path, { maxErrors: 100, metadata: false });
  return r!.issues;
}

describe('unit-implausible', () => {
  it('persons under a "(Ribu)" label: once for the table, with the largest number as evidence', () => {
    const r = readingOf([
      ['Provinsi', 'Penduduk Laki-laki (Ribu)', 'Penduduk Perempuan (Ribu)'],
      ['Aceh', '2724879', '2689950'],
      ['Banten', '6583895', '6343421'],
      ['Bali', '2191440', '2145462'],
    ]);
    const [c, ...more] = unitConflicts(r);
    expect(more).toEqual([]);
    expect(c!.columns.map((x) => x.letter)).toEqual(['B', 'C']);
    expect(c!.evidence).toMatchObject({ value: 6583895, cell: 'B3', people: 6583895000 });
  });

  it('numbers are read as the column reads them: thousand dots, and no verdict while the reading is ambiguous', () => {
    const r = readingOf([
      ['Kelompok Umur', 'Jumlah Penduduk (Ribu Jiwa)'],
      ['0-4', '1.211.246'],
      ['5-9', '1.246.307'],
      ['10-14', '1.123.250'],
    ]);
    expect(r.columns[1]!.largest).toEqual({ value: 1246307, cell: 'B3', text: '1.246.307' });
    expect(unitConflicts(r)).toHaveLength(1);
    // 616.975 may be 616.975 thousand (a decimal point) as well as 616,975: nothing is claimed
    const ambiguous = readingOf([['Kelompok Umur', 'Jumlah Penduduk (Ribu Jiwa)'], ['0-4', '616.975'], ['5-9', '635.123'], ['10-14', '576.863']]);
    expect(ambiguous.columns[1]!.number?.style).toBe('ambiguous');
    expect(unitConflicts(ambiguous)).toEqual([]);
  });

  it('numbers a workbook stores as numbers count as they are', () => {
    const raw: RawRow[] = [
      { n: 1, cells: ['Provinsi', 'Penduduk (Juta)'] },
      { n: 2, cells: ['Banten', '12927316'], kinds: [CellKind.String, CellKind.Number] },
      { n: 3, cells: ['Bali', '4.3'], kinds: [CellKind.String, CellKind.Number] },
    ];
    const layout = analyse(raw);
    const r = readWith(prepare(layout, raw.slice(1), { path: 't.xlsx', format: 'xlsx', bytes: 0, merges: [], notes: [] }));
    expect(r.columns[1]!.largest).toEqual({ value: 12927316, cell: 'B2', text: '12927316' });
    expect(unitConflicts(r).map((c) => c.unit)).toEqual(['Juta']);
  });

  it('numbers that fit the unit, other units and other measures are left alone', () => {
    // thousands of people, as BPS writes them
    expect(unitConflicts(readingOf([['Provinsi', 'Penduduk (Ribu)'], ['Jawa Barat', '49935.7'], ['Banten', '12431.4'], ['Bali', '4404.3']]))).toEqual([]);
    // not a count of people: large rupiah figures in millions are ordinary
    expect(unitConflicts(readingOf([['Kabupaten', 'PDRB (Juta Rupiah)'], ['Lombok Barat', '18234567'], ['Lombok Tengah', '21456789']]))).toEqual([]);
    // a density has no multiple
    expect(unitConflicts(readingOf([['Kecamatan', 'Kepadatan Penduduk (jiwa/km2)'], ['Gerung', '1234567890'], ['Kediri', '1500']]))).toEqual([]);
    // persons in persons
    expect(unitConflicts(readingOf([['Provinsi', 'Penduduk (Jiwa)'], ['Banten', '12927316'], ['Bali', '4336902']]))).toEqual([]);
  });

  it('validate reports it once, in Bahasa Indonesia, at the evidence cell', async () => {
    const issues = await issuesOf('umur.csv', 'Kelompok Umur,Penduduk (Laki-Laki) (Ribu),Penduduk (Perempuan) (Ribu),Penduduk (Laki-Laki + Perempuan) (Ribu)\n0-4,616975,594271,1211246\n5-9,635123,611184,1246307\n10-14,576863,546387,1123250\nBanten,1828961,1751842,3580803\n');
    const found = issues.filter((i) => i.code === 'unit-implausible');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', row: 5, col: 4, params: { columns: 'B, C, D', unit: 'Ribu', cell: 'D5' } });
  });
});
