/** `satudata package` through the built binary (SATUDATA_BIN may point at another build). */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from '../support/cli.js';
import { copyFixture, tmp } from '../portal/helpers.js';

const SCHEMA = 'fixtures/schemas/penduduk-kecamatan.schema.json';

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [process.env.SATUDATA_BIN ?? BIN, ...args], {
    cwd: ROOT, encoding: 'utf8', timeout: 60000,
    env: { ...process.env, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '', SOURCE_DATE_EPOCH: '1735786800', ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('satudata package (CLI)', () => {
  it('writes a package folder and says where, in Indonesian by default', () => {
    const dir = tmp('satudata-pkgcli-');
    const file = copyFixture(join(dir, 'in'));
    const r = run(['package', file, '--schema', SCHEMA, '--out', join(dir, 'paket')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('paket dukcapil-lobar-penduduk-kecamatan');
    expect(r.stdout).toContain('20 baris data');
    expect(existsSync(join(dir, 'paket', 'dukcapil-lobar-penduduk-kecamatan', 'datapackage.json'))).toBe(true);
  });

  it('without --standard: each file gets the standard validate would choose (said); a file none clearly fits is refused, exit 2', () => {
    const dir = tmp('satudata-pkgcli-');
    const r = run(['package', 'fixtures/opd/penduduk-lombok-barat-2023.xlsx', 'fixtures/audit/daftar-data-contoh.xlsx', '--out', join(dir, 'paket'), '--allow-invalid']);
    expect(r.stdout).toContain('fixtures/opd/penduduk-lombok-barat-2023.xlsx: standar dipilih otomatis (tanpa --standard): penduduk-jenis-kelamin-kecamatan');
    expect(r.stderr).toContain('[usage-error] Tidak ada standar yang jelas cocok dengan fixtures/audit/daftar-data-contoh.xlsx');
    expect(r.code).toBe(2);
    expect(readdirSync(join(dir, 'paket'))).toHaveLength(1);
  });

  it('is byte-identical across runs with SOURCE_DATE_EPOCH (zip output)', () => {
    const dir = tmp('satudata-pkgcli-');
    const file = copyFixture(join(dir, 'in'));
    expect(run(['package', file, '--schema', SCHEMA, '--out', join(dir, 'a.zip')]).code).toBe(0);
    expect(run(['package', file, '--schema', SCHEMA, '--out', join(dir, 'b.zip')]).code).toBe(0);
    expect(readFileSync(join(dir, 'a.zip')).equals(readFileSync(join(dir, 'b.zip')))).toBe(true);
  });

  it('refuses invalid data with exit 1 and writes nothing; --allow-invalid marks the package', () => {
    const dir = tmp('satudata-pkgcli-');
    const file = copyFixture(join(dir, 'in'));
    writeFileSync(file, readFileSync(file, 'utf8').replace('43351', 'banyak'));
    const r = run(['package', file, '--schema', SCHEMA, '--out', join(dir, 'paket')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[package-invalid]');
    expect(r.stdout).toContain('Tipe salah');
    expect(existsSync(join(dir, 'paket')) ? readdirSync(join(dir, 'paket')) : []).toEqual([]);
    const ok = run(['package', file, '--schema', SCHEMA, '--out', join(dir, 'paket'), '--allow-invalid', '--lang', 'en']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('[package-allow-invalid]');
    expect(ok.stdout).toContain('marked invalid');
  });

  it('a file argument that cannot be opened is one coded line on stderr naming it, nothing on stdout (exit 2)', () => {
    const r = run(['package', 'fixtures/tidak-ada.csv', '--schema', SCHEMA, '--out', tmp('satudata-pkgcli-')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('satudata: [source-error] fixtures/tidak-ada.csv: Berkas tidak dapat dibuka: tidak ditemukan.\n    Periksa nama dan lokasi berkas, serta izin bacanya.\n');
  });

  it('usage errors exit 2 without a stack trace', () => {
    const dir = tmp('satudata-pkgcli-');
    const file = copyFixture(join(dir, 'in'));
    const noStd = run(['package', 'fixtures/audit/daftar-data-contoh.xlsx', '--out', join(dir, 'p0')]);
    expect(noStd.code).toBe(2);
    expect(noStd.stderr).toContain('--schema');
    const twoZip = run(['package', file, file, '--schema', SCHEMA, '--out', join(dir, 'x.zip')]);
    expect(twoZip.code).toBe(2);
    const missing = run(['package', join(dir, 'nope.csv'), '--schema', SCHEMA, '--out', join(dir, 'p')]);
    expect(missing.code).toBe(2);
    const clash = run(['package', file, file, '--schema', SCHEMA, '--out', join(dir, 'p2')]);
    expect(clash.code).toBe(2);
    expect(clash.stderr).toContain('dukcapil-lobar-penduduk-kecamatan');
    for (const r of [noStd, twoZip, missing, clash]) expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
  });
});
