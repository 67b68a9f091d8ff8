import { expect, it } from 'vitest';
import { findConstants } from '../../src/interpret/constants.js';

const units = (labels: string[]) => findConstants([], labels, 5).filter((k) => k.kind === 'satuan').map((k) => `${k.col}:${k.value}`);

it('reads a unit from a label that closes with one, and nothing from a closing month or period', () => {
  // BPS headers: "Semester 1 (March)" is a period, "(Ribu Jiwa)", "(Km2)", "(%)" are units
  expect(units(['Provinsi', 'Semester 1 (March)', 'Semester 2 (September)', 'Garis Kemiskinan (Maret)', 'Penduduk (Ribu Jiwa)', 'Luas (Km2)', 'Persentase (%)', 'Kepadatan (2020)'])).toEqual(['4:Ribu Jiwa', '5:Km2', '6:%']);
  // no header row: no unit is read
  expect(findConstants([], ['Penduduk (Jiwa)'], undefined)).toEqual([]);
});
