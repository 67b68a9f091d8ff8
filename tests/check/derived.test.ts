import { describe, expect, it } from 'vitest';
import { detectRelations, follows, ROUNDED_MEASURE, type SampleRow } from '../../src/check/derived.js';

const r = (values: number[], decimals: number[]): SampleRow => ({ values: Float64Array.from(values), decimals: Uint8Array.from(decimals) });
const COLS = [{ slot: 0, label: 'Diterima' }, { slot: 1, label: 'Ditindaklanjuti' }, { slot: 2, label: 'Persentase (%)' }];

describe('derived columns without a declared rule', () => {
  it('finds a percentage that follows from two columns in most rows, and the row that breaks it', () => {
    const sample = [r([102, 70, 68.63], [0, 0, 2]), r([56, 38, 70], [0, 0, 2]), r([70, 47, 67.14], [0, 0, 2]), r([50, 30, 60], [0, 0, 2])];
    const rels = detectRelations(sample, COLS);
    expect(rels).toHaveLength(1);
    expect(rels[0]).toMatchObject({ target: 2, kind: 'ratio', uses: [1, 0], scale: 100, text: 'Ditindaklanjuti / Diterima × 100' });
    const broken = follows(rels[0]!, sample[1]!.values, sample[1]!.decimals);
    expect(broken.ok).toBe(false);
    expect(broken.expected).toBeCloseTo(67.857, 3);
    // 52 written without decimals is 52,16 rounded
    expect(follows(rels[0]!, Float64Array.from([717, 374, 52]), Uint8Array.from([0, 0, 0])).ok).toBe(true);
  });

  it('finds a Jumlah column that is the sum of the columns left of it', () => {
    const cols = [{ slot: 0, label: 'Laki-laki' }, { slot: 1, label: 'Perempuan' }, { slot: 2, label: 'Jumlah' }];
    const sample = [r([45210, 44000, 89210], [0, 0, 0]), r([1, 2, 3], [0, 0, 0]), r([10, 20, 30], [0, 0, 0]), r([5, 5, 11], [0, 0, 0])];
    const rels = detectRelations(sample, cols);
    expect(rels).toEqual([{ target: 2, kind: 'sum', uses: [0, 1], scale: 1, text: 'Laki-laki + Perempuan' }]);
    expect(follows(rels[0]!, sample[3]!.values, sample[3]!.decimals)).toEqual({ ok: false, expected: 10 });
  });

  it('finds nothing when the column follows no relation', () => {
    const sample = [r([1, 2, 5], [0, 0, 0]), r([3, 9, 1], [0, 0, 0]), r([4, 4, 7], [0, 0, 0])];
    expect(detectRelations(sample, COLS)).toEqual([]);
  });
});

describe('sums of independently rounded parts', () => {
  it('accepts a sum off by the rounding of its parts when several rows show it, and still flags a real error', () => {
    const cols = [{ slot: 0, label: 'Makanan' }, { slot: 1, label: 'Nonmakanan' }, { slot: 2, label: 'Jumlah' }];
    const z = [0, 0, 0];
    const sample = [r([472220, 381537, 853756], z), r([358338, 282009, 640348], z), r([100, 200, 300], z), r([10, 20, 30], z), r([5, 5, 10], z), r([7, 8, 15], z), r([1, 1, 2], z), r([2, 2, 4], z)];
    const [rel] = detectRelations(sample, cols);
    expect(rel).toMatchObject({ kind: 'sum', uses: [0, 1], rounding: 1.5 });
    expect(follows(rel!, sample[0]!.values, sample[0]!.decimals).ok).toBe(true);
    expect(follows(rel!, Float64Array.from([100, 200, 310]), Uint8Array.from(z)).ok).toBe(false);
  });

  it('in a table of averages or per-capita figures the rounding is known beforehand: a lone ±1 is no error, a real gap still is', () => {
    const cols = [{ slot: 0, label: 'Makanan 2014' }, { slot: 1, label: 'Nonmakanan 2014' }, { slot: 2, label: 'Jumlah 2014' }];
    const z = [0, 0, 0];
    const sample = [r([445820, 456479, 902298], z), r([100, 200, 300], z), r([10, 20, 30], z), r([5, 5, 10], z), r([7, 8, 15], z)];
    // counts (no average named): a lone ±1 is an error
    const [exact] = detectRelations(sample, cols);
    expect(exact!.rounding).toBeUndefined();
    expect(follows(exact!, sample[0]!.values, sample[0]!.decimals).ok).toBe(false);
    // "Rata-rata Pengeluaran per Kapita": the same row is within the rounding of its two parts and its own
    const [rounded] = detectRelations(sample, cols, true);
    expect(rounded).toMatchObject({ kind: 'sum', uses: [0, 1], rounding: 1.5 });
    expect(follows(rounded!, sample[0]!.values, sample[0]!.decimals).ok).toBe(true);
    expect(follows(rounded!, Float64Array.from([291176, 234901, 484661]), Uint8Array.from(z)).ok).toBe(false);
    expect(ROUNDED_MEASURE.test('Rata‑Rata Pengeluaran per Kapita Sebulan')).toBe(true);
    expect(ROUNDED_MEASURE.test('Jumlah Penduduk Menurut Jenis Kelamin')).toBe(false);
  });

  it('takes the sum a label declares by naming its parts, even when most rows break it', () => {
    const g = '2015 Penduduk (Jiwa) ';
    const cols = [{ slot: 0, label: `${g}Laki-laki` }, { slot: 1, label: `${g}Perempuan` }, { slot: 2, label: `${g}Laki-laki+Perempuan` }];
    const sample = [r([5464, 5168, 10513], [0, 0, 0]), r([5378, 5550, 11240], [0, 0, 0]), r([100, 50, 150], [0, 0, 0])];
    const rels = detectRelations(sample, cols);
    expect(rels).toEqual([{ target: 2, kind: 'sum', uses: [0, 1], scale: 1, text: `${g}Laki-laki + ${g}Perempuan` }]);
    expect(follows(rels[0]!, sample[0]!.values, sample[0]!.decimals)).toEqual({ ok: false, expected: 10632 });
    // "+" naming no two other columns declares nothing
    expect(detectRelations(sample, [cols[0]!, cols[1]!, { slot: 2, label: 'Kota+Desa' }])).toEqual([]);
  });
});
