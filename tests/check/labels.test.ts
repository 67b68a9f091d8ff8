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

describe('checkLabelLayout: sexes side by side', () => {
  const wide = (labels: string[]) => {
    const sink = new IssueSink(100);
    checkLabelLayout(labels, 1, () => false, sink);
    return sink.issues;
  };
  it('a column naming both sexes is their total, not a third sex', () => {
    const issues = wide(['Kelompok Umur', 'Penduduk (Laki-Laki)', 'Penduduk (Perempuan)', 'Penduduk (Laki-Laki + Perempuan)']);
    expect(issues.filter((i) => i.code === 'wide-layout').map((i) => i.params?.columns)).toEqual(['B, C']);
    expect(issues.filter((i) => i.code === 'total-column').map((i) => i.params?.label)).toEqual(['Penduduk (Laki-Laki + Perempuan)']);
  });
  it('one sex per column stays a sex column', () => {
    const issues = wide(['Kecamatan', 'Laki-laki', 'Perempuan']);
    expect(issues.filter((i) => i.code === 'wide-layout').map((i) => i.params?.columns)).toEqual(['B, C']);
    expect(issues.filter((i) => i.code === 'total-column')).toEqual([]);
  });
});
