/**
 * Round trip: messy OPD files → fix → validate against the standard is clean. The input is never touched.
 * A messy XLSX (title rows, merged two-row header, Jumlah row, footnote) is built here with exceljs.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { runFixFile } from '../../src/fix/run.js';
import { SameFileError } from '../../src/io/atomic.js';
import { validateFile } from '../../src/check/validate-file.js';
import { standardById } from '../../src/standards/resolve.js';

const MESSY = fileURLToPath(new URL('../../fixtures/csv/penduduk-kecamatan-messy.csv', import.meta.url));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');

async function messyXlsx(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Lobar 2023');
  ws.getCell('A1').value = 'JUMLAH PENDUDUK MENURUT JENIS KELAMIN';
  ws.getCell('A2').value = 'KABUPATEN LOMBOK BARAT TAHUN 2023';
  ws.getRow(4).values = ['Kode', 'Kecamatan', 'Jenis Kelamin', null, 'Jumlah', 'Rasio JK'];
  ws.getRow(5).values = [null, null, 'Laki-laki', 'Perempuan', null, null];
  ws.mergeCells('C4:D4');
  ws.mergeCells('A4:A5');
  ws.mergeCells('B4:B5');
  ws.mergeCells('E4:E5');
  ws.mergeCells('F4:F5');
  ws.getRow(6).values = [520101, 'Gerung', 44012, 43530, 87542, '101,11'];
  ws.getRow(7).values = ['520102.0', 'Kediri', '30.050', '30.211', '60.261', '99,47'];
  ws.getRow(8).values = [520103, 'Narmada', 62544, 62090, 124634, '100,73'];
  ws.getRow(9).values = [null, 'Jumlah', 136606, 135831, 272437];
  ws.getRow(11).values = ['Sumber: Dukcapil Kab. Lombok Barat'];
  await wb.xlsx.writeFile(path);
}

describe('fix round trip', () => {
  it('the bundled messy CSV becomes valid data (with "-" read as zero), and the input is unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-rt-'));
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const before = sha(MESSY);
    const out = join(dir, 'penduduk.csv');
    const r = await runFixFile(MESSY, std, out, { dash: 'zero' });
    expect(sha(MESSY)).toBe(before);
    expect(r.valid).toBe(true);
    const [report] = await validateFile(out, { dataStandard: std, maxErrors: 1000 });
    expect(report!.stats.errors).toBe(0);
    expect(report!.stats.warnings).toBe(0);
    expect(report!.stats.dataRows).toBe(10);
    // no temp files left beside the output
    expect(readdirSync(dir).sort()).toEqual(['penduduk.csv', 'penduduk.csv.perubahan.csv']);
  });

  it('without --dash nol the "-" stays missing and the result is marked still invalid (required perempuan)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-rt-'));
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const r = await runFixFile(MESSY, std, join(dir, 'p.csv'));
    expect(r.valid).toBe(false);
    expect(r.check.issues.filter((i) => i.severity === 'error').map((i) => `${i.code}:${i.field}`)).toEqual(['constraint-error:perempuan']);
  });

  it('a messy XLSX with a merged two-row header becomes valid data, written as XLSX (sheet "Data") too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-rt-'));
    const input = join(dir, 'lobar.xlsx');
    await messyXlsx(input);
    const before = sha(input);
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const r = await runFixFile(input, std, join(dir, 'rapi.csv'));
    expect(r.plan.problems).toEqual([]);
    expect(r.valid).toBe(true);
    expect(readFileSync(join(dir, 'rapi.csv'), 'utf8')).toBe(
      'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah\n52.01.01,Gerung,2023,44012,43530,87542\n52.01.02,Kediri,2023,30050,30211,60261\n52.01.03,Narmada,2023,62544,62090,124634\n',
    );
    expect(r.plan.changes.filter((c) => c.rule === 'code-undotted' || c.rule === 'code-float').map((c) => c.cell)).toEqual(["'Lobar 2023'!A6", "'Lobar 2023'!A7", "'Lobar 2023'!A8"]);
    const x = await runFixFile(input, std, join(dir, 'rapi.xlsx'));
    expect(x.valid).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, 'rapi.xlsx'));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Data']);
    expect(wb.getWorksheet('Data')!.getRow(2).values).toEqual([undefined, '52.01.01', 'Gerung', 2023, 44012, 43530, 87542]);
    expect(sha(input)).toBe(before);
  });

  it('refuses to write over its input', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    await expect(runFixFile(MESSY, std, MESSY)).rejects.toBeInstanceOf(SameFileError);
  });
});
