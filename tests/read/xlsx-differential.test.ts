/**
 * The lean XLSX reader (own zip reading + fast XML scanner) against the exceljs path it replaces: for every
 * workbook here — written by exceljs and by SheetJS, hand-made ones with the odd corners of SpreadsheetML
 * (cells without r, t="str"/"e"/"d"/"b", inline and rich strings, phonetic runs, entities and CDATA,
 * prefixed names, 1904 dates, hidden rows, merges, hidden sheets, an empty first sheet), hostile ones, and
 * the corpus when present — both readers give the same rows, the same facts and the same errors.
 */
import { existsSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openXlsx } from '../../src/read/xlsx-reader.js';
import { ReadError } from '../../src/read/table.js';
import { tempDir, zip } from '../hostile/support.js';
import { dataWorkbook, workbookParts } from '../support/xlsx-gen.js';

const dir = tempDir('satudata-xlsx-diff-');
let saved: string | undefined;
beforeAll(() => {
  saved = process.env.TMPDIR;
  process.env.TMPDIR = dir; // exceljs spools here
});
afterAll(() => {
  process.env.TMPDIR = saved;
  rmSync(dir, { recursive: true, force: true });
});

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const sheet = (body: string, extra = '') => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}">${extra}<sheetData>${body}</sheetData></worksheet>`;

async function read(path: string, reader: 'lean' | 'exceljs', sheetArg?: string | number) {
  try {
    const src = await openXlsx(path, { bytes: statSync(path).size, reader, ...(sheetArg !== undefined ? { sheet: sheetArg } : {}) });
    const rows = [];
    for await (const b of src.batches()) rows.push(...b);
    return { info: { ...src.info, path: undefined }, rows };
  } catch (err) {
    if (err instanceof ReadError) return { error: err.code };
    throw err;
  }
}

async function excelJsWorkbook(path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Kosong');
  const ws = wb.addWorksheet('Data');
  ws.getCell('A1').value = 'Jumlah Penduduk 2024';
  ws.mergeCells('A1:C1');
  ws.getRow(2).values = ['Kecamatan', 'L', 'P', 'Tanggal', 'Cek'];
  ws.getRow(3).values = ['Ampenan', 12.5, '007'];
  ws.getCell('D3').value = new Date(Date.UTC(2024, 1, 29));
  ws.getCell('D3').numFmt = 'dd/mm/yyyy';
  ws.getCell('E3').value = { formula: 'NA()', result: { error: '#N/A' } } as ExcelJS.CellValue;
  ws.getRow(4).values = ['Cakranegara', 3, 4];
  ws.getRow(4).hidden = true;
  ws.getCell('A6').value = { richText: [{ text: 'Sela' }, { font: { bold: true }, text: 'parang' }] };
  ws.getCell('B6').value = true;
  ws.getCell('C6').value = { formula: 'B3*2', result: 25 } as ExcelJS.CellValue;
  ws.getCell('D6').value = new Date(Date.UTC(2024, 2, 1, 13, 45, 30));
  ws.getCell('D6').numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.getCell('E6').value = { formula: 'A3', result: 'Ampenan' } as ExcelJS.CellValue;
  ws.getCell('A7').value = '  Mataram & <Lombok> "Barat"  ';
  ws.getCell('B7').value = { text: 'situs', hyperlink: 'https://ntbprov.go.id' };
  ws.getCell('C7').value = 'Émile – ñ ² 日本';
  ws.getCell('E7').value = 0.1 + 0.2;
  ws.getCell('A8').value = '=1+1';
  wb.addWorksheet('Rahasia', { state: 'hidden' }).getCell('B2').value = 'rahasia';
  await wb.xlsx.writeFile(path);
}

function sheetJsWorkbook(path: string, date1904: boolean): void {
  const wb = XLSX.utils.book_new();
  const ws = XLSX.utils.aoa_to_sheet([['kode', 'nama', 'tanggal', 'nilai'], ['5201', 'Lombok Barat', new Date(Date.UTC(2023, 11, 31)), 1.25], ['5202', 'Lombok Tengah', new Date(Date.UTC(2020, 1, 29)), -3]], { cellDates: true });
  ws['!merges'] = [{ s: { r: 0, c: 0 }, e: { r: 0, c: 1 } }];
  XLSX.utils.book_append_sheet(wb, ws, 'Sheet JS');
  if (date1904) wb.Workbook = { ...(wb.Workbook ?? {}), WBProps: { date1904: true } };
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', bookSST: !date1904, cellDates: false }) as Buffer);
}

