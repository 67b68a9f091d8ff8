import { expect, it } from 'vitest';
import { findConstants, yearFromTitles } from '../../src/interpret/constants.js';

const units = (labels: string[]) => findConstants([], labels, 5).filter((k) => k.kind === 'satuan').map((k) => `${k.col}:${k.value}`);

it('reads a unit from a label that closes with one, and nothing from a closing month or period', () => {
  // BPS headers: "Semester 1 (March)" is a period, "(Ribu Jiwa)", "(Km2)", "(%)" are units
  expect(units(['Provinsi', 'Semester 1 (March)', 'Semester 2 (September)', 'Garis Kemiskinan (Maret)', 'Penduduk (Ribu Jiwa)', 'Luas (Km2)', 'Persentase (%)', 'Kepadatan (2020)'])).toEqual(['4:Ribu Jiwa', '5:Km2', '6:%']);
  // no header row: no unit is read
  expect(findConstants([], ['Penduduk (Jiwa)'], undefined)).toEqual([]);
});

it('reads one year from a title, and a range "2011-2022" as two years (no constant year)', () => {
  const title = (text: string) => [{ n: 1, cells: [text] }];
  expect(yearFromTitles(title('JUMLAH PENDUDUK KABUPATEN LOMBOK BARAT TAHUN 2023'))).toMatchObject({ year: '2023', row: 1 });
  expect(yearFromTitles(title('Rata-Rata Pengeluaran per Kapita Menurut Provinsi (rupiah), 2011-2022'))).toEqual({ several: ['2011', '2022'] });
  expect(yearFromTitles(title('Data 2019–2020'))).toEqual({ several: ['2019', '2020'] });
  expect(yearFromTitles(title('Kode 520120231'))).toEqual({});
});
