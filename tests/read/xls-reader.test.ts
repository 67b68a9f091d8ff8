import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openXls } from '../../src/read/xls-reader.js';
import { CellKind, ReadError, type RawRow, type RowSource } from '../../src/read/table.js';
import { readError } from '../support/read-error.js';

const S = CellKind.String;
const N = CellKind.Number;
const E = CellKind.Empty;
const D = CellKind.Date;

let dir: string;

/**
 * SheetJS writes no ROW records, so a hidden row is patched in: a ROW record (0x0208) with fDyZero
 * right after the sheet's DIMENSIONS record, and the BOUNDSHEET offsets of later sheets moved along.
 */
function hideRow(biff: Buffer, sheetName: string, row0: number): Buffer {
  const cfb = XLSX.CFB.read(biff, { type: 'buffer' });
  const entry = XLSX.CFB.find(cfb, 'Workbook')!;
  const stream = Buffer.from(entry.content as Uint8Array);
  const records: { at: number; type: number; len: number }[] = [];
  for (let at = 0; at + 4 <= stream.length; ) {
    const type = stream.readUInt16LE(at);
    const len = stream.readUInt16LE(at + 2);
    records.push({ at, type, len });
    at += 4 + len;
  }
  const bound = records.filter((r) => r.type === 0x0085);
  const sheet = bound.find((r) => {
    const nameLen = stream[r.at + 4 + 6]!;
    const wide = (stream[r.at + 4 + 7]! & 1) === 1;
    const start = r.at + 4 + 8;
    const name = wide
      ? stream.subarray(start, start + 2 * nameLen).toString('utf16le')
      : stream.subarray(start, start + nameLen).toString('latin1');
    return name === sheetName;
  })!;
  const bof = stream.readUInt32LE(sheet.at + 4);
  const dims = records.find((r) => r.type === 0x0200 && r.at > bof)!;
  const insertAt = dims.at + 4 + dims.len;
  const rec = Buffer.alloc(20);
  rec.writeUInt16LE(0x0208, 0);
  rec.writeUInt16LE(16, 2);
  rec.writeUInt16LE(row0, 4);
  rec.writeUInt16LE(0, 6);
  rec.writeUInt16LE(3, 8);
  rec.writeUInt16LE(300, 10);
  rec.writeUInt32LE(0x20 | 0x100 | (15 << 16), 16);
  const patched = Buffer.concat([stream.subarray(0, insertAt), rec, stream.subarray(insertAt)]);
  for (const r of bound) {
    const pos = patched.readUInt32LE(r.at + 4);
    if (pos > insertAt) patched.writeUInt32LE(pos + rec.length, r.at + 4);
  }
  entry.content = patched;
  entry.size = patched.length;
  return XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer;
}

function workbook(date1904: boolean): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([]), 'Kosong');
  const ws = XLSX.utils.aoa_to_sheet([
    ['Jumlah Penduduk Menurut Kecamatan 2024'],
    ['Kecamatan', 'Jumlah', null, 'Tanggal'],
    [null, 'L', 'P'],
    ['Ampenan', 12.5, '007'],
    ['Cakranegara', 3, 4],
  ]);
  ws['D4'] = { t: 'n', v: date1904 ? 43889 : 45351, z: 'dd/mm/yyyy' };
  ws['E4'] = { t: 'e', v: 0x2a };
  ws['A7'] = { t: 'b', v: true };
  ws['B7'] = { t: 'e', v: 0x07 };
  ws['C7'] = { t: 'n', v: 45352.5729166667 - (date1904 ? 1462 : 0), z: 'yyyy-mm-dd hh:mm' };
  ws['D7'] = { t: 's', v: '  Mataram  ' };
  ws['E7'] = { t: 'n', v: 0.1 + 0.2, z: '0.00' };
  ws['!ref'] = 'A1:E7';
  ws['!merges'] = [
    { s: { r: 1, c: 0 }, e: { r: 2, c: 0 } },
    { s: { r: 1, c: 1 }, e: { r: 1, c: 2 } },
  ];
  XLSX.utils.book_append_sheet(wb, ws, 'Data');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[null], [null, 'rahasia']]), 'Rahasia');
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([[1]]), 'SangatRahasia');
  wb.Workbook = {
    Sheets: [{ Hidden: 0 }, { Hidden: 0 }, { Hidden: 1 }, { Hidden: 2 }],
    WBProps: { date1904 },
  };
  return wb;
}

async function writeXls(name: string, wb: XLSX.WorkBook, hidden?: [string, number]): Promise<{ path: string; bytes: number }> {
  let buf = XLSX.write(wb, { bookType: 'biff8', type: 'buffer' }) as Buffer;
  if (hidden) buf = hideRow(buf, hidden[0], hidden[1]);
  const path = join(dir, name);
  await writeFile(path, buf);
  return { path, bytes: buf.length };
}

async function read(src: RowSource): Promise<RawRow[][]> {
  const out: RawRow[][] = [];
  for await (const b of src.batches()) out.push(b);
  return out;
}


