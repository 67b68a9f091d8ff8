/**
 * The scanner's whole-cell path (xml-scan.ts simpleCell, a sheet's hot path) against the general path: the same
 * sheet XML, cut at every position, gives the same rows as saxes with the same cell logic, whatever shape each
 * cell has (self-closing, empty, a plain value, an entity or CR in the value, a formula, an inline string,
 * prefixed names, spaces between tags, odd attribute spacing, lowercase or $-anchored references, unknown
 * types) and wherever a chunk ends.
 */
import { describe, expect, it } from 'vitest';
import { SheetParser } from '../../src/read/xlsx-parts.js';
import type { MergeRange } from '../../src/read/table.js';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const strings = ['Ampenan', 'Mataram & Sekitarnya', '=SUM(A1)'];
const isDate = (s: number) => s === 1;

function rowsOf(chunks: string[], fast: boolean) {
  const merges: MergeRange[] = [];
  const p = new SheetParser(strings, isDate, false, merges, fast);
  for (const c of chunks) p.feed(c);
  p.end();
  return { rows: p.rows, merges, width: p.width, lastRow: p.lastRow, formulaText: p.formulaText };
}

const body = [
  '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1"/><c r="D1"></c><c r="E1"><v></v></c></row>',
  '<row r="2" hidden="1"><c r="A2"><v>12.50</v></c><c r="B2" s="1"><v>45351</v></c><c r="C2" t="str"><f>A2*2</f><v>25</v></c><c r="D2" t="b"><v>1</v></c></row>',
  '<row r="3"><c r="A3" t="inlineStr"><is><t>Sela&amp;parang</t></is></c><c r="B3" t="str"><v>a&lt;b</v></c><c r="C3" t="str"><v>dua\r\nbaris</v></c><c r="D3" t="e"><v>#N/A</v></c></row>',
  '<row r="4"><c><v>7</v></c><c><v>8</v></c><c r=\'C4\' t=\'s\'><v>2</v></c><c r="D4" t="s">\n  <v>0</v>\n</c><x:c r="E4"><x:v>9</x:v></x:c></row>',
  '<row r="5"><c r="a5"><v>1</v></c><c  r="B5"><v>2</v></c><c r="C5" cm="1" s="01"><v>3</v></c><c r="$D$5"><v>4</v></c><c r="E5" t="constructor"><v>5</v></c><c r="F5"\tt="s"><v>0</v></c><c r = "G5"><v>6</v></c><c r="H5" ><v>7</v></c><c r="I5" t="n" /><c r="J5" s="1" t="inlineStr"><is><r><t>a</t></r><r><t><![CDATA[b<c r="A1"/>]]></t></r></is></c></row>',
  '<!-- a comment with <c r="Z9"><v>1</v></c> in it --><?pi <c?>',
  '<row r="6"><c r="A6" t="n"><v>1E-3</v></c><c r="B6" t="d"><v>2024-02-29T00:00:00</v></c><c r="C6" s="1"/><c r="J6" t="s"><v>1</v></c></row>',
].join('');
const xml = `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}" xmlns:x="${NS}"><dimension ref="A1:J6"/><sheetData>${body}</sheetData><mergeCells count="1"><mergeCell ref="A1:C1"/></mergeCells></worksheet>`;

describe('a sheet read cell by cell (simpleCell) gives what the general path gives', () => {
  const expected = rowsOf([xml], false);

  it('reads the sheet as saxes does, in one piece', () => {
    expect(expected.rows.length).toBe(6);
    expect(rowsOf([xml], true)).toEqual(expected);
  });

  it('at every cut of the XML into two chunks', () => {
    for (let cut = 1; cut < xml.length; cut++) {
      expect(rowsOf([xml.slice(0, cut), xml.slice(cut)], true), `cut at ${cut}`).toEqual(expected);
    }
  });

  it('fed seven characters at a time', () => {
    const chunks: string[] = [];
    for (let i = 0; i < xml.length; i += 7) chunks.push(xml.slice(i, i + 7));
    expect(rowsOf(chunks, true)).toEqual(expected);
  });

  it('still refuses a cell that does not close, and a value nested deeper than the limit', () => {
    const broken = xml.replace('<c r="A2"><v>12.50</v></c>', '<c r="A2"><v>12.50</v></d>');
    expect(() => rowsOf([broken], true)).toThrow(expect.objectContaining({ code: 'corrupt-file' }));
    const flat = `<worksheet xmlns="${NS}"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    const saved = process.env.SATUDATA_MAX_XML_DEPTH;
    try {
      process.env.SATUDATA_MAX_XML_DEPTH = '5'; // worksheet, sheetData, row, c, v
      expect(rowsOf([flat], true).rows).toEqual([{ n: 1, cells: ['1'], kinds: [expect.any(Number)] }]);
      process.env.SATUDATA_MAX_XML_DEPTH = '4';
      expect(() => rowsOf([flat], true)).toThrow(expect.objectContaining({ code: 'xml-nesting' }));
      expect(() => rowsOf([flat], false)).toThrow(expect.objectContaining({ code: 'xml-nesting' }));
    } finally {
      if (saved === undefined) delete process.env.SATUDATA_MAX_XML_DEPTH;
      else process.env.SATUDATA_MAX_XML_DEPTH = saved;
    }
  });
});
