import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'satudata-names-'));

describe('fix renames region names to the official spelling (logged)', () => {
  it('fills codes from names spelled differently and renames them; an unknown name stays a problem', () => {
    const src = join(tmp, 'names.csv');
    writeFileSync(src, 'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah\n,Gerung,2023,1,1,2\n,Gunung Sari,2023,1,1,2\n52.01.08,LABU API,2023,1,1,2\n,Gerungg,2023,1,1,2\n');
    const out = join(tmp, 'names.rapi.csv');
    const r = runCli(['fix', src, '--standard', 'penduduk-jenis-kelamin-kecamatan', '--out', out]);
    expect(r.stdout).toContain('[fix-no-match]');
    const log = readFileSync(out + '.perubahan.csv', 'utf8');
    expect(log).toContain('A3,code-from-name,,52.01.09\n');
    expect(log).toContain('B3,region-name-spelling,Gunung Sari,Gunungsari\n');
    expect(log).toContain('B4,region-name-spelling,LABU API,Labuapi\n');
    const tidy = readFileSync(out, 'utf8');
    expect(tidy).toContain('52.01.09,Gunungsari,2023');
    expect(tidy).toContain('52.01.08,Labuapi,2023');
  });
});
