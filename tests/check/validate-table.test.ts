import { describe, expect, it } from 'vitest';
import { isEmptyTemplate } from '../../src/check/validate-table.js';
import type { ColumnSummary } from '../../src/report/issue.js';

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
