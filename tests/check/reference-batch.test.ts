/** Village codes are looked up a batch at a time (RowExtension.batch): the verdicts are the row-by-row ones. */
import { expect, it } from 'vitest';
import { referenceExtension } from '../../src/check/reference.js';
import { IssueSink } from '../../src/check/sink.js';
import type { RawRow } from '../../src/read/table.js';
import { fieldsAt, linesOf } from '../../src/standards/region-index.js';
import type { TableSchema } from '../../src/standards/schema.js';

const schemaOf = (tingkat?: string): TableSchema =>
  ({
    fields: [
      { name: 'kode_desa', type: 'string', 'satudata:kode': { daftar: 'wilayah', ...(tingkat ? { tingkat } : {}), nama: 'nama_desa' } },
      { name: 'nama_desa', type: 'string' },
    ],
  }) as unknown as TableSchema;

/** Rows of every kind a village column holds, in no order; `values` is what the validator hands row(). */
function rowsOf(): { row: RawRow; values: (string | null)[] }[] {
  const villages = [...linesOf('desa_kelurahan')].filter((_, k) => k % 53 === 0).map((line) => fieldsAt(line));
  const out: { row: RawRow; values: (string | null)[] }[] = [];
  let seed = 5;
  const pick = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
  for (let k = 0; k < 3000; k++) {
    const { code, name } = villages[pick(villages.length)]!;
    const other = villages[pick(villages.length)]!;
    const kind = pick(12);
    const cells =
      kind === 0 ? [code, other.name] // another village's name
      : kind === 1 ? [code, name.toUpperCase()] // the name in capitals
      : kind === 2 ? [`${code.slice(0, 9)}9999`, name] // no such village
      : kind === 3 ? [code.slice(0, 8), name] // a kecamatan code
      : kind === 4 ? [code.replace(/\./g, ''), name] // undotted
      : kind === 5 ? [code, ''] // no name
      : kind === 6 ? [` ${code} `, name] // spaces around: the value handed on is trimmed (another text than the cell)
      : [code, name];
    const values: (string | null)[] = cells.map((c) => (c === '' ? null : c));
    if (kind === 6) values[0] = code;
    // a value that is not the cell's text at all: judged as itself
    if (kind === 8) values[0] = other.code;
    // a name value that is not the cell's text (the batch compares the cells): the value is judged
    if (kind === 9) values[1] = other.name;
    // a missing-value marker in the name cell: the value is null (no name to compare)
    if (kind === 10) {
      cells[1] = '-';
      values[1] = null;
    }
    // the previous row's code again now and then (rows sorted by code repeat it)
    if (kind === 7 && out.length) {
      cells[0] = out[out.length - 1]!.row.cells[0]!;
      values[0] = out[out.length - 1]!.values[0]!;
      cells[1] = out[out.length - 1]!.row.cells[1]!;
      values[1] = out[out.length - 1]!.values[1]!;
    }
    out.push({ row: { n: k + 2, cells }, values });
  }
  return out;
}

function run(tingkat: string | undefined, batched: boolean, size: number): IssueSink {
  const sink = new IssueSink(100000);
  const ext = referenceExtension({})({ sink, schema: schemaOf(tingkat), fieldColumns: [0, 1] })!;
  const rows = rowsOf();
  for (let from = 0; from < rows.length; from += size) {
    const part = rows.slice(from, from + size);
    if (batched) ext.batch!(part.map((r) => r.row));
    // some rows of a batch are not data (a header, a total row): row() is not called for them
    part.forEach((r, at) => {
      if ((from + at) % 7 !== 3) ext.row(r.values, r.row, at);
    });
  }
  ext.finish();
  return sink;
}

it.each([['desa_kelurahan'], [undefined]])('reports the same issues with the batch look-up as row by row (tingkat %s)', (tingkat) => {
  const alone = run(tingkat, false, 512);
  expect(alone.issues.length).toBeGreaterThan(500);
  const codes = new Set(alone.issues.map((i) => i.code));
  expect(codes).toContain('name-mismatch');
  expect(codes).toContain('unknown-code');
  expect(codes).toContain('code-format');
  for (const size of [512, 100, 3000]) {
    const batched = run(tingkat, true, size);
    expect(batched.issues).toEqual(alone.issues);
    expect([batched.errors, batched.warnings, batched.infos]).toEqual([alone.errors, alone.warnings, alone.infos]);
  }
});

it('a row() whose row is not the batch row at its place is judged on its own', () => {
  const sink = new IssueSink(100);
  const ext = referenceExtension({})({ sink, schema: schemaOf('desa_kelurahan'), fieldColumns: [0, 1] })!;
  const { code, name } = fieldsAt([...linesOf('desa_kelurahan')][0]!);
  // the batch held a known village, but the row handed over holds an unknown one
  ext.batch!([{ n: 2, cells: [code, name] }]);
  ext.row([`${code.slice(0, 9)}9999`, name], { n: 2, cells: [`${code.slice(0, 9)}9999`, name] }, 0);
  ext.finish();
  expect(sink.issues.map((i) => i.code)).toEqual(['unknown-code']);
});
