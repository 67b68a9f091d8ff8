/**
 * Each fix rule on a before file in fixtures/fix/: the tidy output and the change log must equal the
 * expected files (`<name>.expected.csv`, `<name>.expected.perubahan.csv`), and the problems the fixer
 * would not guess are listed.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runFixFile } from '../../src/fix/run.js';
import { changeLogText } from '../../src/fix/write.js';
import { standardById, loadSchemaOrStandard } from '../../src/standards/resolve.js';
import type { Standard } from '../../src/standards/standard.js';

const fx = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const read = (p: string) => readFileSync(p, 'utf8');
const dir = mkdtempSync(join(tmpdir(), 'satudata-fix-'));

async function fix(name: string, std: Standard, input = fx(`fix/${name}.csv`), opts = {}) {
  const out = join(dir, `${name}.csv`);
  const r = await runFixFile(input, std, out, opts);
  return { r, out, log: read(r.changeLog), data: read(out) };
}

const rulesOf = (log: string) => new Set(log.trim().split('\n').slice(1).map((l) => l.split(',')[1]));

describe('fix rules (before → after + change log)', () => {
  it('layout, rename, Indonesian numbers, totals, glued codes, codes from names, year from the title: the bundled messy fixture', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const { r, log, data } = await fix('penduduk-kecamatan-messy', std, fx('csv/penduduk-kecamatan-messy.csv'), { dash: 'zero' });
    expect(log).toBe(read(fx('fix/penduduk-kecamatan-messy.expected.perubahan.csv')));
    expect(data).toBe(read(fx('fix/penduduk-kecamatan-messy.expected.csv')));
    expect([...rulesOf(log)].sort()).toEqual(['code-from-name', 'dash-zero', 'drop-blank-row', 'drop-column', 'drop-footnote-row', 'drop-header-row', 'drop-signature-row', 'drop-title-row', 'drop-total-row', 'flatten-header', 'number-id', 'rename-column', 'split-glued-code', 'value-from-title']);
    // the signature block is in the log as dropped rows, its names and NIP masked; never in the data
    expect(data).not.toContain('NIP');
    expect(log).not.toContain('19700101');
    expect(log).toContain('NIP (18 digit) disamarkan');
    expect(r.plan.problems).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('a totals row that adds up is dropped silently; one that does not is reported and still dropped', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const { r, log, data } = await fix('total-mismatch', std);
    expect(log).toBe(read(fx('fix/total-mismatch.expected.perubahan.csv')));
    expect(data).toBe(read(fx('fix/total-mismatch.expected.csv')));
    expect(r.plan.problems.map((p) => [p.code, p.cell, p.field, p.params?.value, p.params?.sum, p.params?.rows])).toEqual([['fix-total-mismatch', 'F6', 'jumlah', '272500', '272.437', '3–5']]);
    expect(r.valid).toBe(false);
  });

  it('unpivots years as columns into the long format (one row per year), naming each value field from the label', async () => {
    const std = await standardById('garis-kemiskinan-kabupaten-kota');
    const { r, log, data } = await fix('unpivot-tahun', std);
    expect(log).toBe(read(fx('fix/unpivot-tahun.expected.perubahan.csv')));
    expect(data).toBe(read(fx('fix/unpivot-tahun.expected.csv')));
    expect(rulesOf(log)).toContain('unpivot');
    // a province row among kab/kota is an aggregate of a non-additive measure: dropped, not summed
    expect(r.plan.problems).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('unpivots categories as columns (APK SD, APM SD, …) into the enum field of the standard', async () => {
    const std = await standardById('angka-partisipasi-sekolah-kabupaten-kota');
    const { r, log, data } = await fix('unpivot-jenjang', std);
    expect(log).toBe(read(fx('fix/unpivot-jenjang.expected.perubahan.csv')));
    expect(data).toBe(read(fx('fix/unpivot-jenjang.expected.csv')));
    expect(data.split('\n')[1]).toBe('52.01,Kabupaten Lombok Barat,2023,SD,105.2,98.1');
    expect(r.valid).toBe(true);
  });

  it('codes stored as floats and undotted become canonical; names are filled from codes', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const { r, log, data } = await fix('name-from-code', std);
    expect(log).toBe(read(fx('fix/name-from-code.expected.perubahan.csv')));
    expect(data).toBe(read(fx('fix/name-from-code.expected.csv')));
    expect([...rulesOf(log)].sort()).toEqual(['code-float', 'code-undotted', 'name-from-code', 'number-id', 'year-float']);
    expect(r.valid).toBe(true);
  });

  it('Rp and %, Indonesian-month and Excel serial dates, markers, float years, glued names (a plain Table Schema)', async () => {
    const { schema, standard } = await loadSchemaOrStandard(fx('fix/values.schema.json'));
    const std = standard ?? ({ schema, info: { id: 'values' } } as unknown as Standard);
    const { r, log, data } = await fix('values', std);
    expect(log).toBe(read(fx('fix/values.expected.perubahan.csv')));
    expect(data).toBe(read(fx('fix/values.expected.csv')));
    expect([...rulesOf(log)].sort()).toEqual(['code-float', 'code-undotted', 'date-id', 'date-serial', 'missing-marker', 'number-decor', 'split-glued-code', 'year-float']);
    expect(r.valid).toBe(true);
  });

  it('does not guess: 900.545 with nothing deciding, a name of two kecamatan, an unknown name — listed, output marked invalid', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const { r, log, data } = await fix('ambiguous', std);
    expect(log).toBe(read(fx('fix/ambiguous.expected.perubahan.csv')));
    expect(data).toBe(read(fx('fix/ambiguous.expected.csv')));
    expect(r.plan.problems.map((p) => `${p.code}@${p.cell}=${p.value}`)).toEqual([
      'fix-ambiguous@D2=900.545',
      'fix-ambiguous@B2=Kediri',
      'fix-no-match@B3=Atlantis',
    ]);
    expect(String(r.plan.problems[1]!.params?.choices)).toContain('52.01.02 Kediri');
    expect(r.valid).toBe(false);
    expect(r.check.valid).toBe(false);
  });

  it('--cakupan settles a name shared by two regions', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const { r } = await fix('ambiguous', std, fx('fix/ambiguous.csv'), { cakupan: '52.01' });
    expect(r.plan.rows[0]![0]).toBe('52.01.02');
    expect(r.plan.changes.some((c) => c.rule === 'code-from-name' && c.new === '52.01.02')).toBe(true);
  });

  it('the change log is CSV with the cell, the rule, the old and the new value, neutralised against formulas', () => {
    const text = changeLogText([{ cell: 'B7', rule: 'trim', old: '=HYPERLINK("x")', new: '@SUM(A1)' }, { cell: 'C7', rule: 'number-id', old: '-1.234', new: '-1234' }]);
    expect(text).toBe('sel,aturan,nilai_lama,nilai_baru\nB7,trim,"\'=HYPERLINK(""x"")",\'@SUM(A1)\nC7,number-id,-1.234,-1234\n');
  });
});