let main: { path: string; bytes: number };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satudata-xls-'));
  main = await writeXls('main.xls', workbook(false), ['Data', 4]);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('openXls', () => {
  it('reads cells as text with kinds, Excel row numbers, hidden rows, merges', async () => {
    const src = await openXls(main.path, { bytes: main.bytes });
    const rows = (await read(src)).flat();
    expect(rows).toEqual([
      { n: 1, cells: ['Jumlah Penduduk Menurut Kecamatan 2024'], kinds: [S] },
      { n: 2, cells: ['Kecamatan', 'Jumlah', '', 'Tanggal'], kinds: [S, S, E, S] },
      { n: 3, cells: ['', 'L', 'P'], kinds: [E, S, S] },
      { n: 4, cells: ['Ampenan', '12.5', '007', '2024-02-29', '#N/A'], kinds: [S, N, S, D, CellKind.Error] },
      { n: 5, cells: ['Cakranegara', '3', '4'], kinds: [S, N, N], hidden: true },
      {
        n: 7,
        cells: ['TRUE', '#DIV/0!', '2024-03-01T13:45:00', '  Mataram  ', '0.30000000000000004'],
        kinds: [CellKind.Boolean, CellKind.Error, D, S, N],
      },
    ]);
    expect(src.info).toMatchObject({
      path: main.path,
      format: 'xls',
      bytes: main.bytes,
      sheet: 'Data',
      dateSystem: 1900,
      width: 5,
      sheets: [
        { name: 'Kosong', state: 'visible', empty: true },
        { name: 'Data', state: 'visible', empty: false },
        { name: 'Rahasia', state: 'hidden', empty: false },
        { name: 'SangatRahasia', state: 'veryHidden', empty: false },
      ],
    });
    expect(src.info.merges).toEqual([
      { top: 2, left: 1, bottom: 3, right: 1 },
      { top: 2, left: 2, bottom: 2, right: 3 },
    ]);
  });

  it('converts date-formatted numbers with the 1904 date system', async () => {
    const mac = await writeXls('mac.xls', workbook(true));
    const src = await openXls(mac.path, { bytes: mac.bytes });
    const rows = (await read(src)).flat();
    expect(src.info.dateSystem).toBe(1904);
    expect(rows.find((r) => r.n === 4)!.cells[3]).toBe('2024-02-29');
    expect(rows.find((r) => r.n === 7)!.cells[2]).toBe('2024-03-01T13:45:00');
    expect(rows.find((r) => r.n === 5)!.hidden).toBeUndefined();
  });

  it('chooses sheets by name or 1-based number and reports unknown ones', async () => {
    const hidden = await openXls(main.path, { bytes: main.bytes, sheet: 'Rahasia' });
    expect(hidden.info.sheet).toBe('Rahasia');
    expect((await read(hidden)).flat()).toEqual([{ n: 2, cells: ['', 'rahasia'], kinds: [E, S] }]);
    expect(hidden.info.merges).toEqual([]);

    const fourth = await openXls(main.path, { bytes: main.bytes, sheet: 4 });
    expect(fourth.info.sheet).toBe('SangatRahasia');

    const first = await openXls(main.path, { bytes: main.bytes, sheet: '1' });
    expect(first.info.sheet).toBe('Kosong');
    expect(await read(first)).toEqual([]);

    const err = await readError(openXls(main.path, { bytes: main.bytes, sheet: 'Lain' }));
    expect(err.code).toBe('sheet-not-found');
    expect(err.params).toEqual({ sheet: 'Lain', sheets: 'Kosong, Data, Rahasia, SangatRahasia' });
    expect((await readError(openXls(main.path, { bytes: main.bytes, sheet: 5 }))).code).toBe('sheet-not-found');
  });

  it('delivers rows in batches of at most 1000 and can be closed early', async () => {
    const wb = XLSX.utils.book_new();
    const aoa: (string | number)[][] = [['no', 'nama']];
    for (let i = 1; i <= 2500; i++) aoa.push([i, `Desa ${i}`]);
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), 'Besar');
    const big = await writeXls('big.xls', wb);
    const batches = await read(await openXls(big.path, { bytes: big.bytes }));
    expect(batches.map((b) => b.length)).toEqual([1000, 1000, 501]);
    expect(batches[2]![500]).toEqual({ n: 2501, cells: ['2500', 'Desa 2500'], kinds: [N, S] });

    const src = await openXls(big.path, { bytes: big.bytes });
    for await (const b of src.batches()) {
      expect(b).toHaveLength(1000);
      break;
    }
    await src.close();
    await src.close();
  });

  it('rejects corrupt, non-BIFF, oversized and empty files', async () => {
    const junk = join(dir, 'junk.xls');
    await writeFile(junk, Buffer.from('Provinsi;Jumlah\nNTB;1\n'));
    expect((await readError(openXls(junk, { bytes: 22 }))).code).toBe('corrupt-file');

    const ole = Buffer.alloc(4096, 0x41);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    const badOle = join(dir, 'bad-ole.xls');
    await writeFile(badOle, ole);
    expect((await readError(openXls(badOle, { bytes: ole.length }))).code).toBe('corrupt-file');

    const huge = await readError(openXls(main.path, { bytes: 60 * 1024 * 1024 }));
    expect(huge.code).toBe('format-error');
    expect(huge.params).toEqual({ detected: 'xls > 50 MB' });

    const empty = join(dir, 'empty.xls');
    await writeFile(empty, '');
    expect((await readError(openXls(empty, { bytes: 0 }))).code).toBe('empty-file');
  });
});
