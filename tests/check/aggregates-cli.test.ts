import { describe, expect, it } from 'vitest';
import { runCli } from '../support/cli.js';

interface J { code: string; cell?: string; row?: number; params?: Record<string, unknown> }
interface Raw { type: string; cell?: string; rowNumber?: number; params?: Record<string, unknown> }
const issuesOf = (t: { issues: Raw[] }): J[] => t.issues.map((i) => ({ code: i.type, cell: i.cell, row: i.rowNumber, params: i.params }));
const run = (args: string[]) => {
  const r = runCli(['validate', '--format', 'json', ...args]);
  const report = JSON.parse(r.stdout);
  const t = (report.tables ?? [report])[0];
  return { code: r.code, table: t, issues: issuesOf(t) };
};
const D = 'fixtures/aggregates/';

describe('aggregate rows are checked (fixtures/aggregates)', () => {
  it('complaints: a Total row written 68,00 is flagged with 66,55 at its cell, with the standard', () => {
    const { code, issues } = run([D + 'pengaduan-opd-total-salah.csv', '--standard', 'pengaduan-pelayanan-publik-opd']);
    expect(code).toBe(1);
    const bad = issues.filter((i) => i.code === 'total-ratio-mismatch');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ cell: 'G6', params: { value: '68,00', expected: '66,55', parts: '185/278' } });
    expect(issues.find((i) => i.code === 'total-row')?.params?.status).toBe('@agg.status.mismatch:2–5');
  });

  it('complaints: the same check without a standard, from the column labels', () => {
    const r = runCli(['validate', D + 'pengaduan-rekap-opd.csv', '--lang', 'en']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('E8       Ratio in a totals row is wrong: Column "Persentase (%)": 68,00 should be 66,55 (185/278)');
    expect(r.stdout).toContain('(4 data rows)');
  });

  it('complaints: 717 / 374 written 52 passes (52,16 rounded)', () => {
    const { issues } = run([D + 'pengaduan-opd-total-benar.csv', '--standard', 'pengaduan-pelayanan-publik-opd']);
    expect(issues.filter((i) => /total-(ratio-)?mismatch/.test(i.code))).toEqual([]);
    expect(issues.find((i) => i.code === 'total-row')?.params?.status).toBe('@agg.status.ok:2–4');
  });

  it('kelurahan under "Kecamatan X" rows placed before their block: no double counting', () => {
    const { code, table, issues } = run([D + 'kelurahan-subtotal-sebelum.csv']);
    expect(code).toBe(0);
    expect(table.stats.dataRows).toBe(11);
    expect(table.layout.totalRows).toEqual([4, 9, 13]);
    expect(issues.filter((i) => i.code === 'total-row').map((i) => i.params?.status)).toEqual(['@agg.status.ok:5–8', '@agg.status.ok:10–12', '@agg.status.ok:14–17']);
  });

  it('subtotals after their block and a closing "Kota Mataram" row (thousand dots) all add up', () => {
    const { code, table, issues } = run([D + 'kelurahan-subtotal-sesudah.csv']);
    expect(code).toBe(0);
    expect(table.stats.dataRows).toBe(11);
    expect(table.layout.totalRows).toEqual([8, 12, 17, 18]);
    expect(issues.find((i) => i.row === 18 && i.code === 'total-row')?.params?.status).toBe('@agg.status.ok:4–7, 9–11, 13–16');
  });

  it('a deliberately wrong subtotal is found, with written, computed, difference and rows used', () => {
    const { code, issues } = run([D + 'kelurahan-subtotal-salah.csv']);
    expect(code).toBe(1);
    const bad = issues.filter((i) => i.code === 'total-mismatch');
    expect(bad).toEqual([expect.objectContaining({ cell: 'D9', params: { label: 'Jumlah', value: '38.916', sum: '37.916', difference: '1.000', rows: '10–12', count: 3 } })]);
    // the kota total is computed from the kelurahan, not from the wrong subtotal
    expect(issues.find((i) => i.row === 18 && i.code === 'total-row')?.params?.status).toBe('@agg.status.ok:5–8, 10–12, 14–17');
  });

  it('a percentage in a data row that does not follow from its counts (38/56 written 70,00)', () => {
    const r = runCli(['validate', '--format', 'json', D + 'pengaduan-rekap-persen-salah.csv']);
    const issues = issuesOf(JSON.parse(r.stdout).tables[0]);
    expect(issues.filter((i) => i.code === 'derived-mismatch')).toEqual([expect.objectContaining({ cell: 'E5', params: expect.objectContaining({ value: '70,00', expected: '67,86', parts: '38/56' }) })]);
  });
});

describe('hierarchy rows (fixtures/aggregates)', () => {
  it('a closing "Kota Mataram" row that nearly adds up is a total, checked against the kelurahan', () => {
    const { code, table, issues } = run([D + 'kelurahan-kota-penutup-salah.csv']);
    expect(code).toBe(1);
    expect(table.stats.dataRows).toBe(11);
    expect(issues.filter((i) => i.code === 'total-mismatch')).toEqual([expect.objectContaining({ cell: 'D18', params: expect.objectContaining({ value: '130.999', sum: '130.913', difference: '86' }) })]);
  });

  it('a province row above its kab/kota adds up (opening placement)', () => {
    const { code, table, issues } = run([D + 'kabkota-provinsi-di-atas.csv']);
    expect(code).toBe(0);
    expect(table.stats.dataRows).toBe(10);
    expect(issues.find((i) => i.code === 'total-row')?.params?.status).toBe('@agg.status.ok:3–12');
  });

  it('an INDONESIA row among provinces is checked', () => {
    const { issues } = run([D + 'provinsi-indonesia-salah.csv']);
    expect(issues.filter((i) => i.code === 'total-mismatch')).toEqual([expect.objectContaining({ cell: 'B5', params: expect.objectContaining({ value: '25.501', sum: '25.500', difference: '1' }) })]);
  });
});

describe('a kabupaten row above its kecamatan (whole table read first)', () => {
  it('is a total when its numbers are (nearly) the sums under it, and its error is found', () => {
    const { code, table, issues } = run([D + 'kecamatan-kabupaten-di-atas-salah.csv']);
    expect(code).toBe(1);
    expect(table.stats.dataRows).toBe(3);
    expect(issues.filter((i) => i.code === 'total-mismatch').map((i) => [i.cell, i.params?.sum])).toEqual([['C2', '2.000']]);
  });

  it('a kecamatan named "Kota Baru" with its own figures stays data', () => {
    const { code, table } = run([D + 'kecamatan-kota-baru-data.csv']);
    expect(code).toBe(0);
    expect(table.stats.dataRows).toBe(4);
    expect(table.layout.totalRows).toEqual([]);
  });
});
