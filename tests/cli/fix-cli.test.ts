/** `satudata fix` / `rapikan` through the built binary: messy fixture → fix → validate clean. */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, runMain } from '../support/cli.js';

const MESSY = 'fixtures/csv/penduduk-kecamatan-messy.csv';
const STD = 'penduduk-jenis-kelamin-kecamatan';

describe('satudata fix (CLI)', () => {
  it('rapikan: writes the tidy file and change log, says what changed, and is still invalid without --dash nol (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-fixcli-'));
    const out = join(dir, 'penduduk.csv');
    const r = await runMain(['rapikan', MESSY, '--standard', STD, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`→ ${out} (10 baris data, 64 perubahan; log: ${out}.perubahan.csv)`);
    expect(r.stdout).toContain('drop-signature-row   3');
    expect(r.stdout).toContain('Hasil MASIH TIDAK VALID');
    expect(readFileSync(`${out}.perubahan.csv`, 'utf8').split('\n')[0]).toBe('sel,aturan,nilai_lama,nilai_baru');
  });

  it('without --standard: uses the standard validate would choose and says so; none clearly fits → exit 2 naming the way out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-fixcli-'));
    const out = join(dir, 'rapi.csv');
    const r = await runMain(['rapikan', 'fixtures/opd/penduduk-lombok-barat-2023.xlsx', '--recompute', '--out', out]);
    expect(r.stdout.split('\n')[0]).toBe(`Standar dipilih otomatis (tanpa --standard): ${STD}, yang paling cocok dengan tabel ini — sama dengan pilihan satudata periksa.`);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe('kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah');
    const j = JSON.parse((await runMain(['fix', 'fixtures/opd/penduduk-lombok-barat-2023.xlsx', '--out', join(dir, 'b.csv'), '--format', 'json'])).stdout);
    expect(j).toMatchObject({ standard: STD, standardChoice: 'matched' });
    const none = await runMain(['fix', 'fixtures/audit/daftar-data-contoh.xlsx', '--out', join(dir, 'c.csv'), '--lang', 'en']);
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('[usage-error] No standard clearly fits fixtures/audit/daftar-data-contoh.xlsx');
    expect(existsSync(join(dir, 'c.csv'))).toBe(false);
    const missing = await runMain(['fix', join(dir, 'tidak-ada.csv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[source-error]');
  });

  it('--out naming an existing folder: output-error (exit 2), the folder and what it holds untouched, nothing written beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-fixcli-'));
    const folder = join(dir, 'data');
    mkdirSync(folder);
    writeFileSync(join(folder, 'punya-saya.csv'), 'a,b\n1,2\n');
    for (const out of [folder, `${folder}/`]) {
      const r = await runMain(['fix', MESSY, '--standard', STD, '--out', out, '--lang', 'en']);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`[output-error] Cannot write ${out}: it is a directory.`);
      expect(readdirSync(folder)).toEqual(['punya-saya.csv']);
      expect(readdirSync(dir)).toEqual(['data']);
    }
  });

  it('the count of errors left equals the errors listed, or says how many more ("dan N galat lainnya")', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-fixcli-'));
    const input = join(dir, 'kosong.csv');
    const rows = Array.from({ length: 12 }, (_, i) => `52.01.${String(i + 1).padStart(2, '0')},Kec ${i + 1},2022,100,`);
    writeFileSync(input, ['kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah', ...rows].join('\n') + '\n');
    const r = await runMain(['fix', input, '--standard', STD, '--out', join(dir, 'hasil.csv')]);
    expect(r.code).toBe(1);
    const count = Number(/, (\d+) galat:/.exec(r.stdout)?.[1]);
    const listed = r.stdout.split('\n').filter((l) => /^ {2}✖ \S+ +.*\[[a-z-]+\]$/.test(l) && l.includes('hasil') === false);
    const more = Number(/… dan (\d+) galat lainnya/.exec(r.stdout)?.[1] ?? 0);
    expect(count).toBeGreaterThan(10);
    expect(listed.length + more).toBe(count);
  });

  it('round trip: fix --dash nol (exit 0) → validate --standard has zero errors (exit 0)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-fixcli-'));
    const out = join(dir, 'penduduk.csv');
    const r = await runMain(['fix', MESSY, '--standard', STD, '--dash', 'nol', '--out', out, '--lang', 'en']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('The result is valid against standard penduduk-jenis-kelamin-kecamatan');
    const v = await runMain(['validate', out, '--standard', STD, '--format', 'json']);
    expect(v.code).toBe(0);
    const report = JSON.parse(v.stdout);
    expect(report.stats.errors).toBe(0);
    expect(report.stats.warnings).toBe(0);
  });

  it('--format json lists every change and problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-fixcli-'));
    const r = await runMain(['fix', 'fixtures/fix/ambiguous.csv', '--standard', STD, '--out', join(dir, 'a.csv'), '--format', 'json']);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.stdout);
    expect(j.valid).toBe(false);
    expect(j.problems.map((p: { code: string }) => p.code)).toEqual(['fix-ambiguous', 'fix-ambiguous', 'fix-no-match']);
    expect(j.problems[0].message).toBe('Nilai "900.545" tidak dapat dirapikan tanpa menebak (titik ribuan atau titik desimal?).');
  });

  it('a file the standard does not fit: says which fields it could not find, writes no blank rows, never "0 masalah" (exit 1)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-fixcli-'));
    const input = join(dir, 'gkm-provinsi.csv');
    writeFileSync(input, ['38 Provinsi,,', ',Garis Kemiskinan Makanan Menurut Provinsi dan Daerah,', ',Perkotaan,Perdesaan', 'ACEH,489121,469272', 'BALI,452170,433066', 'INDONESIA,415588,399460'].join('\n'));
    const out = join(dir, 'gkm.rapi.csv');
    const r = await runMain(['rapikan', input, '--standard', 'garis-kemiskinan-kabupaten-kota', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`→ ${out} (0 baris data,`);
    expect(r.stdout).toContain('Berkas tidak memuat kolom standar kode_wilayah, nama_kabupaten_kota, tahun, garis_kemiskinan_makanan, garis_kemiskinan_bukan_makanan, garis_kemiskinan (kolom berkas: "38 Provinsi", ');
    expect(r.stdout).toContain('[fix-unmapped-fields]');
    expect(r.stdout).toContain('1 masalah belum dirapikan');
    expect(r.stdout).not.toContain(' 0 masalah');
    expect(readFileSync(out, 'utf8')).toBe('kode_wilayah,nama_kabupaten_kota,tahun,garis_kemiskinan_makanan,garis_kemiskinan_bukan_makanan,garis_kemiskinan\n');
    const j = JSON.parse((await runMain(['fix', input, '--standard', 'garis-kemiskinan-kabupaten-kota', '--out', out, '--format', 'json', '--lang', 'en'])).stdout);
    expect(j).toMatchObject({ valid: false, rows: 0 });
    expect(j.problems[0]).toMatchObject({ code: 'fix-unmapped-fields', title: 'Standard fields not found' });
  });

  it('usage errors exit 2: the input as output, a --set for an unknown field, an unknown standard, a missing file', async () => {
    const same = await runMain(['fix', MESSY, '--standard', STD, '--out', MESSY]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('berkas masukan tidak pernah diubah');
    const set = await runMain(['fix', MESSY, '--standard', STD, '--set', 'tidak_ada=1']);
    expect(set.stderr).toContain('--set');
    expect(set.code).toBe(2);
    const unknown = await runMain(['fix', MESSY, '--standard', 'tidak-ada']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^satudata: \[standard-not-found\] Standar "tidak-ada" tidak ada di katalog/);
    const missing = await runMain(['fix', 'fixtures/tidak-ada.csv', '--standard', STD]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('[source-error]');
    expect(existsSync('fixtures/tidak-ada.rapi.csv')).toBe(false);
  });

  it('fix - reads standard input (with --out): the same tidy file and change log as from the file; without --out a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-fix-stdin-'));
    const input = join(ROOT, 'fixtures/csv/penduduk-kecamatan-messy.csv');
    const env = { ...process.env, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '' };
    const piped = spawnSync(process.execPath, [BIN, 'fix', '-', '--out', join(dir, 'dari-stdin.csv')], { cwd: ROOT, input: readFileSync(input), encoding: 'utf8', env });
    expect(piped.status).toBe(1); // (the messy fixture stays invalid without --dash nol, as from the file)
    expect(piped.stdout).toContain('- → ');
    const direct = await runMain(['fix', input, '--out', join(dir, 'dari-berkas.csv')]);
    expect(direct.code).toBe(1);
    expect(readFileSync(join(dir, 'dari-stdin.csv'), 'utf8')).toBe(readFileSync(join(dir, 'dari-berkas.csv'), 'utf8'));
    expect(readFileSync(join(dir, 'dari-stdin.csv.perubahan.csv'), 'utf8')).toBe(readFileSync(join(dir, 'dari-berkas.csv.perubahan.csv'), 'utf8'));
    const noOut = spawnSync(process.execPath, [BIN, 'fix', '-'], { cwd: ROOT, input: readFileSync(input), encoding: 'utf8', env });
    expect([noOut.status, noOut.stderr]).toEqual([2, expect.stringContaining('[usage-error]')]);
  });
});
