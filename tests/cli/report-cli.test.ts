/**
 * `satudata report` / `laporan` end to end, in process (main() from src, the way bin/satudata.js calls it),
 * on the 965-item fixture: all formats, --opd, --lang en, a second run a week later with the trend, exit codes.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { main } from '../../src/cli/main.js';
import { startSearchMock } from '../support/ckan-search-mock.js';

const REG = 'fixtures/audit/daftar-data-2021.csv';
const W14 = 'fixtures/audit/ledger-2022-W14.json';
const W15 = 'fixtures/audit/ledger-2022-W15.json';

let out = '';
let err = '';
beforeEach(() => {
  out = '';
  err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => { out += String(c); return true; });
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => { err += String(c); return true; });
  process.env.SATUDATA_LANG = '';
});
afterEach(() => vi.restoreAllMocks());

const cli = (...args: string[]) => main(['node', 'satudata', ...args]);

describe('satudata report (laporan)', () => {
  it('is listed in the help', async () => {
    expect(await cli('--help')).toBe(0);
    expect(out).toContain('report|laporan');
  });

  it('prints the Markdown summary with the 2021 figures when no --out is given', async () => {
    const hist = mkdtempSync(join(tmpdir(), 'laporan-h-'));
    expect(await cli('laporan', REG, '--ledger', W14, '--as-of', '2022-04-04', '--history', hist)).toBe(0);
    expect(out).toContain('**965 jenis data wajib: 910 terkumpul (94,30%), 893 terpublikasi (92,54%).**');
    expect(out).toContain('Belum ada laporan minggu sebelumnya');
    expect(existsSync(join(hist, 'snapshot-2022-W14.json'))).toBe(true);
  });

  it('writes every format with --out, then shows the trend a week later', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'laporan-o-'));
    const hist = join(dir, 'riwayat');
    expect(await cli('report', REG, '--ledger', W14, '--as-of', '2022-04-04', '--history', hist, '--out', dir)).toBe(0);
    for (const f of ['md', 'html', 'xlsx', 'json']) expect(existsSync(join(dir, `laporan-2022-W14.${f}`))).toBe(true);
    expect(existsSync(join(dir, 'csv-2022-W14', 'per-opd.csv'))).toBe(true);
    const j = JSON.parse(readFileSync(join(dir, 'laporan-2022-W14.json'), 'utf8'));
    expect(j.totals).toMatchObject({ pctCollected: 94.3, pctPublished: 92.54 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'laporan-2022-W14.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toContain('Kualitas Metadata');

    expect(await cli('report', REG, '--ledger', W15, '--as-of', '2022-04-11T09:00:00+08:00', '--history', hist, '--out', dir)).toBe(0);
    const md = readFileSync(join(dir, 'laporan-2022-W15.md'), 'utf8');
    expect(md).toContain('Dibanding minggu 2022-W14');
    expect(md).toContain('## Perubahan');
    expect(md).toContain('Regresi');
    const j2 = JSON.parse(readFileSync(join(dir, 'laporan-2022-W15.json'), 'utf8'));
    expect(j2.history.map((p: { week: string }) => p.week)).toEqual(['2022-W14', '2022-W15']);
    expect(j2.trend.previousWeek).toBe('2022-W14');
    // the CSV files of each week are kept; percentages in the workbook have no float noise (0.9254, not 0.9254000000000001)
    expect(existsSync(join(dir, 'csv-2022-W14', 'tren.csv'))).toBe(true);
    expect(readFileSync(join(dir, 'csv-2022-W15', 'tren.csv'), 'utf8')).toContain('2022-W14,2022-04-04,94.3,92.54,');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.readFile(join(dir, 'laporan-2022-W15.xlsx'));
    const numbers: number[] = [];
    wb2.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => { if (typeof c.value === 'number') numbers.push(c.value); })));
    expect(numbers).toContain(0.9254);
    expect(numbers.filter((n) => String(n).replace(/^-?\d*\.?/, '').length > 8)).toEqual([]);
  });

  it('an --out folder whose parent does not exist is a coded error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'laporan-x-'));
    expect(await cli('report', REG, '--ledger', W14, '--as-of', '2022-04-04', '--no-history', '--out', join(dir, 'a', 'b'))).toBe(2);
    expect(existsSync(join(dir, 'a'))).toBe(false);
  });

  it('makes one OPD report with --opd, in English with --lang en', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'laporan-opd-'));
    expect(await cli('report', REG, '--ledger', W14, '--as-of', '2022-04-04', '--no-history', '--opd', 'diskominfotik', '--out', dir, '--format', 'md', '--lang', 'en')).toBe(0);
    const md = readFileSync(join(dir, 'laporan-2022-W14-DISKOMINFOTIK.md'), 'utf8');
    expect(md).toContain('# Satu Data Weekly Report — Dinas Komunikasi, Informatika dan Statistik (DISKOMINFOTIK)');
    expect(md).toMatch(/\*\*\d+ items required: /);
  });

  it('prints JSON to stdout with --format json', async () => {
    expect(await cli('report', REG, '--ledger', W14, '--as-of', '2022-04-04', '--no-history', '--format', 'json')).toBe(0);
    expect(JSON.parse(out).$schema).toBe('satudata-audit-report/1');
  });

  it('exits 2 on usage errors and unreadable input, with a coded message and no stack trace', async () => {
    expect(await cli('report', REG, '--as-of', '2022-04-04')).toBe(2);
    expect(err).toContain('--ledger');
    expect(await cli('report', REG, '--ledger', W14, '--as-of', '31/12/2022')).toBe(2);
    expect(await cli('report', REG, '--ledger', W14, '--opd', 'XYZ', '--no-history')).toBe(2);
    expect(await cli('report', REG, '--ledger', W14, '--grace', 'bulanan=x', '--no-history')).toBe(2);
    expect(await cli('report', 'fixtures/audit/tidak-ada.csv', '--ledger', W14, '--no-history')).toBe(2);
    expect(await cli('report', REG, '--ledger', 'fixtures/audit/tidak-ada.json', '--no-history')).toBe(2);
    expect(err).toContain('[audit-source-error]');
    expect(err).not.toMatch(/\n\s+at /);
    // the reasons in words, never an errno code (ENOENT) or the JSON parser's English
    expect(err).toContain('Sumber fixtures/audit/tidak-ada.json tidak dapat dibaca: tidak ditemukan.');
    expect(err).toContain('satudata: [source-error] fixtures/audit/tidak-ada.csv: Berkas tidak dapat dibuka: tidak ditemukan.\n');
    const broken = join(mkdtempSync(join(tmpdir(), 'laporan-json-')), 'ledger.json');
    writeFileSync(broken, '{ "schema": ');
    expect(await cli('report', REG, '--ledger', broken, '--no-history')).toBe(2);
    expect(err).toContain(`Sumber ${broken} tidak dapat dibaca: isinya bukan JSON yang sah.`);
    expect(err).not.toMatch(/ENOENT|Unexpected|JSON at position/);
  });

  it('exits 1 on an invalid registry, naming the rows and codes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'laporan-bad-'));
    const p = join(dir, 'daftar.csv');
    writeFileSync(p, 'id,judul,kode_opd,frekuensi,periode_awal\nDD-1,A,DIKBUD,tahunan,2019\nDD-1,B,XX,kadang,2019\n');
    expect(await cli('report', p, '--ledger', W14, '--no-history')).toBe(1);
    expect(err).toContain('[registry-duplicate-id]');
    expect(err).toContain('Daftar Data');
  });

  it('exits 1 and refuses the trend when the source looks like an outage', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'laporan-guard-'));
    const hist = join(dir, 'h');
    expect(await cli('report', REG, '--ledger', W14, '--as-of', '2022-04-04', '--history', hist)).toBe(0);
    const empty = join(dir, 'empty-ledger.json');
    writeFileSync(empty, JSON.stringify({ schema: 'satudata-ledger/1', datasets: [], entries: [] }));
    expect(await cli('report', REG, '--ledger', empty, '--as-of', '2022-04-11', '--history', hist)).toBe(1);
    expect(err).toContain('Tren tidak dihitung');
  });

  it('a submitted file that cannot be read is an [io-error] naming it, not a history-folder problem', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'laporan-folder-'));
    const kir = join(dir, 'kiriman');
    mkdirSync(kir);
    symlinkSync(join(dir, 'hilang.csv'), join(kir, 'DD-0005_2021.csv')); // a dangling link
    const code = await cli('report', REG, '--folder', kir, '--history', join(dir, 'h'), '--as-of', '2022-04-04');
    expect(code).toBe(2);
    expect(err).toContain(`satudata: [io-error] ${join(kir, 'DD-0005_2021.csv')}: tidak ditemukan.`);
    expect(err).not.toContain('Folder riwayat');
  });

  it('a history folder that cannot be written is an [output-error] naming the snapshot (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'laporan-hist-'));
    writeFileSync(join(dir, 'berkas'), 'x'); // a file where the history folder should go
    const hist = join(dir, 'berkas', 'riwayat');
    expect(await cli('report', REG, '--ledger', W14, '--as-of', '2022-04-04', '--history', hist, '--lang', 'en')).toBe(2);
    expect(err).toContain(`satudata: [output-error] Cannot write ${join(hist, 'snapshot-2022-W14.json')}: part of the path is not a directory.`);
  });

  it('--check-links probes the portal resources and lists the broken ones (needs --ckan)', async () => {
    expect(await cli('report', REG, '--ledger', W14, '--check-links', '--no-history')).toBe(2);
    expect(err).toContain('[usage-error] --check-links');
    expect(await cli('report', REG, '--ledger', W14, '--link-failures', '0', '--check-links', '--no-history')).toBe(2);
    const mock = await startSearchMock(3);
    try {
      for (const d of mock.datasets) {
        d.resources[0]!.url = `${mock.base}/api/3/action/package_search`; // answers 200
        if (d.resources[1]) d.resources[1].url = `${mock.base}/berkas/${d.name}.csv`; // answers 404
      }
      out = '';
      expect(await cli('report', REG, '--ckan', mock.base, '--check-links', '--no-history', '--format', 'json', '--as-of', '2022-04-04')).toBe(0);
      const json = JSON.parse(out);
      const missing = mock.datasets.filter((d) => d.resources[1]).map((d) => `${mock.base}/berkas/${d.name}.csv`).sort();
      expect(json.links).toMatchObject({ checked: 1 + missing.length, failing: missing.length, threshold: 1 });
      expect(json.links.broken.map((b: { url: string }) => b.url).sort()).toEqual(missing);
      expect(json.links.broken[0]).toMatchObject({ status: 404, reason: 'HTTP 404', failures: 1 });
      expect(mock.requests.filter((r) => r.path.startsWith('/berkas/'))).toHaveLength(missing.length);
    } finally {
      await mock.close();
    }
  });
});
