/**
 * `fix` streams: on a generated messy table (thousand dots in every number, a merged header, a Jumlah row) the
 * child's peak RSS at 200,000 rows stays close to its peak at 20,000 rows and under the documented bound, both
 * outputs are whole, and nothing else is left; `--time-limit` stops the run with one coded line and no output.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { observe, runMeasured, tempDir } from './support.js';
import { messyTable } from '../fix/messy-table.js';

const dir = tempDir('satudata-fix-mem-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** docs/limits.md: fix's memory bound. */
const BOUND_MB = 300;

function fixOf(rows: number) {
  const input = join(dir, `penduduk-${rows}.csv`);
  writeFileSync(input, messyTable(rows));
  const outDir = join(dir, `out-${rows}`);
  mkdirSync(outDir);
  const out = join(outDir, 'rapi.csv');
  const m = runMeasured(['fix', input, '--standard', 'penduduk-jenis-kelamin-kecamatan', '--out', out, '--format', 'json']);
  observe(`fix ${rows} rows`, m);
  return { m, out, outDir };
}

describe('fix: memory bounded independently of the number of rows', () => {
  it('200k rows take about the memory of 20k rows, under the bound; both outputs whole, nothing else left', () => {
    const small = fixOf(20_000);
    const large = fixOf(200_000);
    for (const { m, out, outDir } of [small, large]) {
      // the generated names repeat: the output is reported invalid (duplicate keys), exit 1, no stack trace
      expect(m.code).toBe(1);
      expect(m.stderr).not.toMatch(/\bat .*\.js:\d+/);
      expect(readdirSync(outDir).sort()).toEqual(['rapi.csv', 'rapi.csv.perubahan.csv']);
      expect(statSync(out).size).toBeGreaterThan(0);
    }
    expect((large.m.json as unknown as { rows: number }).rows).toBe(200_000);
    // every data row's three numbers had thousand dots, each change logged; the Jumlah row checked and logged
    const log = readFileSync(`${large.out}.perubahan.csv`, 'utf8');
    expect(log.match(/,number-id,/g)?.length).toBe(600_000);
    expect(log).toMatch(/^B200006,drop-total-row,Jumlah \| [\d.]+ \| [\d.]+ \| [\d.]+,total-ok$/m);
    if (Number.isFinite(large.m.rssMb)) {
      expect(large.m.rssMb).toBeLessThan(BOUND_MB);
      // flat: ten times the rows, at most 100 MB more — the peak moves with garbage-collection timing (observed
      // +16 to +63 MB), while the in-memory fix grew by ~600 MB here (748 MB at 200k rows)
      expect(large.m.rssMb - small.m.rssMb).toBeLessThan(100);
    }
  });

  it('a totals row after every data row (100k of each): under the bound, every totals line in place, checked as validate checks them', () => {
    const rows = ['No;Kecamatan;Laki-laki;Perempuan;Jumlah'];
    for (let i = 1; i <= 100_000; i++) rows.push(`${i};Gerung;1.000;1.000;2.000`, ';Jumlah;1.000;1.000;2.000');
    const input = join(dir, 'jumlah.csv');
    writeFileSync(input, rows.join('\n') + '\n');
    const outDir = join(dir, 'out-jumlah');
    mkdirSync(outDir);
    const out = join(outDir, 'rapi.csv');
    const m = runMeasured(['fix', input, '--standard', 'penduduk-jenis-kelamin-kecamatan', '--out', out, '--format', 'json']);
    observe('fix 100k totals rows', m);
    expect(m.code).toBe(1);
    expect(readdirSync(outDir).sort()).toEqual(['rapi.csv', 'rapi.csv.perubahan.csv']);
    const lines = readFileSync(`${out}.perubahan.csv`, 'utf8').split('\n');
    const totals = lines.filter((l) => l.includes(',drop-total-row,'));
    expect(totals).toHaveLength(100_000);
    // validate's checker (which fix uses) checks the first 20,000 aggregate rows of a table and says the rest unchecked
    expect(totals.slice(0, 20_000).every((l) => l.endsWith(',total-ok'))).toBe(true);
    expect(totals.slice(20_000).every((l) => l.endsWith(',total-unchecked'))).toBe(true);
    // each in its place: the totals row of source row 2k+1 follows the changes of data row 2k
    expect(lines.findIndex((l) => l.startsWith('B3,drop-total-row,'))).toBeGreaterThan(lines.findIndex((l) => /^[A-Z]2,/.test(l)));
    if (Number.isFinite(m.rssMb)) expect(m.rssMb).toBeLessThan(BOUND_MB);
  });

  it('--time-limit stops the run: one coded time-limit line, exit 2, no output and no temporary', () => {
    const input = join(dir, 'penduduk-200000.csv');
    if (!existsSync(input)) writeFileSync(input, messyTable(200_000));
    const outDir = join(dir, 'out-limit');
    mkdirSync(outDir);
    const m = runMeasured(['fix', input, '--standard', 'penduduk-jenis-kelamin-kecamatan', '--out', join(outDir, 'rapi.csv'), '--time-limit', '0.5']);
    observe('fix --time-limit 0.5', m);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^satudata: \[time-limit\] /m);
    expect(m.stderr).not.toMatch(/\bat .*\.js:\d+/);
    // the limit, the grace to stop, and the process start
    expect(m.seconds).toBeLessThan(0.5 + 2 + 1.5);
    expect(readdirSync(outDir)).toEqual([]);
  });
});
