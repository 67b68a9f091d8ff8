import { describe, expect, it } from 'vitest';
import { AggLevel, AggregateChecker, aggregateLevel, additiveName, readWritten, ReadingEvidence, type AggColumn } from '../../src/check/aggregates.js';

const row = (...xs: number[]) => Float64Array.from(xs);
const dec = (...xs: number[]) => Uint8Array.from(xs);
const COUNTS: AggColumn[] = [
  { slot: 0, col: 1, label: 'Laki-laki', kind: 'count' },
  { slot: 1, col: 2, label: 'Perempuan', kind: 'count' },
];

describe('aggregate levels', () => {
  it('reads the level an aggregate label names', () => {
    expect(aggregateLevel('Kecamatan Ampenan')).toBe(AggLevel.Kecamatan);
    expect(aggregateLevel('Kec. Sekarbela')).toBe(AggLevel.Kecamatan);
    expect(aggregateLevel('010. Prajurit Kulon')).toBe(AggLevel.Kecamatan);
    expect(aggregateLevel('Kota Mataram')).toBe(AggLevel.KabKota);
    expect(aggregateLevel('Kabupaten Lombok Barat')).toBe(AggLevel.KabKota);
    expect(aggregateLevel('NUSA TENGGARA BARAT')).toBe(AggLevel.Provinsi);
    expect(aggregateLevel('Provinsi NTB')).toBe(AggLevel.Provinsi);
    expect(aggregateLevel('INDONESIA')).toBe(AggLevel.Nasional);
    expect(aggregateLevel('Jumlah')).toBe(AggLevel.Any);
    expect(aggregateLevel('')).toBe(AggLevel.Any);
  });
});

describe('numbers the Indonesian way, per column', () => {
  it('reads thousand dots and decimal commas with their written decimals', () => {
    expect(readWritten('45.210', 'id')).toEqual({ value: 45210, decimals: 0 });
    expect(readWritten('45.210', 'en')).toEqual({ value: 45.21, decimals: 3 });
    expect(readWritten('64,06', 'id')).toEqual({ value: 64.06, decimals: 2 });
    expect(readWritten('1.234.567,5', 'id')).toEqual({ value: 1234567.5, decimals: 1 });
    expect(readWritten('68%', 'id')).toEqual({ value: 68, decimals: 0 });
    expect(readWritten('-', 'id').value).toBeNaN();
  });

  it('decides a column reading from its own cells, the file, then as a count', () => {
    const e = new ReadingEvidence();
    ['12', '45.210', '7'].forEach((x) => e.add(x));
    expect(e.decide(null)).toBe('id');
    expect(e.decide('en')).toBe('en');
    const f = new ReadingEvidence();
    ['12.5', '45.210'].forEach((x) => f.add(x));
    expect(f.decide('id')).toBe('en');
  });

  it('knows which labels are not sums', () => {
    expect(additiveName('Jumlah Penduduk')).toBe(true);
    expect(additiveName('Persentase (%)')).toBe(false);
    expect(additiveName('Rata-rata Lama Sekolah')).toBe(false);
    expect(additiveName('kepadatan_penduduk')).toBe(false);
  });
});

