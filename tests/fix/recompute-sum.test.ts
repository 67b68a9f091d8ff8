/** A sum the standard declares (jumlah = laki_laki + perempuan) is a derived value: fix reports a data row that breaks it
 *  among the problems it leaves, and recomputes it only with --recompute, logged; a totals row is left to the totals check. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { runFixFile } from '../../src/fix/run.js';
import { standardById } from '../../src/standards/resolve.js';

const workbook = fileURLToPath(new URL('../../fixtures/opd/penduduk-lombok-barat-2023.xlsx', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'satudata-recompute-sum-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reports the broken L+P=Jumlah row without --recompute and leaves the value as written', async () => {
  const std = await standardById('penduduk-jenis-kelamin-kecamatan');
  const r = await runFixFile(workbook, std, join(dir, 'a.csv'));
  expect(r.plan.problems.map((p) => `${p.code}@${p.cell}`)).toEqual(['formula-mismatch@F10', 'fix-total-mismatch@F16']);
  expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toContain('52.01.08,Labuapi,2023,36220,35988,73208');
  expect(r.valid).toBe(false);
});

it('recomputes it with --recompute, each change logged, and the tidy output is valid', async () => {
  const std = await standardById('penduduk-jenis-kelamin-kecamatan');
  const r = await runFixFile(workbook, std, join(dir, 'b.csv'), { recompute: true });
  expect(readFileSync(join(dir, 'b.csv'), 'utf8')).toContain('52.01.08,Labuapi,2023,36220,35988,72208');
  expect(readFileSync(join(dir, 'b.csv.perubahan.csv'), 'utf8')).toContain("'Penduduk 2023'!F10,recompute,73.208,72208");
  expect(r.check.valid).toBe(true);
  // the source's wrong Jumlah row is still told (the tidy table holds no totals)
  expect(r.plan.problems.map((p) => p.code)).toEqual(['fix-total-mismatch']);
});
