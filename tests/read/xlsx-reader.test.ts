import fs, { type ReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openXlsx } from '../../src/read/xlsx-reader.js';
import { CellKind, ReadError, type RawRow, type RowSource } from '../../src/read/table.js';
import { readError } from '../support/read-error.js';

const S = CellKind.String;
const N = CellKind.Number;
const E = CellKind.Empty;

let dir: string;
let savedTmpdir: string | undefined;
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


beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'satudata-xlsx-'));
  // exceljs spools sheets to os.tmpdir(); on a zip error those files are only removed at process exit,
  // which test workers may skip. Keep them in our directory.
  savedTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = dir;
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
  if (savedTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = savedTmpdir;
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
    expect(byName.src.info.sheets![2]).toEqual({ name: 'Rahasia', state: 'hidden', empty: false });

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
    expect(empty.src.info.sheets![0]).toEqual({ name: 'Kosong', state: 'visible', empty: true });
  });

  it('throws sheet-not-found with the sheet list', async () => {
    const bytes = (await stat(mainPath)).size;
    const err = await readError(openXlsx(mainPath, { sheet: 'Tidak Ada', bytes }));
    expect(err.code).toBe('sheet-not-found');
    expect(err.params).toEqual({ sheet: 'Tidak Ada', sheets: 'Kosong, Data, Rahasia, SangatRahasia' });
    expect((await readError(openXlsx(mainPath, { sheet: 9, bytes }))).code).toBe('sheet-not-found');
    expect((await readError(openXlsx(mainPath, { sheet: 0, bytes }))).code).toBe('sheet-not-found');
  });

  it('leaves no spooled temp file or unclosed stream behind when the sheet is not found', async () => {
    // exceljs spools the sheets of this workbook (they come before sharedStrings.xml) and hands each one out
    // as an fs.ReadStream. A stream left opening while its temp file is deleted fails later with an
    // uncaught ENOENT, so all of them must be destroyed once openXlsx rejects, and the temp files deleted.
    const spool = await mkdtemp(join(dir, 'spool-'));
    const create = fs.createReadStream;
    const streams: ReadStream[] = [];
    const spy = vi.spyOn(fs, 'createReadStream').mockImplementation((...args: Parameters<typeof create>) => {
      const s = create(...args);
      streams.push(s);
      return s;
    });
    process.env.TMPDIR = spool;
    try {
      // the exceljs fallback spools; the lean reader never writes a temp file
      const err = await readError(openXlsx(mainPath, { sheet: 'Tidak Ada', bytes: (await stat(mainPath)).size, reader: 'exceljs' }));
      expect(err.code).toBe('sheet-not-found');
    } finally {
      spy.mockRestore();
      process.env.TMPDIR = dir;
    }
    const spooled = streams.filter((s) => String(s.path).startsWith(spool));
    expect(spooled.length).toBeGreaterThan(0);
    expect(spooled.filter((s) => !s.destroyed).map((s) => s.path)).toEqual([]);
    // tmp unlinks asynchronously, without a callback to wait on
    await vi.waitFor(async () => expect(await readdir(spool)).toEqual([]), { timeout: 2000 });
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

// ── A hand-written workbook in a stored zip: parts exceljs cannot write, in the order LibreOffice uses
//    (shared strings before the sheets, so the sheets are parsed while the zip streams, not spooled). ──

function crc32(buf: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of buf) {
    let c = (crc ^ byte) & 0xff;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
    crc = (crc >>> 8) ^ c;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip with stored (uncompressed) entries; also returns where each entry's local header starts. */
function storedZip(entries: [string, string][]): { zip: Buffer; offsets: Record<string, number> } {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  const offsets: Record<string, number> = {};
  let offset = 0;
  for (const [name, text] of entries) {
    const data = Buffer.from(text, 'utf8');
    const nameBuf = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    parts.push(local, nameBuf, data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(data.length, 24);
    dir.writeUInt16LE(nameBuf.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, nameBuf);
    offsets[name] = offset;
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return { zip: Buffer.concat([...parts, cd, end]), offsets };
}

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const handMade: [string, string][] = [
  [
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  ],
  ['_rels/.rels', `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>`],
  [
    'xl/workbook.xml',
    `<workbook xmlns="${NS}" xmlns:r="${REL}"><workbookPr date1904="true"/><sheets>` +
      `<sheet name="Satu" sheetId="1" r:id="rId1"/><sheet name="Dua" sheetId="2" state="hidden" r:id="rId2"/>` +
      `</sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/worksheet" Target="/xl/worksheets/sheet1.xml"/>` +
      `<Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
      `<Relationship Id="rId3" Type="${REL}/styles" Target="styles.xml"/>` +
      `<Relationship Id="rId4" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  ],
  [
    'xl/styles.xml',
    `<styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd/mm/yyyy;@"/></numFmts>` +
      `<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>` +
      `<fills count="1"><fill><patternFill patternType="none"/></fill></fills>` +
      `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
      `<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
      `<xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
      `<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
      `<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  ],
  [
    'xl/sharedStrings.xml',
    `<sst xmlns="${NS}" count="3" uniqueCount="3"><si><t xml:space="preserve"> a_x000D_b </t></si>` +
      `<si><r><t>Kab</t></r><r><rPr><b/></rPr><t>upaten</t></r><rPh sb="0" eb="3"><t>かぶ</t></rPh></si><si><t/></si></sst>`,
  ],
  [
    'xl/worksheets/sheet1.xml',
    `<worksheet xmlns="${NS}" xmlns:r="${REL}"><dimension ref="A1:F6"/><sheetData>` +
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>` +
      `<c r="D1" t="inlineStr"><is><r><t>in</t></r><r><t xml:space="preserve">line </t></r><rPh sb="0" eb="1"><t>x</t></rPh></is></c></row>` +
      `<row><c><v>1234.5</v></c><c s="4"><v>1234.5</v></c><c s="1"><v>43889</v></c><c s="2"><v>43889.75</v></c>` +
      `<c s="3"><v>0.5</v></c><c t="d"><v>2024-02-29T00:00:00Z</v></c></row>` +
      `<row r="4" hidden="1"><c r="A4" t="b"><f>TRUE()</f><v>1</v></c><c r="B4" t="e"><v>#DIV/0!</v></c>` +
      `<c r="C4" t="str"><f>"a"&amp;"b"</f><v>a&amp;b</v></c><c r="D4"><f>1/0</f></c><c r="E4"><v></v></c><c r="F4" s="2"/></row>` +
      `<row r="6"><c r="C6" s="1"/></row>` +
      `</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>`,
  ],
  [
    'xl/worksheets/sheet2.xml',
    `<x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="3"><x:c r="B3" t="s"><x:v>1</x:v></x:c></x:row></x:sheetData>` +
      `<x:mergeCells><x:mergeCell ref="B3:C3"/></x:mergeCells></x:worksheet>`,
  ],
];

describe('openXlsx on a hand-written workbook (streamed sheets)', () => {
  it('reads inline and rich strings, _x000D_, t="d", builtin and custom date formats, 1904 "true"', async () => {
    const { zip } = storedZip(handMade);
    const path = join(dir, 'hand.xlsx');
    await writeFile(path, zip);
    const { src, rows } = await rowsOf(path);
    expect(src.info.sheet).toBe('Satu');
    expect(src.info.dateSystem).toBe(1904);
    expect(src.info.sheets).toEqual([
      { name: 'Satu', state: 'visible', empty: false },
      { name: 'Dua', state: 'hidden' },
    ]);
    const D = CellKind.Date;
    expect(rows).toEqual([
      { n: 1, cells: [' a\rb ', 'Kabupaten', '', 'inline '], kinds: [S, S, E, S] },
      {
        n: 2,
        cells: ['1234.5', '1234.5', '2024-02-29', '2024-02-29T18:00:00', '12:00:00', '2024-02-29'],
        kinds: [N, N, D, D, D, D],
      },
      { n: 4, cells: ['TRUE', '#DIV/0!', 'a&b'], kinds: [CellKind.Boolean, CellKind.Error, S], hidden: true },
    ]);
    expect(src.info.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 2 }]);
    expect(src.info.width).toBe(6);
  });

  it('reads a sheet with prefixed element names, matched through an absolute relationship target', async () => {
    const { zip } = storedZip(handMade);
    const path = join(dir, 'hand2.xlsx');
    await writeFile(path, zip);
    const { src, rows } = await rowsOf(path, 'Dua');
    expect(rows).toEqual([{ n: 3, cells: ['', 'Kabupaten'], kinds: [E, S] }]);
    expect(src.info.merges).toEqual([{ top: 3, left: 2, bottom: 3, right: 3 }]);
  });

  it('reports a file cut right after the chosen sheet as corrupt-file', async () => {
    const { zip, offsets } = storedZip(handMade);
    const path = join(dir, 'hand-cut.xlsx');
    const bytes = offsets['xl/worksheets/sheet2.xml']!;
    await writeFile(path, zip.subarray(0, bytes));
    const src = await openXlsx(path, { bytes });
    const got: RawRow[] = [];
    const err = await readError(
      (async () => {
        for await (const b of src.batches()) got.push(...b);
      })(),
    );
    expect(err.code).toBe('corrupt-file');
    expect(got.map((r) => r.n)).toEqual([1, 2, 4]);
  });

  it('reports malformed sheet XML as corrupt-file', async () => {
    const broken = handMade.map(([name, text]): [string, string] =>
      name === 'xl/worksheets/sheet1.xml' ? [name, text.replace('</sheetData>', '</sheetDat>')] : [name, text],
    );
    const path = join(dir, 'hand-bad.xml.xlsx');
    await writeFile(path, storedZip(broken).zip);
    const err = await readError(
      (async () => {
        const src = await openXlsx(path, { bytes: 1 });
        await read(src);
      })(),
    );
    expect(err.code).toBe('corrupt-file');
  });
});
