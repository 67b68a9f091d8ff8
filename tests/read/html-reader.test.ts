import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openHtml, parseHtmlTables } from '../../src/read/html-reader.js';
import { openSource } from '../../src/read/open.js';
import { renderIssue } from '../../src/report/render.js';
import { ReadError, type RawRow, type RowSource } from '../../src/read/table.js';
import { readError } from '../support/read-error.js';

async function open(text: string, sheet?: string | number): Promise<RowSource> {
  return openHtml('tabel.xls', { text, bytes: Buffer.byteLength(text), sheet });
}

async function rowsOf(text: string): Promise<{ src: RowSource; rows: RawRow[] }> {
  const src = await open(text);
  const rows: RawRow[] = [];
  for await (const b of src.batches()) rows.push(...b);
  return { src, rows };
}


describe('openHtml', () => {
  it('expands colspan and rowspan into a grid with blank spanned positions, and records the spans', async () => {
    const html = `<html><body><table>
      <tr><th rowspan="2">Kabupaten</th><th colspan=2>Jumlah</th><th rowspan='2'>Ket</th></tr>
      <tr><th>L</th><th>P</th></tr>
      <tr><td>Lombok Barat</td><td>1</td><td>2</td><td>-</td></tr>
    </table></body></html>`;
    const { src, rows } = await rowsOf(html);
    expect(rows).toEqual([
      { n: 1, cells: ['Kabupaten', 'Jumlah', '', 'Ket'] },
      { n: 2, cells: ['', 'L', 'P', ''] },
      { n: 3, cells: ['Lombok Barat', '1', '2', '-'] },
    ]);
    expect(src.info.spans).toEqual([
      { top: 1, left: 1, bottom: 2, right: 1 },
      { top: 1, left: 2, bottom: 1, right: 3 },
      { top: 1, left: 4, bottom: 2, right: 4 },
    ]);
    expect(src.info).toMatchObject({
      path: 'tabel.xls',
      format: 'html',
      bytes: Buffer.byteLength(html),
      sheet: 'Tabel',
      sheets: [{ name: 'Tabel', state: 'visible', empty: false }],
      merges: [],
      width: 4,
    });
    expect(rows[0]!.kinds).toBeUndefined();
  });

  it('strips tags, decodes entities, turns <br> into a line break and trims nothing', async () => {
    const html =
      '<table><tr><td> <b>A</b>&amp;B&nbsp;&lt;i&gt; </td><td>x<br>y<br/>z</td>' +
      '<td>&#233;&#xE9;&eacute; &quot;q&quot; &#150; &amp &unknown; &#0;</td><td><i>Jenis</i> <sup>2</sup></td></tr></table>';
    const { rows } = await rowsOf(html);
    expect(rows).toEqual([
      { n: 1, cells: [' A&B\u00a0<i> ', 'x\ny\nz', 'ééé "q" – & &unknown; \ufffd', 'Jenis 2'] },
    ]);
  });

  it('stacks several tables vertically, numbering rows in the stacked grid', async () => {
    const html = `
      <p>Judul</p>
      <table><tr><td>Provinsi</td><td colspan="2">Tahun</td></tr></table>
      <table><tr><td></td><td>2023</td><td>2024</td></tr><tr><td>NTB</td><td>5</td><td>6</td></tr></table>`;
    const { src, rows } = await rowsOf(html);
    expect(rows).toEqual([
      { n: 1, cells: ['Provinsi', 'Tahun', ''] },
      { n: 2, cells: ['', '2023', '2024'] },
      { n: 3, cells: ['NTB', '5', '6'] },
    ]);
    expect(src.info.spans).toEqual([{ top: 1, left: 2, bottom: 1, right: 3 }]);
  });

  it('lays out the BPS frozen-header export (tables side by side inside a layout table)', async () => {
    const html = `<html><body><table><table class="tabel_hasil"><tbody><tr><td><div>
        <table id="tableLeftUp"><tbody><tr><th rowspan="2">Nama Wilayah</th></tr></tbody></table>
      </div><div><table id="tableLeftBottom"><tbody><tr><td>JAWA BARAT</td></tr></tbody></table></div></td>
      <td><div><table id="tableRightUp"><tbody><tr><th colspan="3">Garis Kemiskinan (Rupiah/kapita/bulan)</th></tr>
        <tr><th rowspan="1" colspan="1">2020</th><th>2019</th><th>2018</th></tr></tbody></table></div>
      <div><table id="tableRightBottom"><tbody><tr><td>410988.00</td><td>386198.00</td><td>367755.00</td></tr></tbody></table></div>
      </td></tr></tbody></table></table></body></html>`;
    const { src, rows } = await rowsOf(html);
    expect(rows).toEqual([
      { n: 1, cells: ['Nama Wilayah', 'Garis Kemiskinan (Rupiah/kapita/bulan)', '', ''] },
      { n: 2, cells: ['', '2020', '2019', '2018'] },
      { n: 3, cells: ['JAWA BARAT', '410988.00', '386198.00', '367755.00'] },
    ]);
    expect(src.info.spans).toEqual([
      { top: 1, left: 1, bottom: 2, right: 1 },
      { top: 1, left: 2, bottom: 1, right: 4 },
    ]);
  });

  it('tolerates malformed markup: unclosed cells, rows and tables, stray closers, comments, scripts', async () => {
    const html =
      '</td></tr></table><!-- <table><tr><td>komentar</td></tr></table> -->' +
      '<script>var s = "<table><td>skrip</td>";</script>' +
      '<TABLE><TR><TD CLASS=a>satu<TD>dua</TD></TD><TR><td>tiga<td>a < b';
    const { rows } = await rowsOf(html);
    expect(rows).toEqual([
      { n: 1, cells: ['satu', 'dua'] },
      { n: 2, cells: ['tiga', 'a < b'] },
    ]);
  });

  it('skips blank rows but keeps their numbers, and counts rows from empty <tr>', async () => {
    const html = '<table><tr><td>a</td></tr><tr><td></td><td> </td></tr><tr></tr><tr><td>b</td></tr></table>';
    const { rows } = await rowsOf(html);
    expect(rows).toEqual([
      { n: 1, cells: ['a'] },
      { n: 2, cells: ['', ' '] },
      { n: 4, cells: ['b'] },
    ]);
  });

  it('batches large tables by at most 1000 rows', async () => {
    const html = '<table>' + Array.from({ length: 2500 }, (_, i) => `<tr><td>${i}</td></tr>`).join('\n') + '</table>';
    const src = await open(html);
    const sizes: number[] = [];
    let last: RawRow | undefined;
    for await (const b of src.batches()) {
      sizes.push(b.length);
      last = b[b.length - 1];
    }
    expect(sizes).toEqual([1000, 1000, 500]);
    expect(last).toEqual({ n: 2500, cells: ['2499'] });
  });

  it('stays fast on pathological input', () => {
    const inputs = [
      '<table><tr><td>x'.repeat(50_000),
      '<table>' + '<td'.repeat(200_000),
      '<table><tr><td class="' + 'x'.repeat(500_000),
      '<table><tr><td>a<!--' + 'x'.repeat(500_000),
      '<table><tr><td>' + '&amp'.repeat(200_000),
      '</td></tr></table>'.repeat(100_000),
    ];
    for (const html of inputs) {
      const t = performance.now();
      parseHtmlTables(html);
      expect(performance.now() - t).toBeLessThan(2000);
    }
  });

  it('reports HTML without tables as format-error, and unknown sheets', async () => {
    const err = await readError(open('<html><body><p>Tidak ada data</p><div><td>x</td></div></body></html>'));
    expect(err.code).toBe('format-error');
    expect(err.params).toEqual({ detected: 'HTML tanpa tabel' });
    expect((await readError(open('<table><tr><td>a</td></tr></table>', 'Data'))).code).toBe('sheet-not-found');
    expect((await open('<table><tr><td>a</td></tr></table>', 1)).info.sheet).toBe('Tabel');
  });
});

describe('an HTML table saved under an Excel name', () => {
  it('is read as HTML, and the warning names the extension it really has (.xlsx as well as .xls)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-html-'));
    try {
      for (const ext of ['.xls', '.xlsx']) {
        const path = join(dir, `ekspor${ext}`);
        writeFileSync(path, '<html><body><table><tr><th>Kecamatan</th><th>Jumlah</th></tr><tr><td>Gerung</td><td>12</td></tr></table></body></html>');
        const src = await openSource(path);
        const note = src.info.notes.find((n) => n.code === 'html-as-xls');
        expect(note).toEqual({ code: 'html-as-xls', params: { ext } });
        expect(renderIssue({ code: 'html-as-xls', severity: 'warning', params: note!.params }, 'en').message).toBe(`The file is named ${ext} but holds an HTML table (a web export); the table was read as HTML.`);
        await src.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
