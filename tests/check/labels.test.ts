import { describe, expect, it } from 'vitest';
import { checkLabelLayout } from '../../src/check/labels.js';
import { IssueSink } from '../../src/check/sink.js';

const totals = (labels: string[]) => {
  const sink = new IssueSink(100);
  checkLabelLayout(labels, 1, () => false, sink);
  return sink.issues.filter((i) => i.code === 'total-column').map((i) => i.params?.label);
};

describe('checkLabelLayout: totals columns', () => {
  it('takes Jumlah after two measure columns as a total', () => {
    expect(totals(['Kecamatan', 'Laki-laki', 'Perempuan', 'Jumlah'])).toEqual(['Jumlah']);
  });

  it('keeps "jumlah" as the measure of a long table (only keys before it)', () => {
    expect(totals(['tahun', 'nama_museum', 'jumlah'])).toEqual([]);
    expect(totals(['kode_kabupaten_kota', 'nama_kabupaten_kota', 'tahun', 'jumlah'])).toEqual([]);
  });
});
