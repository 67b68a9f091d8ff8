import { describe, expect, it } from 'vitest';
import { AggregatePass } from '../../src/check/aggregate-pass.js';
import { IssueSink } from '../../src/check/sink.js';
import type { RawRow } from '../../src/read/table.js';
import type { FieldDef } from '../../src/standards/schema.js';

// A table of villages with two count columns (schema fields, so no relation is guessed between them) and
// more data rows than the pass samples (200): the rows after the sample take the per-row path of a table
// without key columns, the sampled rows are replayed. The totals row at the bottom is checked against them.
const fields: (FieldDef | null)[] = [
  { name: 'desa', type: 'string' },
  { name: 'jumlah_penduduk', type: 'integer' },
  { name: 'luas_ha', type: 'number' },
];

/** Texts as OPD files write them after the sample: signs, leading zeros, empty and `-`, a long number. */
const odd = ['+12', '-5', '007', '', '-', '1234567890123456', '0', '15'];

function table(rows: number): { rows: RawRow[]; people: number; area: number; areaDecimals: number } {
  const out: RawRow[] = [];
  let people = 0;
  let area = 0;
  for (let i = 0; i < rows; i++) {
    const p = i >= 250 && i < 250 + odd.length ? odd[i - 250]! : String(100 + ((i * 37) % 900));
    const a = i % 7 === 0 ? `${i % 50}.125` : `${i % 90}.5`;
    if (p !== '' && p !== '-') people += Number(p);
    area += Number(a);
    out.push({ n: i + 2, cells: [`Desa ${i}`, p, a] });
  }
  return { rows: out, people, area, areaDecimals: 3 };
}

function check(totalCells: string[]) {
  const sink = new IssueSink(100);
  const pass = new AggregatePass({ labels: ['Desa', 'Jumlah Penduduk', 'Luas (ha)'], labelCol: 0, width: 3, fieldOfColumn: fields }, sink);
  const t = table(400);
  for (const r of t.rows) pass.data(r);
  pass.total({ n: 402, cells: totalCells }, totalCells[0]!);
  const verdicts = pass.finish();
  return { t, verdicts, issues: sink.issues };
}

describe('AggregatePass on a large table without key columns', () => {
  const { people, area } = table(400);

  it('a totals row equal to the sums of every data row (signs, zeros, blanks, a 16-digit number) is ok', () => {
    const { verdicts, issues } = check(['Jumlah', String(people), area.toFixed(3)]);
    expect(verdicts).toEqual([expect.objectContaining({ row: 402, status: 'ok', count: 400 })]);
    expect(issues.filter((i) => i.code === 'total-mismatch')).toEqual([]);
  });

  it('a totals row off by 5,000,000 (beyond the float tolerance of a 16-digit sum) is flagged with the sum of all 400 rows', () => {
    const { verdicts, issues } = check(['Jumlah', String(people + 5_000_000), area.toFixed(3)]);
    expect(verdicts[0]).toMatchObject({ status: 'mismatch', rows: '2–401' });
    const bad = issues.filter((i) => i.code === 'total-mismatch');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ cell: 'B402', params: { value: String(people + 5_000_000), sum: people.toLocaleString('id-ID'), difference: (5_000_000).toLocaleString('id-ID'), rows: '2–401', count: 400 } });
  });

  it('decimals: the area sum is shown with the most decimals written (3); 400 × half a unit is allowed, 1 ha is not', () => {
    expect(check(['Jumlah', String(people), (area + 0.15).toFixed(3)]).issues.filter((i) => i.code === 'total-mismatch')).toEqual([]);
    const { issues } = check(['Jumlah', String(people), (area + 1).toFixed(3)]);
    const bad = issues.filter((i) => i.code === 'total-mismatch');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ cell: 'C402', params: { sum: area.toLocaleString('id-ID', { minimumFractionDigits: 3, maximumFractionDigits: 3 }) } });
  });
});
