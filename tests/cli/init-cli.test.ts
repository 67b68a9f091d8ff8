/**
 * `satudata init` through the built binary: flags only (CI), a non-TTY without the needed flags (exit 2,
 * never waits), the workbook copy with a Metadata sheet, and the wizard on a real pseudo-terminal.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import ExcelJS from 'exceljs';
import { describe, expect, it, vi } from 'vitest';
import { BIN, ROOT, runMain } from '../support/cli.js';
import { checkMetadata } from '../../src/standards/metadata-load.js';
import { runInit } from '../../src/cli/init.js';

const STD = 'penduduk-jenis-kelamin-kecamatan';
const FLAGS = ['--standard', STD, '--opd', 'DINKES', '--periode-awal', '2023', '--periode-akhir', '2023', '--cakupan', '52.01'];

function data(): string {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-initcli-'));
  const file = join(dir, 'penduduk.csv');
  copyFileSync(join(ROOT, 'fixtures/csv/penduduk-kecamatan.csv'), file);
  return file;
}

describe('satudata init (CLI)', () => {
  it('without a terminal and without the needed flags: a coded message listing them, exit 2, at once', async () => {
    const started = Date.now();
    const r = await runMain(['init', data(), '--standard', STD]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[init-missing-flags]');
    expect(r.stderr).toContain('--opd, --periode-awal, --periode-akhir, --cakupan');
    expect(Date.now() - started).toBeLessThan(15000);
  });

  it('with the flags: writes <data>.metadata.json that passes the metadata schema, and validate finds it', async () => {
    const file = data();
    const r = await runMain(['init', file, ...FLAGS, '--kontak', 'data@ntbprov.go.id']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const path = file.replace(/\.csv$/, '.metadata.json');
    const m = JSON.parse(readFileSync(path, 'utf8'));
    expect(await checkMetadata(m, path)).toEqual([]);
    expect(m).toMatchObject({ produsen: { kode: '1.02.0.00.0.00.02.0000' }, cakupan: '52.01', periode_awal: '2023', satuan: 'jiwa', kontak: 'data@ntbprov.go.id' });
    const v = await runMain(['validate', file, '--standard', STD, '--format', 'json']);
    expect(JSON.parse(v.stdout).tables[0].metadata.source).toContain('penduduk.metadata.json');
  });

  it('refuses to overwrite an existing metadata file, also with --yes, unless --force; a missing --out folder is coded', async () => {
    const file = data();
    const sidecar = file.replace(/\.csv$/, '.metadata.json');
    writeFileSync(sidecar, '{"judul":"punya saya"}');
    const refused = await runMain(['init', file, ...FLAGS, '--yes']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(`satudata: [usage-error] Berkas metadata ${sidecar} sudah ada dan tidak ditimpa. Pakai --force untuk menimpanya.\n`);
    expect(readFileSync(sidecar, 'utf8')).toBe('{"judul":"punya saya"}');
    // on a terminal too: refused before any question
    expect(await runInit(file, { lang: 'id', standard: STD }, { interactive: true })).toBe(2);
    const forced = await runMain(['init', file, ...FLAGS, '--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(await checkMetadata(JSON.parse(readFileSync(sidecar, 'utf8')), sidecar)).toEqual([]);
    const noFolder = await runMain(['init', file, ...FLAGS, '--yes', '--out', join(dirname(file), 'tidak-ada', 'm.json')]);
    expect(noFolder.code).toBe(2);
    expect(noFolder.stderr).toMatch(/^satudata: \[output-error\] Tidak dapat menulis .*m\.json: folder tujuannya tidak ada/);
    expect(existsSync(join(dirname(file), 'tidak-ada'))).toBe(false);
  });

  it('bad flag values exit 2 before anything is written', async () => {
    const file = data();
    expect((await runMain(['init', file, ...FLAGS.slice(0, -2), '--cakupan', '5201'])).code).toBe(2);
    expect((await runMain(['init', file, ...FLAGS.slice(2), '--standard', 'tidak-ada'])).code).toBe(2);
    expect((await runMain(['init', file, '--standard', STD, '--opd', 'XYZ', ...FLAGS.slice(4)])).code).toBe(2);
    expect(existsSync(file.replace(/\.csv$/, '.metadata.json'))).toBe(false);
  });

  it('a last period before the first, or a coverage code that is no Kemendagri region: a coded message saying why, exit 2, nothing written', async () => {
    const file = data();
    const reversed = await runMain(['init', file, ...FLAGS.slice(0, 4), '--periode-awal', '2024', '--periode-akhir', '2020', '--cakupan', '52.01', '--yes']);
    expect(reversed.code).toBe(2);
    expect(reversed.stderr).toMatch(/^satudata: \[init-invalid\] Metadata dari jawaban tidak sah: --periode-awal 2024: Periode awal 2024 sesudah periode akhir 2020/);
    const region = await runMain(['init', file, ...FLAGS.slice(0, -2), '--cakupan', '99.99', '--yes', '--lang', 'en']);
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('[init-invalid] The metadata from the answers is invalid: --cakupan 99.99: Region code 99.99 is not in the Kemendagri reference codes');
    expect(region.stdout).toBe('');
    expect(existsSync(file.replace(/\.csv$/, '.metadata.json'))).toBe(false);
  });

  it('on a terminal, flags the wizard would not ask again are checked first: reversed periods stop before any question', async () => {
    const file = data();
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await runInit(file, { lang: 'id', standard: STD, opd: 'DINKES', periodeAwal: '2024', periodeAkhir: '2020' }, { interactive: true });
      expect(code).toBe(2);
      expect(String(err.mock.calls[0]?.[0])).toContain('[init-invalid] Metadata dari jawaban tidak sah: --periode-awal 2024: Periode awal 2024 sesudah periode akhir 2020');
    } finally {
      err.mockRestore();
    }
    expect(existsSync(file.replace(/\.csv$/, '.metadata.json'))).toBe(false);
  });

  it('a data file that does not exist or is a folder: [source-error], exit 2, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-initcli-'));
    const missing = await runMain(['init', join(dir, 'tidak-ada.csv'), ...FLAGS, '--yes']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`satudata: [source-error] ${join(dir, 'tidak-ada.csv')}: Berkas tidak dapat dibuka: tidak ditemukan.\n    Periksa nama dan lokasi berkas, serta izin bacanya.\n`);
    expect(missing.stdout).toBe('');
    mkdirSync(join(dir, 'folder.csv'));
    const folder = await runMain(['init', join(dir, 'folder.csv'), ...FLAGS, '--lang', 'en']);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toMatch(/^satudata: \[source-error\] .*folder\.csv: File cannot be opened: it is a directory\./);
    // on a terminal too: refused before the wizard asks anything
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await runInit(join(dir, 'juga-tidak-ada.xlsx'), { lang: 'id' }, { interactive: true })).toBe(2);
      expect(String(err.mock.calls[0]?.[0])).toContain('[source-error]');
    } finally {
      err.mockRestore();
    }
    expect(readdirSync(dir)).toEqual(['folder.csv']);
  });

  it('never writes the metadata over the data file; --sheet-out must be .xlsx; an unreadable workbook is coded (exit 2)', async () => {
    const file = data();
    const before = readFileSync(file, 'utf8');
    const same = await runMain(['init', file, ...FLAGS, '--yes', '--out', file]);
    expect(same.code).toBe(2);
    expect(same.stderr).toContain('[usage-error]');
    expect(readFileSync(file, 'utf8')).toBe(before);
    const csvCopy = await runMain(['init', file, ...FLAGS, '--sheet-out', file.replace(/\.csv$/, '-meta.csv')]);
    expect(csvCopy.code).toBe(2);
    expect(csvCopy.stderr).toContain('.xlsx');
    const pdf = join(dirname(file), 'laporan.csv');
    writeFileSync(pdf, '%PDF-1.7\n%\xe2\xe3\n');
    const unreadable = await runMain(['init', pdf, ...FLAGS, '--sheet-out', join(dirname(file), 'u.xlsx')]);
    expect(unreadable.code).toBe(2);
    expect(unreadable.stderr).toMatch(/^satudata: \[format-error\]/);
    expect(existsSync(join(dirname(file), 'u.xlsx'))).toBe(false);
  });

  it('--sheet-out writes a copy of the workbook with a Metadata sheet', async () => {
    const file = data();
    const out = file.replace(/\.csv$/, '.xlsx');
    const r = await runMain(['init', file, ...FLAGS, '--sheet-out', out]);
    expect(r.code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Data', 'Metadata']);
    const meta = wb.getWorksheet('Metadata')!;
    expect(meta.getRow(1).values).toEqual([undefined, 'Judul', 'Jumlah Penduduk Menurut Jenis Kelamin per Kecamatan — Kabupaten Lombok Barat — 2023']);
    const v = await runMain(['validate', out, '--standard', STD, '--format', 'json']);
    expect(JSON.parse(v.stdout).tables[0].metadata).toMatchObject({ sheet: 'Metadata' });
  });

  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.runIf(hasScript)('the wizard on a real pseudo-terminal (util-linux script): answers typed, file written', async () => {
    const file = data();
    const cmd = [process.execPath, BIN, 'init', file, '--standard', STD, '--opd', 'DINKES', '--periode-awal', '2023', '--periode-akhir', '2023'].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qfc', cmd, '/dev/null'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', SATUDATA_LANG: 'id', CI: '' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => { screen += d.toString(); });
    const done = new Promise<number | null>((resolve) => child.on('close', resolve));
    const killer = setTimeout(() => child.kill('SIGKILL'), 25000);
    const waitFor = async (re: RegExp) => {
      const started = Date.now();
      while (!re.test(screen)) {
        if (Date.now() - started > 15000) throw new Error(`not shown: ${re}\n${screen}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await waitFor(/Cakupan wilayah/);
      // a code that is not a Kemendagri region is refused as typed
      child.stdin.write('\x7f\x7f99.99\r');
      await waitFor(/tidak ada di kode referensi/);
      child.stdin.write('\x7f\x7f\x7f\x7f\x7f52.01\r');
      for (const q of [/Judul dataset/, /Tingkat akses/, /Lisensi/, /Sumber data/, /Email kontak/, /Tulis metadata/]) {
        await waitFor(q);
        await new Promise((r) => setTimeout(r, 50));
        child.stdin.write('\r');
      }
      await waitFor(/Metadata ditulis/);
    } finally {
      clearTimeout(killer);
      child.stdin.end();
    }
    expect(await done).toBe(0);
    const m = JSON.parse(readFileSync(file.replace(/\.csv$/, '.metadata.json'), 'utf8'));
    expect(m.cakupan).toBe('52.01');
    expect(m.judul).toBe('Jumlah Penduduk Menurut Jenis Kelamin per Kecamatan — Kabupaten Lombok Barat — 2023');
  });
});
