/**
 * What fix keeps in memory for its report is bounded: the problems it leaves are listed up to PROBLEMS_KEPT and
 * counted beyond (pretty: said plainly; JSON: `problemsNotListed`), the tidy rows kept in the plan up to
 * ROWS_KEPT; the output file and the change log hold everything.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMain } from '../support/cli.js';
import { PROBLEMS_KEPT, ROWS_KEPT } from '../../src/fix/plan.js';
import { runFixFile } from '../../src/fix/run.js';
import { standardById } from '../../src/standards/resolve.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-fix-bounded-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// 1,200 rows whose "Laki-laki" mixes 1.234 and 1,234: the column's convention conflicts, every cell is refused
const ROWS = 1200;
const input = join(dir, 'campur.csv');
writeFileSync(input, ['Kode;Kecamatan;Tahun;Laki-laki;Perempuan;Jumlah', ...Array.from({ length: ROWS }, (_, i) => `52.01.01;Gerung;${2000 + (i % 20)};${i % 2 ? '1.234' : '1,234'};10;10`)].join('\n') + '\n');

describe('fix: bounded report', () => {
  it('lists the first problems and counts all; keeps the first rows in the plan, writes every row', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const out = join(dir, 'rapi.csv');
    const r = await runFixFile(input, std, out);
    expect(r.plan.problemCount).toBe(ROWS);
    expect(r.plan.problems).toHaveLength(PROBLEMS_KEPT);
    expect(r.plan.problems.every((p) => p.code === 'fix-ambiguous')).toBe(true);
    expect(r.plan.rowCount).toBe(ROWS);
    expect(r.plan.rows).toHaveLength(ROWS_KEPT);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(ROWS + 1);
    expect(r.valid).toBe(false);
  });

  it('pretty says how many are listed in JSON and how many only counted; JSON says how many are not listed', async () => {
    const pretty = await runMain(['fix', input, '--standard', 'penduduk-jenis-kelamin-kecamatan', '--out', join(dir, 'p.csv')]);
    expect(pretty.stdout).toContain(`Belum dapat dirapikan (${ROWS})`);
    expect(pretty.stdout).toContain(`970 masalah lagi tercantum di --format json, dan ${ROWS - PROBLEMS_KEPT} masalah lainnya hanya dihitung`);
    const json = await runMain(['fix', input, '--standard', 'penduduk-jenis-kelamin-kecamatan', '--out', join(dir, 'j.csv'), '--format', 'json']);
    const j = JSON.parse(json.stdout) as { problems: unknown[]; problemsNotListed: number; rows: number };
    expect(j.problems).toHaveLength(PROBLEMS_KEPT);
    expect(j.problemsNotListed).toBe(ROWS - PROBLEMS_KEPT);
    expect(j.rows).toBe(ROWS);
  });
});
