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
  it('fills codes for the names BPS tables write (Kota Jakarta X, Kota Baru, Mahakam Hulu) and renames former names (logged as such)', () => {
    const src = join(tmp, 'kab.csv');
    writeFileSync(src, [
      'kode_wilayah,nama_kabupaten_kota,tahun,jumlah_penduduk_miskin,persentase_penduduk_miskin',
      ',Kota Jakarta Selatan,2023,1,1',
      ',Kepulauan Seribu,2023,1,1',
      ',Kota Baru,2023,1,1',
      ',Mahakam Hulu,2023,1,1',
      ',Toba Samosir,2023,1,1',
      '76.01,Mamuju Utara,2023,1,1',
      '',
    ].join('\n'));
    const out = join(tmp, 'kab.rapi.csv');
    const r = runCli(['fix', src, '--standard', 'penduduk-miskin-kabupaten-kota', '--out', out]);
    expect(r.stdout).not.toContain('[fix-no-match]');
    const log = readFileSync(out + '.perubahan.csv', 'utf8');
    expect(log).toContain('A2,code-from-name,,31.74\n');
    expect(log).toContain('A3,code-from-name,,31.01\n');
    expect(log).toContain('B4,region-name-spelling,Kota Baru,Kabupaten Kotabaru\n');
    expect(log).toContain('B5,region-name-spelling,Mahakam Hulu,Kabupaten Mahakam Ulu\n');
    expect(log).toContain('B6,region-name-former,Toba Samosir,Kabupaten Toba\n');
    expect(log).toContain('B7,region-name-former,Mamuju Utara,Kabupaten Pasangkayu\n');
    // the Jakarta names are the official ones up to the kind word: kept as written
    expect(log).not.toMatch(/^B2,/m);
    const tidy = readFileSync(out, 'utf8');
    expect(tidy).toContain('31.74,Kota Jakarta Selatan,2023');
    expect(tidy).toContain('63.02,Kabupaten Kotabaru,2023');
    expect(tidy).toContain('12.12,Kabupaten Toba,2023');
    expect(tidy).toContain('76.01,Kabupaten Pasangkayu,2023');
  });
});
