import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { validateFile } from '../../src/check/validate-file.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-vf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('validateFile with --sheet all', () => {
  it('reports every visible sheet, each with the SHA-256 of the workbook file', async () => {
    const path = join(dir, 'dua-sheet.xlsx');
    const wb = new ExcelJS.Workbook();
    for (const [name, n] of [['Lombok', 3], ['Sumbawa', 2]] as const) {
      const ws = wb.addWorksheet(name);
      ws.addRow(['kecamatan', 'jumlah']);
      for (let i = 1; i <= n; i++) ws.addRow([`Kec ${i}`, i * 10]);
    }
    await wb.xlsx.writeFile(path);
    const expected = createHash('sha256').update(readFileSync(path)).digest('hex');

    const reports = await validateFile(path, { sheet: 'all', maxErrors: 100 });

    expect(reports.map((r) => r.sheet)).toEqual(['Lombok', 'Sumbawa']);
    expect(reports.map((r) => r.stats.dataRows)).toEqual([3, 2]);
    expect(reports.map((r) => r.stats.sha256)).toEqual([expected, expected]);
    // every sheet was checked: none is pointed at as left out; one sheet alone still points at the other
    expect(reports.flatMap((r) => r.issues).filter((i) => i.code === 'other-sheets')).toEqual([]);
    const [one] = await validateFile(path, { maxErrors: 100 });
    expect(one!.issues.filter((i) => i.code === 'other-sheets').map((i) => i.params?.sheets)).toEqual(['Sumbawa']);
  });
});

describe('validateFile: the SHA-256 of a CSV taken from the bytes its reader reads', () => {
  const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

  it('is the file’s hash, small or over many chunks, with a BOM and cp1252 bytes, on a thread of its own or not', async () => {
    const small = join(dir, 'kecil.csv');
    writeFileSync(small, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('kecamatan;jumlah\r\nPraya;12\r\n', 'latin1')]));
    const cp1252 = join(dir, 'cp1252.csv');
    writeFileSync(cp1252, Buffer.from('kecamatan,jumlah\nBatu Layar,1\nKuripan \xe9,2\n', 'latin1'));
    // ~1.5 MB: many 64 KB chunks of the reader's stream
    const big = join(dir, 'besar.csv');
    writeFileSync(big, 'kode,nama,jumlah\n' + Array.from({ length: 60000 }, (_, i) => `${i},Desa ${i},${i * 3}\n`).join(''));
    for (const path of [small, cp1252, big]) {
      for (const hashWhileReading of [false, true]) {
        const [r] = await validateFile(path, { maxErrors: 10, hashWhileReading });
        expect(r!.stats.sha256, `${path} ${hashWhileReading}`).toBe(sha(path));
      }
    }
  });

  it('reads the file again when its reader stopped before the last byte (a record over the limit)', async () => {
    const path = join(dir, 'panjang.csv');
    writeFileSync(path, 'a,b\n1,2\n' + '"' + 'x'.repeat(200_000) + '",3\n4,5\n');
    process.env.SATUDATA_MAX_RECORD_CHARS = '1000';
    let r;
    try {
      [r] = await validateFile(path, { maxErrors: 10, hashWhileReading: true });
    } finally {
      delete process.env.SATUDATA_MAX_RECORD_CHARS;
    }
    expect(r!.issues.some((i) => i.code === 'record-too-long')).toBe(true);
    expect(r!.stats.sha256).toBe(sha(path));
  });
});

describe('validateFile: blank rows above the header', () => {
  it('reports an empty first row (";;;") as a blank row', async () => {
    const path = join(dir, 'bps-baru.csv');
    writeFileSync(path, '\ufeff;;;\r\nNama Wilayah;2020;2019;2018\r\nJAWA BARAT;410988;386198;367755\r\n');
    const [r] = await validateFile(path, { maxErrors: 100 });
    expect(r!.layout!.headerRows).toEqual([2]);
    expect(r!.layout!.blankRows).toEqual([1]);
    expect(r!.issues.filter((i) => i.code === 'blank-row').map((i) => i.row)).toEqual([1]);
  });
});

describe('validateFile: a header cell merged down over an empty row', () => {
  it('does not call the row under a vertically merged header label blank, but does call a real blank row', async () => {
    const path = join(dir, 'merged-header.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Luas');
    ws.addRow(['Kecamatan', 'Luas']);
    ws.addRow([]);
    ws.mergeCells('A1:A2');
    ws.mergeCells('B1:B2');
    for (const [k, v] of [['Ampenan', 946], ['Mataram', 1076], ['Selaparang', 1077], ['Cakranegara', 967]] as const) ws.addRow([k, v]);
    ws.addRow([]);
    ws.addRow(['Sekarbela', 1032]);
    await wb.xlsx.writeFile(path);
    const [r] = await validateFile(path, { maxErrors: 100 });
    expect(r!.issues.filter((i) => i.code === 'blank-row').map((i) => i.row)).toEqual([7]);
  });
});

describe('validateFile: a header label merged across two columns', () => {
  it('does not call the second column unnamed; an unmerged empty header cell still is', async () => {
    const path = join(dir, 'merged-across.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Bulan');
    ws.addRow(['Bulan', '', 'Jumlah', '']);
    ws.mergeCells('A1:B1');
    for (const [n, b, v, w] of [[1, 'Januari', 12, 3], [2, 'Februari', 9, 4], [3, 'Maret', 15, 5]] as const) ws.addRow([`${n}.`, b, v, w]);
    await wb.xlsx.writeFile(path);
    const [r] = await validateFile(path, { maxErrors: 100 });
    expect(r!.issues.filter((i) => i.code === 'blank-label').map((i) => i.params?.column)).toEqual(['D']);
  });
});

describe('validateFile: --sheet on a CSV', () => {
  it('says once that a CSV has no sheets and checks the whole file; --sheet all is no question', async () => {
    const path = join(dir, 'tanpa-sheet.csv');
    writeFileSync(path, 'kecamatan,jumlah\nGerung,12\nKediri,7\n');
    const [asked] = await validateFile(path, { sheet: 'Data', maxErrors: 10, metadata: false });
    expect(asked!.issues.filter((i) => i.code === 'sheet-ignored').map((i) => [i.severity, i.params])).toEqual([['info', { sheet: 'Data' }]]);
    expect(asked!.stats.dataRows).toBe(2);
    const [all] = await validateFile(path, { sheet: 'all', maxErrors: 10, metadata: false });
    expect(all!.issues.map((i) => i.code)).not.toContain('sheet-ignored');
  });
});
