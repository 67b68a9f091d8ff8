/** Outputs are a unit: an output and its companions are written all or nothing, names checked first. */
import { afterAll, describe, expect, it } from 'vitest';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { runMeasured, tempDir } from './support.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const MESSY = join(ROOT, 'fixtures/csv/penduduk-kecamatan-messy.csv');

describe('outputs as a unit', () => {
  it('fix: a change-log name too long → output-error, exit 2, and no fixed file without its log', () => {
    const out = join(dir, 'a'.repeat(245) + '.csv'); // the table's name fits, `<out>.perubahan.csv` does not
    const m = runMeasured(['fix', MESSY, '--standard', 'penduduk-jenis-kelamin-kecamatan', '--out', out]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^satudata: \[output-error\] .*perubahan\.csv/m);
    expect(m.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('package: a zip name too long → output-error, exit 2, nothing written', () => {
    const out = join(dir, 'p'.repeat(300) + '.zip');
    const m = runMeasured(['package', join(ROOT, 'fixtures/csv/penduduk-kecamatan.csv'), '--standard', 'penduduk-jenis-kelamin-kecamatan', '--out', out]);
    expect(m.code).toBe(2);
    expect(m.stderr).toMatch(/^satudata: \[output-error\] /m);
    expect(m.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
