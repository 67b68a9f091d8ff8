/**
 * annotateWorkbook: the annotated copy is opened with exceljs and its fills, notes, sheet order and
 * hyperlinks are asserted — for a CSV (new workbook with the data) and for an XLSX (a copy of it).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { annotateWorkbook, FILL } from '../../src/annotate/annotate.js';
import { SameFileError } from '../../src/io/atomic.js';
import { ReadError } from '../../src/read/table.js';
import { validateFile } from '../../src/check/validate-file.js';
import { standardById } from '../../src/standards/resolve.js';

const MESSY = fileURLToPath(new URL('../../fixtures/csv/penduduk-kecamatan-messy.csv', import.meta.url));
const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
const argb = (c: ExcelJS.Cell) => (c.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
const note = (c: ExcelJS.Cell) => (typeof c.note === 'string' ? c.note : (c.note?.texts ?? []).map((t) => t.text).join(''));

describe('annotateWorkbook', () => {
  it('CSV: a new workbook with the data, problem cells filled by severity with notes, and a first sheet "Masalah"', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-ann-'));
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const report = await validateFile(MESSY, { dataStandard: std, maxErrors: 1000 });
    const out = join(dir, 'beranotasi.xlsx');
    const before = sha(MESSY);
    const r = await annotateWorkbook(report, MESSY, out, 'id');
    expect(sha(MESSY)).toBe(before);
    expect(r.issues).toBe(report[0]!.issues.length);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Masalah', 'Data']);
    const data = wb.getWorksheet('Data')!;
    // the data is there, as written (cp1252 decoded)
    expect(data.getCell('B9').value).toBe('004. Sekotong');
    expect(data.getCell('A19').value).toBe('Catatan: – data Kec. Batu Layar belum tersedia (angka sementara)');
    // error: red, with the Indonesian message and "Cara memperbaiki"
    // (87.542 is read as 87542 under the column's thousand-dot convention: no error there any more)
    expect(argb(data.getCell('E6'))).not.toBe(FILL.error);
    const d14 = data.getCell('D14');
    expect(argb(d14)).toBe(FILL.error);
    expect(note(d14)).toContain('Nilai "-" di kolom "perempuan"');
    expect(note(d14)).toContain('Cara memperbaiki:');
    // warning: amber (title row)
    expect(argb(data.getCell('C1'))).toBe(FILL.warning);
    expect(note(data.getCell('C1'))).toContain('Baris judul');
    // info: blue ("Kecamatan" read as nama_kecamatan, at its header cell B5, which has nothing worse)
    expect(argb(data.getCell('B5'))).toBe(FILL.info);
    // an untouched cell
    expect(argb(data.getCell('B6'))).toBeUndefined();
    const list = wb.getWorksheet('Masalah')!;
    expect(list.getRow(1).values).toEqual([undefined, 'Lokasi', 'Tingkat', 'Kode', 'Masalah', 'Cara memperbaiki']);
    // errors first; file-level issues have no link
    expect(list.getCell('B2').value).toBe('galat');
    const linked = [] as { text: string; hyperlink: string }[];
    list.eachRow((row, n) => {
      const v = row.getCell(1).value as { text?: string; hyperlink?: string } | string;
      if (n > 1 && typeof v === 'object' && v?.hyperlink) linked.push({ text: v.text!, hyperlink: v.hyperlink });
    });
    expect(linked).toContainEqual({ text: 'Data!D14', hyperlink: "'Data'!D14" });
    expect(list.rowCount - 1).toBe(report[0]!.issues.length);
  });

  it('English messages with lang en', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-ann-'));
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const report = await validateFile(MESSY, { dataStandard: std, maxErrors: 1000 });
    const out = join(dir, 'annotated.xlsx');
    await annotateWorkbook(report, MESSY, out, 'en');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(note(wb.getWorksheet('Data')!.getCell('D14'))).toContain('How to fix:');
    expect(wb.getWorksheet('Masalah')!.getCell('A1').value).toBe('Where');
  });

  it('XLSX: a copy of the workbook keeps its sheets and values, gets fills and notes; the input is unchanged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-ann-'));
    const input = join(dir, 'opd.xlsx');
    const wb0 = new ExcelJS.Workbook();
    const ws = wb0.addWorksheet('Penduduk');
    ws.addRow(['kode_wilayah', 'nama_kecamatan', 'tahun', 'laki_laki', 'perempuan', 'jumlah']);
    ws.addRow(['52.01.01', 'Gerung', 2023, 44012, 43530, 87542]);
    ws.addRow(['52.01.02', 'Kediri', 2023, '30.050', 30211, 60261]);
    ws.addRow(['=cmd', 'Narmada', 2023, 62544, 62090, 1]);
    wb0.addWorksheet('Catatan').addRow(['tidak diperiksa']);
    await wb0.xlsx.writeFile(input);
    const before = sha(input);
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const report = await validateFile(input, { dataStandard: std, maxErrors: 1000 });
    const out = join(dir, 'opd.beranotasi.xlsx');
    await annotateWorkbook(report, input, out, 'id');
    expect(sha(input)).toBe(before);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Masalah', 'Penduduk', 'Catatan']);
    const data = wb.getWorksheet('Penduduk')!;
    expect(data.getCell('D3').value).toBe('30.050');
    // 30.050 beside whole numbers in an integer column reads as 30050 (and L + P = Jumlah confirms it)
    expect(argb(data.getCell('D3'))).not.toBe(FILL.error);
    expect(argb(data.getCell('F4'))).toBe(FILL.error);
    expect(note(data.getCell('F4'))).toContain('Jumlah tidak sesuai');
    const list = wb.getWorksheet('Masalah')!;
    const texts: string[] = [];
    list.eachRow((row) => texts.push(String((row.getCell(4).value as string) ?? '')));
    // texts that start like a formula are neutralised in the list
    expect(texts.every((t) => !/^[=+@]/.test(t))).toBe(true);
    await expect(annotateWorkbook(report, input, input, 'id')).rejects.toBeInstanceOf(SameFileError);
  });

  it('streams: --time-limit stops the copy with a coded time-limit and nothing is written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-ann-'));
    const input = join(dir, 'big.csv');
    writeFileSync(input, 'kode,nilai\n' + Array.from({ length: 5000 }, (_, i) => `${i},${i}`).join('\n') + '\n');
    const report = await validateFile(input, { maxErrors: 10 });
    const out = join(dir, 'big.beranotasi.xlsx');
    const err = await annotateWorkbook(report, input, out, 'id', { timeLimitSeconds: 1e-6 }).catch((e) => e);
    expect(err).toBeInstanceOf(ReadError);
    expect((err as ReadError).code).toBe('time-limit');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual(['big.csv']);
  });

  it('a problem cell below the last data row still gets its fill and note; rows keep their numbers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-ann-'));
    const input = join(dir, 'x.csv');
    writeFileSync(input, 'kode,nilai\n1,2\n');
    const out = join(dir, 'x.beranotasi.xlsx');
    const issue = { code: 'blank-row', severity: 'warning' as const, row: 9 };
    const report = [{ path: input, format: 'csv', valid: true, issues: [issue], stats: { rows: 2, errors: 0, warnings: 1, infos: 0, seconds: 0 } }];
    const r = await annotateWorkbook(report as never, input, out, 'id');
    expect(r).toEqual({ cells: 1, issues: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const data = wb.getWorksheet('Data')!;
    expect(data.getCell('B2').value).toBe('2'); // CSV cells are text, as written
    expect(argb(data.getCell('A9'))).toBe(FILL.warning);
  });
});
