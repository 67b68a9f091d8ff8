/**
 * Repository mode on worker threads (issue 15.3): with workers forced on, a repository gives exactly the report
 * it gives on one thread (same tables, same order, same issues, metadata found, region names checked, the
 * error cap), and the time limit stops every worker (the process ends right after). Runs the built CLI.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../support/cli.js';
// @ts-expect-error a plain .mjs script without types
import { makeBenchRepo } from '../repo/make-bench-repo.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'satudata-workers-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The JSON report without timings (the only thing that may differ between runs). */
function normalised(stdout: string): unknown {
  return JSON.parse(stdout, (k, v) => (k === 'seconds' ? 0 : v));
}

function both(args: string[], env: Record<string, string> = {}) {
  const on = runCli(args, { ...env, SATUDATA_WORKERS: 'always' });
  const off = runCli(args, { ...env, SATUDATA_WORKERS: 'never' });
  return { on, off };
}

/** fixtures/repo plus an OPD workbook (every sheet) and a table with its metadata file beside it. */
function mixedRepo(): string {
  const dir = join(tmp, 'mixed');
  cpSync(join(ROOT, 'fixtures/repo'), dir, { recursive: true });
  mkdirSync(join(dir, 'opd'), { recursive: true });
  cpSync(join(ROOT, 'fixtures/opd/penduduk-lombok-barat-2023.xlsx'), join(dir, 'opd/penduduk-lombok-barat-2023.xlsx'));
  cpSync(join(ROOT, 'fixtures/package/penduduk-kecamatan.metadata.json'), join(dir, 'opd/penduduk-kecamatan.metadata.json'));
  cpSync(join(ROOT, 'fixtures/csv/penduduk-kecamatan-errors.csv'), join(dir, 'opd/penduduk-kecamatan.csv'));
  return dir;
}

describe('validate a repository on worker threads', () => {
  it('gives the same report as one thread: fixtures/repo plus an OPD workbook and a table with metadata', () => {
    const dir = mixedRepo();
    for (const extra of [['--sheet', 'all'], ['--max-errors', '2']]) {
      const { on, off } = both(['validate', dir, '--format', 'json', ...extra]);
      expect(on.stderr).toBe(off.stderr);
      expect(on.code).toBe(off.code);
      expect(normalised(on.stdout)).toEqual(normalised(off.stdout));
      const report = JSON.parse(on.stdout) as { tables: { path: string; metadata?: unknown; issues: unknown[] }[] };
      expect(report.tables.length).toBeGreaterThanOrEqual(6);
      expect(report.tables.some((t) => t.metadata)).toBe(true);
      if (extra[0] === '--max-errors') expect(Math.max(...report.tables.map((t) => t.issues.length))).toBeLessThanOrEqual(3);
    }
  });

  it('gives the same report on a generated repository of CSV and XLSX files matched to standards by header', async () => {
    const dir = await makeBenchRepo(join(tmp, 'bench8'), 8);
    const { on, off } = both(['validate', dir, '--format', 'json']);
    expect(on.code).toBe(1);
    expect(normalised(on.stdout)).toEqual(normalised(off.stdout));
  });

  it('--time-limit stops every worker: each file is reported as time-limit and the process ends', () => {
    const dir = join(tmp, 'slow');
    mkdirSync(dir, { recursive: true });
    const line = '5201,Mataram,2024,12,3.5\n';
    const body = 'kode,nama,tahun,l,p\n' + line.repeat(Math.ceil((16 * 1024 * 1024) / line.length));
    for (const n of ['a', 'b', 'c']) writeFileSync(join(dir, `${n}.csv`), body);
    const t0 = performance.now();
    const r = runCli(['validate', dir, '--format', 'json', '--time-limit', '0.3'], { SATUDATA_WORKERS: 'always' });
    const seconds = (performance.now() - t0) / 1000;
    const report = JSON.parse(r.stdout) as { tables: { issues: { type: string }[] }[] };
    expect(report.tables.map((t) => t.issues.map((i) => i.type))).toEqual([['time-limit'], ['time-limit'], ['time-limit']]);
    // the same verdict as on one thread
    const off = runCli(['validate', dir, '--format', 'json', '--time-limit', '0.3'], { SATUDATA_WORKERS: 'never' });
    expect(r.code).toBe(off.code);
    expect(normalised(r.stdout)).toEqual(normalised(off.stdout));
    // three files, two workers: two rounds of 0.3 s + at most the stop grace (1.5 s) or the pool's backstop
    // (limit + 3.5 s); node start-up on a loaded 2-core machine on top. A worker left running would hang here.
    expect(seconds).toBeLessThan(12);
  });
});
