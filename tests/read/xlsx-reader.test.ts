import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openXlsx } from '../../src/read/xlsx-reader.js';
import { CellKind, ReadError, type RawRow, type RowSource } from '../../src/read/table.js';

const S = CellKind.String;
const N = CellKind.Number;
const E = CellKind.Empty;

let dir: string;
let mainPath: string;
let path1904: string;
let bigPath: string;

async function writeMain(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Kosong');
  const ws = wb.addWorksheet('Data');
  ws.getCell('A1').value = 'Jumlah Penduduk Menurut Kecamatan 2024';
  ws.getCell('A2').value = 'Kecamatan';
  ws.mergeCells('A2:A3');
  ws.getCell('B2').value = 'Jumlah';
  ws.mergeCells('B2:C2');
  ws.getCell('B3').value = 'L';
  ws.getCell('C3').value = 'P';
  ws.getCell('D2').value = 'Tanggal';
  ws.mergeCells('D2:D3');
  ws.getCell('E2').value = 'Cek';
  ws.mergeCells('E2:E3');
  ws.getRow(4).values = ['Ampenan', 12.5, '007'];
  ws.getCell('D4').value = new Date(Date.UTC(2024, 1, 29));
  ws.getCell('D4').numFmt = 'dd/mm/yyyy';
  ws.getCell('E4').value = { formula: 'NA()', result: { error: '#N/A' } } as ExcelJS.CellValue;
  ws.getRow(5).values = ['Cakranegara', 3, 4];
  ws.getRow(5).hidden = true;
  // row 6 left out on purpose
  ws.getCell('A7').value = { richText: [{ text: 'Sela' }, { font: { bold: true }, text: 'parang' }] };
  ws.getCell('B7').value = true;
  ws.getCell('C7').value = { formula: 'B4*2', result: 25 } as ExcelJS.CellValue;
  ws.getCell('D7').value = new Date(Date.UTC(2024, 2, 1, 13, 45, 30));
  ws.getCell('D7').numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.getCell('E7').value = { formula: 'A4', result: 'Ampenan' } as ExcelJS.CellValue;
  ws.getCell('A8').value = '  Mataram  ';
  ws.getCell('B8').value = { text: 'situs', hyperlink: 'https://ntbprov.go.id' };
  ws.getCell('C8').value = 'Émile – ñ ²';
  ws.getCell('E8').value = 0.1 + 0.2;
  const hidden = wb.addWorksheet('Rahasia', { state: 'hidden' });
  hidden.getCell('B2').value = 'rahasia';
  const very = wb.addWorksheet('SangatRahasia', { state: 'veryHidden' });
  very.getCell('A1').value = 1;
  await wb.xlsx.writeFile(path);
}

async function read(src: RowSource): Promise<RawRow[][]> {
  const batches: RawRow[][] = [];
  for await (const b of src.batches()) batches.push(b);
  return batches;
}

async function rowsOf(path: string, sheet?: string | number): Promise<{ src: RowSource; rows: RawRow[] }> {
  const src = await openXlsx(path, { sheet, bytes: (await stat(path)).size });
  const rows = (await read(src)).flat();
  return { src, rows };
}