describe('AggregateChecker', () => {
  it('judges every number of a subtotal against the one block it aggregates: a figure equal to another block\'s sum is still wrong', () => {
    const k = new AggregateChecker(COUNTS);
    // kecamatan subtotals above their desa (opening); Kediri's perempuan 13 is Gerung's sum, its own desa add up to 12
    k.aggregate(2, 'Kecamatan Gerung', row(30, 13), dec(0, 0), ['30', '13']);
    k.data(3, row(20, 6));
    k.data(4, row(10, 7));
    k.aggregate(5, 'Kecamatan Kediri', row(9, 13), dec(0, 0), ['9', '13']);
    k.data(6, row(4, 5));
    k.data(7, row(5, 7));
    const { findings, verdicts } = k.finish();
    expect(verdicts.map((v) => [v.row, v.status, v.rows])).toEqual([[2, 'ok', '3–4'], [5, 'mismatch', '6–7']]);
    expect(findings.map((f) => [f.row, f.params.label, f.params.value, f.params.sum])).toEqual([[5, 'Perempuan', '13', '12']]);
  });

  it('checks a closing total, names the rows used and does not count it as data', () => {
    const k = new AggregateChecker(COUNTS);
    k.data(2, row(10, 20));
    k.data(3, row(5, 7));
    k.aggregate(4, 'Jumlah', row(15, 30), dec(0, 0), ['15', '30']);
    const { findings, verdicts } = k.finish();
    expect(verdicts).toEqual([{ row: 4, label: 'Jumlah', level: AggLevel.Any, status: 'mismatch', rows: '2–3', count: 2 }]);
    expect(findings).toEqual([{ code: 'total-mismatch', row: 4, col: 2, written: 30, expected: 27, params: { label: 'Perempuan', value: '30', sum: '27', difference: '3', rows: '2–3', count: 2 } }]);
  });

  it('reads subtotals placed before their block, and a closing kota row over all kelurahan', () => {
    const k = new AggregateChecker(COUNTS);
    k.aggregate(2, 'Kecamatan A', row(3, 3), dec(0, 0), ['3', '3']);
    k.data(3, row(1, 1));
    k.data(4, row(2, 2));
    k.aggregate(5, 'Kecamatan B', row(10, 9), dec(0, 0), ['10', '9']);
    k.data(6, row(4, 4));
    k.data(7, row(5, 5));
    k.aggregate(8, 'Kota X', row(12, 12), dec(0, 0), ['12', '12']);
    const { findings, verdicts } = k.finish();
    expect(verdicts.map((v) => [v.row, v.status, v.rows])).toEqual([[2, 'ok', '3–4'], [5, 'mismatch', '6–7'], [8, 'ok', '3–4, 6–7']]);
    // only Laki-laki of Kecamatan B is off (10 written, 4 + 5 = 9)
    expect(findings.map((f) => [f.row, f.col, f.params.value, f.params.sum, f.params.difference])).toEqual([[5, 1, '10', '9', '1']]);
  });

  it('reads subtotals placed after their block, and a province row on top of kab/kota', () => {
    const k = new AggregateChecker(COUNTS);
    k.aggregate(2, 'NUSA TENGGARA BARAT', row(10, 10), dec(0, 0), ['10', '10']);
    k.data(3, row(4, 4));
    k.data(4, row(6, 6));
    const { findings, verdicts } = k.finish();
    expect(findings).toEqual([]);
    expect(verdicts[0]).toMatchObject({ status: 'ok', rows: '3–4', level: AggLevel.Provinsi });
  });

  it('recomputes a ratio from the summed parts, within half a unit of the written decimals', () => {
    const cols: AggColumn[] = [
      { slot: 0, col: 2, label: 'Diterima', kind: 'count' },
      { slot: 1, col: 3, label: 'Ditindaklanjuti', kind: 'count' },
      { slot: 2, col: 4, label: 'Persentase', kind: 'ratio', ratio: { uses: [1, 0], compute: (v) => (v(1) / v(0)) * 100 } },
    ];
    const k = new AggregateChecker(cols);
    k.data(2, row(102, 70, 68.63));
    k.data(3, row(176, 115, 65.34));
    k.aggregate(4, 'Total', row(278, 185, 68), dec(0, 0, 2), ['278', '185', '68,00']);
    k.data(5, row(717, 374, 52.16));
    k.aggregate(6, 'Total', row(717, 374, 52), dec(0, 0, 0), ['717', '374', '52']);
    const { findings, verdicts } = k.finish();
    expect(findings).toEqual([{ code: 'total-ratio-mismatch', row: 4, col: 4, written: 68, expected: expect.closeTo(66.5468, 3), params: { label: 'Persentase', value: '68,00', expected: '66,55', parts: '185/278' } }]);
    expect(verdicts.map((v) => v.status)).toEqual(['mismatch', 'ok']);
  });

  it('does not call an average in a totals row a wrong sum', () => {
    const k = new AggregateChecker([{ slot: 0, col: 1, label: 'Nilai', kind: 'count' }]);
    k.data(2, row(10));
    k.data(3, row(20));
    k.aggregate(4, 'Rata-rata', row(15), dec(0), ['15']);
    const { findings, verdicts } = k.finish();
    expect(findings).toEqual([]);
    // and says so: an average of rows 2–3, not "nothing to compare"
    expect(verdicts[0]).toMatchObject({ status: 'average', rows: '2–3' });
  });

  it('accepts decimal sums within the rounding of their parts', () => {
    const k = new AggregateChecker([{ slot: 0, col: 1, label: 'Luas', kind: 'count' }]);
    k.data(2, row(1.11), dec(2));
    k.data(3, row(2.22), dec(2));
    k.aggregate(4, 'Jumlah', row(3.33), dec(2), ['3,33']);
    expect(k.finish().verdicts[0]!.status).toBe('ok');
  });
});

describe('AggregateChecker across a layout and with unchecked slots', () => {
  it('accepts a total of the rows with the same period keys ("padi total, 2022, 1" = sawah + gogo of 2022-1)', () => {
    const k = new AggregateChecker([{ slot: 1, col: 5, label: 'Produksi', kind: 'count' }], 2);
    k.data(2, row(55, 100), dec(0, 0), ['2022\u00011', 'padi\u00022022\u00011']);
    k.data(3, row(54, 50), dec(0, 0), ['2022\u00012', 'padi\u00022022\u00012']);
    k.data(4, row(37, 10), dec(0, 0), ['2022\u00011', 'padi\u00022022\u00011']);
    k.data(5, row(0, 0), dec(0, 0), ['2022\u00012', 'padi\u00022022\u00012']);
    k.aggregate(6, 'padi total', row(54, 110), dec(0, 0), ['54', '110'], ['2022\u00011', 'padi\u00022022\u00011']);
    k.aggregate(7, 'padi total', row(54, 51), dec(0, 0), ['54', '51'], ['2022\u00012', 'padi\u00022022\u00012']);
    const { findings, verdicts } = k.finish();
    expect(verdicts.map((v) => [v.status, v.rows])).toEqual([['ok', '2, 4'], ['mismatch', '3, 5']]);
    // slot 0 (a rate) is not checked; slot 1 of row 7 is off by one against every candidate
    expect(findings.map((f) => [f.row, f.col, f.params.value])).toEqual([[7, 5, '51']]);
  });
});
