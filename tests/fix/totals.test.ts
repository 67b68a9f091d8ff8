/** Totals are verified before they are dropped: parts before, parts after (subtotal headings), or all rows. */
import { describe, expect, it } from 'vitest';
import { checkTotals, type Segment } from '../../src/fix/totals.js';

const data = (n: number, v: number): Segment => ({ kind: 'data', row: { n, values: new Map([[2, v]]) } });
const total = (n: number, v: number): Segment => ({ kind: 'total', row: { n, values: new Map([[2, v]]) } });
const COLS = [{ col: 2, field: 'jumlah' }];

describe('checkTotals', () => {
  it('accepts a grand total below its parts, and subtotals above or below their parts', () => {
    expect(checkTotals([data(5, 10), data(6, 20), total(7, 30)], COLS, undefined)).toEqual([]);
    // "Kecamatan A" heading rows above their kelurahan, grand total at the end
    expect(checkTotals([total(4, 30), data(5, 10), data(6, 20), total(7, 5), data(8, 5), total(9, 35)], COLS, undefined)).toEqual([]);
  });

  it('reports a total that does not add up, with the cell and both numbers', () => {
    const p = checkTotals([data(5, 10), data(6, 20), total(7, 31)], COLS, 'Data');
    expect(p).toMatchObject([{ code: 'fix-total-mismatch', cell: 'C7', sheet: 'Data', field: 'jumlah', params: { value: 31, sum: 30, note: '' } }]);
  });

  it('says when the rows add up to twice the total (subtotal rows hidden among the detail rows)', () => {
    const p = checkTotals([data(4, 30), data(5, 10), data(6, 20), total(7, 30)], COLS, undefined);
    expect(p.map((x) => x.params?.note)).toEqual(['@fix.note.double']);
  });

  it('accepts an aggregate across the layout: "padi total" of a quarter = padi sawah + padi gogo of that quarter', () => {
    const row = (kind: 'data' | 'total', n: number, stem: string, key: string, v: number): Segment => ({ kind, row: { n, values: new Map([[2, v]]), key, stem } });
    const seq = [
      row('data', 2, 'padi', '2022\u00011', 100), row('data', 3, 'padi', '2022\u00012', 50),
      row('data', 4, 'padi', '2022\u00011', 10), row('data', 5, 'padi', '2022\u00012', 0),
      row('total', 6, 'padi', '2022\u00011', 110), row('total', 7, 'padi', '2022\u00012', 50),
      row('data', 8, 'jagung', '2022\u00011', 700), row('data', 9, 'jagung', '2022\u00012', 90),
    ];
    expect(checkTotals(seq, COLS, undefined)).toEqual([]);
    seq[4] = row('total', 6, 'padi', '2022\u00011', 111);
    expect(checkTotals(seq, COLS, undefined).map((p) => p.cell)).toEqual(['C6']);
  });
});
