/**
 * Every fixture with a standard: the output of `fix` validated against that standard has no problem `fix` did
 * not list. A type error left in the output is a value fix refused (fix-ambiguous, with that value); a header
 * problem left is a field fix said it could not feed (fix-unmapped-fields). Corpus files, when ../shared/corpus
 * exists, have no standard of their own and are covered by `npm run corpus`.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runFixFile } from '../../src/fix/run.js';
import { standardById } from '../../src/standards/resolve.js';

const root = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'satudata-every-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cases: [string, string][] = [
  ['opd/penduduk-lombok-barat-2023.xlsx', 'penduduk-jenis-kelamin-kecamatan'],
  ['csv/penduduk-kecamatan-messy.csv', 'penduduk-jenis-kelamin-kecamatan'],
  ['csv/penduduk-kecamatan.csv', 'penduduk-jenis-kelamin-kecamatan'],
  ...readdirSync(join(root, 'standards')).flatMap((id) => ['valid.csv', 'invalid.csv'].map((f): [string, string] => [`standards/${id}/${f}`, id])),
];

describe('fix output against the standard: nothing fix did not list', () => {
  it.each(cases)('%s (%s)', async (file, id) => {
    const std = await standardById(id);
    const r = await runFixFile(join(root, file), std, join(dir, `${file.replace(/\W+/g, '_')}.csv`));
    const refused = new Set(r.plan.problems.filter((p) => p.code === 'fix-ambiguous').map((p) => p.value));
    const unmapped = r.plan.problems.some((p) => p.code === 'fix-unmapped-fields');
    for (const i of r.check.issues.filter((x) => x.severity === 'error')) {
      if (i.code === 'type-error') expect(refused, `${file}: ${i.cell} ${i.value}`).toContain(i.value);
      if (i.code === 'missing-label' || i.code === 'extra-label') expect(unmapped, `${file}: ${i.code} ${i.field ?? ''}`).toBe(true);
    }
    if (r.plan.problems.length === 0 && !r.check.issues.some((x) => x.severity === 'error')) expect(r.valid).toBe(true);
  });
});

describe('fix loses no value silently', () => {
  it('a cell beyond the header gets its own change-log line', async () => {
    const { writeFileSync } = await import('node:fs');
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const input = join(dir, 'extra.csv');
    writeFileSync(input, 'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah\n52.01.01,Gerung,2023,1,2,3\n52.01.02,Kediri,2023,1,1,2,catatan lepas\n');
    const r = await runFixFile(input, std, join(dir, 'extra-rapi.csv'));
    expect(r.plan.changes).toContainEqual({ cell: 'G3', rule: 'drop-extra-cell', old: 'catatan lepas', new: '' });
  });
});