/** Hand-made workbooks: the corners of SpreadsheetML the readers must agree on. */
function handMade(): Record<string, Buffer> {
  const strings = `<sst xmlns="${NS}"><si><t>kode</t></si><si><r><t>Rich </t></r><r><rPr><b/></rPr><t xml:space="preserve">text  </t></r><rPh><t>ふりがな</t></rPh></si><si><t>A &amp; B &lt;c&gt; _x000D_ line</t></si></sst>`;
  const odd = sheet(
    '<row r="1"><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="inlineStr"><is><t>inline</t></is></c></row>' +
      '<row r="2" hidden="1"><c r="A2" t="str"><f>A1</f><v>from formula</v></c><c r="B2" t="e"><v>#DIV/0!</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="d"><v>2024-02-29T00:00:00</v></c></row>' +
      '<row><c r="B3" s="1"><v>45351.5</v></c><c t="s"><v>2</v></c><c r="E3"><v>1.50</v></c><c r="F3"><v>1e3</v></c><c r="G3" t="inlineStr"><is><r><t>a</t></r><r><t>b&#x41;&#66;</t></r></is></c></row>' +
      '<row r="5" spans="1:3"><c r="A5" t="str"><v><![CDATA[x < y]]></v></c><c r="B5"><v></v></c><c r="C5"/></row>' +
      '<row r="9"/>',
    '<dimension ref="A1:G9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>',
  ).replace('</sheetData>', '</sheetData><mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>');
  const prefixed = `<?xml version="1.0"?><x:worksheet xmlns:x="${NS}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>pref</x:t></x:is></x:c><x:c r="B1"><x:v>2</x:v></x:c></x:row></x:sheetData></x:worksheet>`;
  const emptyFirst = sheet('');
  const many = Array.from({ length: 70 }, (_v, i) => ({ name: `S${i + 1}`, xml: sheet(`<row r="1"><c t="inlineStr"><is><t>sheet ${i + 1}</t></is></c></row>`) }));
  const names = Array.from({ length: 70 }, (_v, i) => `<definedName name="N${i}">S1!$A$1</definedName>`).join('');
  return {
    'odd.xlsx': zip(workbookParts([{ name: 'Odd', xml: odd }], { strings })),
    'odd-1904.xlsx': zip(workbookParts([{ name: 'Odd', xml: odd }], { strings, workbookExtra: '<workbookPr date1904="true"/>' })),
    'prefixed.xlsx': zip(workbookParts([{ name: 'P', xml: prefixed }])),
    'empty-first.xlsx': zip(workbookParts([{ name: 'Kosong', xml: emptyFirst }, { name: 'Isi', xml: sheet('<row r="3"><c r="C3"><v>7</v></c></row>') }])),
    'all-empty.xlsx': zip(workbookParts([{ name: 'A', xml: emptyFirst }, { name: 'B', xml: emptyFirst }])),
    '70-sheets.xlsx': zip(workbookParts(many)),
    '70-names.xlsx': zip(workbookParts(many.slice(0, 2), { workbookExtra: `<definedNames>${names}</definedNames>` })),
    'data-2000.xlsx': dataWorkbook(2000),
    'unclosed.xlsx': zip(workbookParts([{ name: 'U', xml: sheet('<row r="1"><c><v>1</v></c></row>').replace('</sheetData></worksheet>', '') }])),
    'entity.xlsx': zip(workbookParts([{ name: 'E', xml: sheet('<row r="1"><c t="inlineStr"><is><t>&bogus;</t></is></c></row>') }])),
    'doctype.xlsx': zip(workbookParts([{ name: 'D', xml: sheet('<row r="1"><c><v>1</v></c></row>').replace('<worksheet', '<!DOCTYPE worksheet [<!ENTITY x "y">]><worksheet') }])),
  };
}

const files: string[] = [];
beforeAll(async () => {
  await excelJsWorkbook(join(dir, 'exceljs.xlsx'));
  sheetJsWorkbook(join(dir, 'sheetjs.xlsx'), false);
  sheetJsWorkbook(join(dir, 'sheetjs-1904.xlsx'), true);
  for (const [name, data] of Object.entries(handMade())) writeFileSync(join(dir, name), data);
  files.push(...readdirSync(dir).filter((f) => f.endsWith('.xlsx')).map((f) => join(dir, f)));
  const corpus = '/work/shared/corpus';
  if (existsSync(corpus)) files.push(...readdirSync(corpus).filter((f) => /\.xlsx$/i.test(f)).map((f) => join(corpus, f)));
});

describe('lean XLSX reader = exceljs reader', () => {
  it('gives the same rows, facts and errors on every workbook', async () => {
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      for (const sheetArg of [undefined, 1, 2]) {
        const lean = await read(file, 'lean', sheetArg);
        const old = await read(file, 'exceljs', sheetArg);
        expect(lean, `${file} sheet ${sheetArg}`).toEqual(old);
      }
    }
  });

  it('reads the corners of SpreadsheetML as expected', async () => {
    const r = await read(join(dir, 'odd.xlsx'), 'lean');
    expect(r.rows!.map((x) => x.cells)).toEqual([
      ['kode', 'Rich text  ', 'inline'],
      ['from formula', '#DIV/0!', 'TRUE', '2024-02-29'],
      ['', '2024-02-29T12:00:00', 'A & B <c> \r line', '', '1.5', '1000', 'abAB'],
      ['x < y'],
    ]);
    expect(r.rows![1]!.hidden).toBe(true);
    expect(r.info!.merges).toEqual([{ top: 1, left: 1, bottom: 1, right: 2 }]);
    expect(r.info!.lastRow).toBe(9);
    expect((await read(join(dir, '70-sheets.xlsx'), 'lean')).info!.sheets).toHaveLength(70);
    expect((await read(join(dir, '70-names.xlsx'), 'lean')).rows).toHaveLength(1);
  });
});
