import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { BIN, ROOT, runCli, runMain } from '../support/cli.js';

const SCHEMA = 'fixtures/schemas/penduduk-kecamatan.schema.json';
const tmp = mkdtempSync(join(tmpdir(), 'satudata-cli-'));

// The first cases run the built binary (bin/satudata.js, as a user does); the rest run the same main() in process.
describe('satudata (built binary)', () => {
  it('shows help and version', () => {
    const help = runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('validate|periksa');
    expect(runCli(['--help', '--lang', 'en']).stdout).toContain('Validate, fix, package and push');
    const v = runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('reads standard input for - (and a pipe named as a path), reporting it under that name; - with nothing piped is a usage error', () => {
    const file = 'fixtures/csv/penduduk-kecamatan-errors.csv';
    const json = (args: string[], input?: Buffer) => {
      const r = spawnSync(process.execPath, [BIN, 'validate', ...args, '--schema', SCHEMA, '--format', 'json'], { cwd: ROOT, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '' } });
      return { code: r.status, report: JSON.parse(r.stdout) as { tables: { path: string; issues: { code: string; cell?: string }[] }[] } };
    };
    const fromFile = json([file]);
    const issues = fromFile.report.tables[0]!.issues.map((i) => `${i.code} ${i.cell ?? ''}`);
    expect(issues.length).toBeGreaterThan(5);
    for (const arg of ['-', '/dev/stdin']) {
      const piped = json([arg], readFileSync(file));
      expect(piped.code, arg).toBe(1);
      expect(piped.report.tables.map((t) => t.path), arg).toEqual([arg]);
      expect(piped.report.tables[0]!.issues.map((i) => `${i.code} ${i.cell ?? ''}`), arg).toEqual(issues);
    }
    const pretty = spawnSync(process.execPath, [BIN, 'validate', '-', '--schema', SCHEMA], { cwd: ROOT, input: readFileSync(file), encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '' } });
    expect(pretty.stdout.split('\n')[0]).toMatch(/^- /);
    const empty = spawnSync(process.execPath, [BIN, 'validate', '-'], { cwd: ROOT, input: '', encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '' } });
    expect([empty.status, empty.stdout.includes('[empty-file]')]).toEqual([2, true]);
  });

  const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
  it.runIf(hasScript)('- on a terminal (nothing piped) is a coded usage error at once, not a wait for input', () => {
    const r = spawnSync('script', ['-qec', `"${process.execPath}" "${BIN}" validate -`, '/dev/null'], { cwd: ROOT, encoding: 'utf8', timeout: 20000, env: { ...process.env, NO_COLOR: '1', SATUDATA_LANG: 'id', CI: '' } });
    expect(r.status).toBe(2);
    expect(r.stdout).toContain('[usage-error] Argumen - membaca data dari masukan standar');
  });

  it('exits 0 on a valid file and 1 on an invalid one, in Indonesian by default', () => {
    const ok = runCli(['validate', 'fixtures/csv/penduduk-kecamatan.csv', '--schema', SCHEMA]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Valid — 1 tabel, 0 galat');
    const bad = runCli(['periksa', 'fixtures/csv/penduduk-kecamatan-errors.csv', '--schema', SCHEMA]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('D3');
    expect(bad.stdout).toContain('Tipe salah: Nilai "30.050" di kolom "laki_laki" bukan bilangan bulat.');
    expect(bad.stdout).toContain('Cara memperbaiki');
    expect(bad.stdout).not.toMatch(/\x1b\[/); // NO_COLOR honoured
  });

  it('speaks English with --lang en and SATUDATA_LANG=en', async () => {
    const a = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan-errors.csv', '--schema', SCHEMA, '--lang', 'en']);
    expect(a.stdout).toContain('Wrong type: Value "30.050" in column "laki_laki" is not a valid integer.');
    expect(a.stdout).toContain('How to fix');
    const b = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan-errors.csv', '--schema', SCHEMA], { SATUDATA_LANG: 'en' });
    expect(b.stdout).toContain('Invalid — 1 table(s), 10 error(s)');
  });

  it('writes the documented JSON report', async () => {
    const r = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan-errors.csv', '--schema', SCHEMA, '--format', 'json']);
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json).toMatchObject({ $schema: 'satudata-report/1', valid: false, stats: { tables: 1, errors: 10 } });
    const table = json.tables[0];
    expect(table).toMatchObject({ path: 'fixtures/csv/penduduk-kecamatan-errors.csv', valid: false, stats: { rows: 13, errors: 10 } });
    expect(table.stats.sha256).toMatch(/^[0-9a-f]{64}$/);
    const d3 = table.issues.find((i: { cell?: string }) => i.cell === 'D3');
    expect(d3).toMatchObject({ type: 'type-error', severity: 'error', rowNumber: 3, fieldNumber: 4, columnLetter: 'D', fieldName: 'laki_laki', cellValue: '30.050' });
    expect(d3.message).toContain('bukan bilangan bulat');
    expect(d3.hint).toContain('hapus titiknya');
  });

  it('cuts the issue list at --max-errors and says so', async () => {
    const r = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan-errors.csv', '--schema', SCHEMA, '--format', 'json', '--max-errors', '3']);
    const table = JSON.parse(r.stdout).tables[0];
    expect(table.truncated).toBe(true);
    expect(table.issues).toHaveLength(4);
    expect(table.issues[3].type).toBe('error-limit');
    expect(table.stats.errors).toBe(10);
  });

  it('fails on warnings with --fail-on warning', async () => {
    // a table with only warnings (a title row), no standard
    const path = join(mkdtempSync(join(tmpdir(), 'satudata-failon-')), 'judul.csv');
    writeFileSync(path, 'DATA CONTOH,,\nnama,nilai,catatan\nA,1,x\nB,2,y\n');
    expect((await runMain(['validate', path])).code).toBe(0);
    expect((await runMain(['validate', path, '--fail-on', 'warning'])).code).toBe(1);
  });

  it('validates several files in one call', async () => {
    const r = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan.csv', 'fixtures/csv/penduduk-kecamatan-messy.csv', '--format', 'json']);
    expect(JSON.parse(r.stdout).tables).toHaveLength(2);
  });

  it('answers unreadable input with a coded message and exit 2, never a stack trace', async () => {
    const dir = join(tmp, 'data.csv');
    mkdirSync(dir, { recursive: true });
    const empty = join(tmp, 'empty.xlsx');
    writeFileSync(empty, '');
    const binary = join(tmp, 'photo.csv');
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]));
    const pdf = join(tmp, 'laporan.xlsx');
    writeFileSync(pdf, '%PDF-1.4\n...');
    // an argument that cannot be opened: one coded line on stderr (the file named), nothing on stdout
    for (const [file, text] of [['tidak-ada.csv', 'tidak ditemukan'], [dir, 'folder']] as const) {
      const r = await runMain(['validate', file]);
      expect(r.code, file).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(new RegExp(`^satudata: \\[source-error\\] ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: Berkas tidak dapat dibuka: .*${text}`));
      expect(r.stderr.split('\n').filter((l) => l.startsWith('satudata:'))).toHaveLength(1);
    }
    // a file that opens but is not a table: the report says why (in every format), exit 2
    for (const [file, code, text] of [
      [empty, 'empty-file', 'kosong'],
      [binary, 'format-error', 'biner'],
      [pdf, 'format-error', 'PDF'],
    ] as const) {
      const r = await runMain(['validate', file]);
      expect(r.code, file).toBe(2);
      expect(r.stdout).toContain(`[${code}]`);
      expect(r.stdout).toContain(text);
      expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    }
  });

  it('--output or --annotate into a folder that does not exist is a coded error; no folder is made', async () => {
    const missing = join(tmp, 'tidak-ada-folder', 'sub');
    for (const args of [['--output', join(missing, 'x.json')], ['--annotate', join(missing, 'x.xlsx')]]) {
      const r = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan.csv', ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^satudata: \[output-error\] Tidak dapat menulis .*: folder tujuannya tidak ada/);
      expect(existsSync(join(tmp, 'tidak-ada-folder'))).toBe(false);
    }
  });

  it('never writes over the input, and an unwritable output is [output-error] (exit 2), not an internal error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-out-'));
    const input = join(dir, 'a.csv');
    writeFileSync(input, 'a,b\n1,2\n');
    const same = await runMain(['validate', input, '--output', join(dir, '.', 'a.csv')]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/^satudata: \[usage-error\] Keluaran --output tidak boleh sama dengan berkas masukan/);
    expect(readFileSync(input, 'utf8')).toBe('a,b\n1,2\n');
    mkdirSync(join(dir, 'folder.json'));
    const blocked = await runMain(['validate', input, '--output', join(dir, 'folder.json'), '--lang', 'en']);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toContain(`satudata: [output-error] Cannot write ${join(dir, 'folder.json')}: it is a directory.`);
  });

  it('rejects bad usage with exit 2', async () => {
    expect((await runMain(['validate'])).code).toBe(2);
    expect((await runMain(['validate', 'x.csv', '--format', 'xml'])).code).toBe(2);
    const bad = await runMain(['validate', 'x.csv', '--max-errors', 'banyak']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^satudata: \[usage-error\] .*--max-errors.*banyak/);
    const unknown = await runMain(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('[usage-error] Perintah tidak dikenal: frobnicate');
    expect((await runMain(['validate', 'x.csv', '--frob', '--lang', 'en'])).stderr).toContain('[usage-error] Unknown option: --frob');
    const lang = await runMain(['validate', 'x.csv', '--lang', 'fr']);
    expect(lang.code).toBe(2);
    expect(lang.stderr).toContain('satudata: [usage-error] Bahasa tidak dikenal: fr');
    expect(lang.stderr).toContain('satudata: [usage-error] Unknown language: fr');
    const noPortal = await runMain(['push', 'paket/x']);
    expect(noPortal.code).toBe(2);
    expect(noPortal.stderr).toContain("satudata: [usage-error] Opsi wajib tidak ada: --portal <nama>");
    const badSchema = join(tmp, 'bad.schema.json');
    writeFileSync(badSchema, JSON.stringify({ fields: [{ name: 'a', type: 'integr' }] }));
    const s = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan.csv', '--schema', badSchema]);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('[schema-error]');
    expect(s.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });
});

describe('validate --annotate', () => {
  it('writes an annotated workbook for one file and refuses several files or the input itself', async () => {
    const out = join(tmp, 'periksa.xlsx');
    const r = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan-errors.csv', '--schema', SCHEMA, '--annotate', out]);
    expect(r.code).toBe(1);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets[0]!.name).toBe('Masalah');
    const data = wb.worksheets[1]!;
    expect(String(data.getCell('D3').note ? (typeof data.getCell('D3').note === 'string' ? data.getCell('D3').note : JSON.stringify(data.getCell('D3').note)) : '')).toContain('bukan bilangan bulat');
    const two = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan.csv', 'fixtures/csv/penduduk-kecamatan-errors.csv', '--annotate', out]);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('--annotate');
    const csvName = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan.csv', '--annotate', join(tmp, 'periksa.csv')]);
    expect(csvName.code).toBe(2);
    expect(csvName.stderr).toContain('[usage-error] Salinan beranotasi adalah buku kerja Excel');
    for (const bad of ['"', 'ab', 'x']) {
      const r = await runMain(['validate', 'fixtures/csv/penduduk-kecamatan.csv', '--delimiter', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toContain('[usage-error]');
    }
  });
});