async function readError(promise: Promise<unknown>): Promise<ReadError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ReadError);
    return err as ReadError;
  }
  throw new Error('expected a ReadError');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satudata-xlsx-'));
  mainPath = join(dir, 'main.xlsx');
  await writeMain(mainPath);

  path1904 = join(dir, 'mac.xlsx');
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = true;
  const ws = wb.addWorksheet('Tanggal');
  ws.getCell('A1').value = new Date(Date.UTC(2024, 1, 29));
  ws.getCell('A1').numFmt = 'yyyy-mm-dd';
  ws.getCell('B1').value = new Date(Date.UTC(1904, 0, 2, 6, 0, 0));
  ws.getCell('B1').numFmt = 'yyyy-mm-dd hh:mm';
  ws.getCell('C1').value = 100;
  await wb.xlsx.writeFile(path1904);

  bigPath = join(dir, 'big.xlsx');
  const big = new ExcelJS.Workbook();
  const bs = big.addWorksheet('Besar');
  bs.addRow(['no', 'nama', 'nilai']);
  for (let i = 1; i <= 4500; i++) bs.addRow([i, `Désa “${i}” – Ñusa ²`, i / 8]);
  bs.mergeCells('A4502:C4502');
  bs.getCell('A4502').value = 'Sumber: BPS';
  await big.xlsx.writeFile(bigPath);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openXlsx', () => {
  it('reads cells as text with their kinds, rows by Excel number, hidden rows', async () => {
    const { rows } = await rowsOf(mainPath);
    expect(rows).toEqual([
      { n: 1, cells: ['Jumlah Penduduk Menurut Kecamatan 2024'], kinds: [S] },
      { n: 2, cells: ['Kecamatan', 'Jumlah', '', 'Tanggal', 'Cek'], kinds: [S, S, E, S, S] },
      { n: 3, cells: ['', 'L', 'P'], kinds: [E, S, S] },
      {
        n: 4,
        cells: ['Ampenan', '12.5', '007', '2024-02-29', '#N/A'],
        kinds: [S, N, S, CellKind.Date, CellKind.Error],
      },
      { n: 5, cells: ['Cakranegara', '3', '4'], kinds: [S, N, N], hidden: true },
      {
        n: 7,
        cells: ['Selaparang', 'TRUE', '25', '2024-03-01T13:45:30', 'Ampenan'],
        kinds: [S, CellKind.Boolean, N, CellKind.Date, S],
      },
      {
        n: 8,
        cells: ['  Mataram  ', 'situs', 'Émile – ñ ²', '', '0.30000000000000004'],
        kinds: [S, S, S, E, N],
      },
    ]);
    expect(rows.find((r) => r.n === 4)!.hidden).toBeUndefined();
  });

  it('fills info: sheets with states, chosen sheet, merges, width, date system', async () => {
    const { src } = await rowsOf(mainPath);
    expect(src.info.format).toBe('xlsx');
    expect(src.info.path).toBe(mainPath);
    expect(src.info.bytes).toBe((await stat(mainPath)).size);
    expect(src.info.sheet).toBe('Data');
    expect(src.info.sheets).toEqual([
      { name: 'Kosong', state: 'visible', empty: true },
      { name: 'Data', state: 'visible', empty: false },
      { name: 'Rahasia', state: 'hidden' },
      { name: 'SangatRahasia', state: 'veryHidden' },
    ]);
    expect(src.info.dateSystem).toBe(1900);
    expect(src.info.width).toBe(5);
    const merges = [...src.info.merges].sort((a, b) => a.top - b.top || a.left - b.left);
    expect(merges).toEqual([
      { top: 2, left: 1, bottom: 3, right: 1 },
      { top: 2, left: 2, bottom: 2, right: 3 },
      { top: 2, left: 4, bottom: 3, right: 4 },
      { top: 2, left: 5, bottom: 3, right: 5 },
    ]);
  });

  it('knows the sheet list when opened, merges once the rows are read', async () => {
    const src = await openXlsx(bigPath, { bytes: (await stat(bigPath)).size });
    expect(src.info.sheet).toBe('Besar');
    expect(src.info.sheets).toEqual([{ name: 'Besar', state: 'visible', empty: false }]);
    await read(src);
    expect(src.info.merges).toEqual([{ top: 4502, left: 1, bottom: 4502, right: 3 }]);
  });

  it('chooses a sheet by name, by case-insensitive name, by 1-based number, hidden ones included', async () => {
    const byName = await rowsOf(mainPath, 'Rahasia');
    expect(byName.src.info.sheet).toBe('Rahasia');
    expect(byName.rows).toEqual([{ n: 2, cells: ['', 'rahasia'], kinds: [E, S] }]);
    expect(byName.src.info.merges).toEqual([]);

    const folded = await rowsOf(mainPath, 'data');
    expect(folded.src.info.sheet).toBe('Data');
    expect(folded.rows).toHaveLength(7);

    const byNumber = await rowsOf(mainPath, 4);
    expect(byNumber.src.info.sheet).toBe('SangatRahasia');
    expect(byNumber.rows).toEqual([{ n: 1, cells: ['1'], kinds: [N] }]);

    const byDigits = await rowsOf(mainPath, '2');
    expect(byDigits.src.info.sheet).toBe('Data');

    const empty = await rowsOf(mainPath, 1);
    expect(empty.src.info.sheet).toBe('Kosong');
    expect(empty.rows).toEqual([]);
  });

  it('throws sheet-not-found with the sheet list', async () => {
    const bytes = (await stat(mainPath)).size;
    const err = await readError(openXlsx(mainPath, { sheet: 'Tidak Ada', bytes }));
    expect(err.code).toBe('sheet-not-found');
    expect(err.params).toEqual({ sheet: 'Tidak Ada', sheets: 'Kosong, Data, Rahasia, SangatRahasia' });
    expect((await readError(openXlsx(mainPath, { sheet: 9, bytes }))).code).toBe('sheet-not-found');
    expect((await readError(openXlsx(mainPath, { sheet: 0, bytes }))).code).toBe('sheet-not-found');
  });

  it('converts dates with the 1904 date system', async () => {
    const { src, rows } = await rowsOf(path1904);
    expect(src.info.dateSystem).toBe(1904);
    expect(rows).toEqual([
      { n: 1, cells: ['2024-02-29', '1904-01-02T06:00:00', '100'], kinds: [CellKind.Date, CellKind.Date, N] },
    ]);
  });

  it('delivers large sheets in batches of at most 1000 rows, multi-byte text intact', async () => {
    const src = await openXlsx(bigPath, { bytes: (await stat(bigPath)).size });
    const batches = await read(src);
    expect(batches.length).toBeGreaterThanOrEqual(5);
    for (const b of batches) expect(b.length).toBeLessThanOrEqual(1000);
    const rows = batches.flat();
    expect(rows).toHaveLength(4502);
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 4502 }, (_, i) => i + 1));
    for (let i = 1; i <= 4500; i++) {
      expect(rows[i]!.cells).toEqual([String(i), `Désa “${i}” – Ñusa ²`, String(i / 8)]);
    }
    expect(rows[4501]).toEqual({ n: 4502, cells: ['Sumber: BPS'], kinds: [S] });
    expect(src.info.width).toBe(3);
  });

  it('reads the same small workbook identically every time (no lost zip entries)', async () => {
    const first = JSON.stringify((await rowsOf(mainPath)).rows);
    for (let i = 0; i < 25; i++) expect(JSON.stringify((await rowsOf(mainPath)).rows)).toBe(first);
  });

  it('can be closed early, twice, and without reading', async () => {
    const bytes = (await stat(bigPath)).size;
    const src = await openXlsx(bigPath, { bytes });
    let seen = 0;
    for await (const b of src.batches()) {
      seen += b.length;
      break;
    }
    expect(seen).toBeGreaterThan(0);
    await src.close();
    await src.close();

    const untouched = await openXlsx(bigPath, { bytes });
    await untouched.close();
    await untouched.close();
    expect(await read(untouched)).toEqual([]);
  });

  it('turns truncated copies into corrupt-file (at open or while reading)', async () => {
    const whole = await readFile(mainPath);
    const codes = new Set<string>();
    for (const fraction of [0.1, 0.3, 0.5, 0.7, 0.9, 0.97]) {
      const cut = join(dir, `cut-${fraction}.xlsx`);
      const bytes = Math.floor(whole.length * fraction);
      await writeFile(cut, whole.subarray(0, bytes));
      const err = await readError(
        (async () => {
          const src = await openXlsx(cut, { bytes });
          await read(src);
        })(),
      );
      codes.add(err.code);
    }
    expect([...codes]).toEqual(['corrupt-file']);
    const bigWhole = await readFile(bigPath);
    const cut = join(dir, 'cut-big.xlsx');
    await writeFile(cut, bigWhole.subarray(0, bigWhole.length - 200));
    const err = await readError(
      (async () => {
        const src = await openXlsx(cut, { bytes: bigWhole.length - 200 });
        await read(src);
      })(),
    );
    expect(err.code).toBe('corrupt-file');
  });

  it('rejects random bytes, a zip that is no workbook, an empty file, a missing file', async () => {
    const junk = join(dir, 'junk.xlsx');
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 251;
    await writeFile(junk, bytes);
    const e1 = await readError(openXlsx(junk, { bytes: bytes.length }));
    expect(e1.code).toBe('corrupt-file');
    expect(String(e1.params.detail)).toMatch(/zip/);

    const ods = join(dir, 'calc.xlsx');
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['a', 1]]), 'S');
    const odsBytes = XLSX.write(wb, { bookType: 'ods', type: 'buffer' }) as Buffer;
    await writeFile(ods, odsBytes);
    expect((await readError(openXlsx(ods, { bytes: odsBytes.length }))).code).toBe('corrupt-file');

    const empty = join(dir, 'empty.xlsx');
    await writeFile(empty, '');
    expect((await readError(openXlsx(empty, { bytes: 0 }))).code).toBe('empty-file');

    expect((await readError(openXlsx(join(dir, 'nope.xlsx'), { bytes: 10 }))).code).toBe('source-error');
  });
});
