/** Generated workbooks for reader tests: Excel's part order (sheet before sharedStrings.xml), shared strings,
 *  a date style, numbers and inline text, written with the tests' own zip writer (no committed binaries). */
import { zip, type ZipPart } from '../hostile/support.js';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${NS}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="2"/></cellXfs></styleSheet>`;

/** The parts of a workbook around the given sheets (sheet i is xl/worksheets/sheet{i+1}.xml). */
export function workbookParts(sheets: { name: string; xml: ZipPart | string }[], opts: { strings?: string; styles?: string; workbookExtra?: string } = {}): ZipPart[] {
  const sheetList = sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const rels = sheets.map((_s, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('');
  const parts: ZipPart[] = [
    { name: '[Content_Types].xml', data: `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>` },
    { name: '_rels/.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>` },
    { name: 'xl/workbook.xml', data: `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets>${sheetList}</sheets>${opts.workbookExtra ?? ''}</workbook>` },
    { name: 'xl/_rels/workbook.xml.rels', data: `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rIdT" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>` },
  ];
  sheets.forEach((s, i) => parts.push(typeof s.xml === 'string' ? { name: `xl/worksheets/sheet${i + 1}.xml`, data: s.xml } : { ...s.xml, name: `xl/worksheets/sheet${i + 1}.xml` }));
  parts.push({ name: 'xl/styles.xml', data: opts.styles ?? STYLES });
  parts.push({ name: 'xl/sharedStrings.xml', data: opts.strings ?? `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="0" uniqueCount="0"></sst>` });
  return parts;
}

/** A data workbook of `rows` rows × 6 columns (kode, nama from 500 shared strings, tahun, jumlah, tanggal, ket). */
export function dataWorkbook(rows: number): Buffer {
  const names = Array.from({ length: 500 }, (_v, i) => `Kecamatan ${i} &amp; Desa`);
  const strings = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${NS}" count="${rows}" uniqueCount="${names.length + 6}">` +
    ['kode', 'nama', 'tahun', 'jumlah', 'tanggal', 'keterangan'].map((h) => `<si><t>${h}</t></si>`).join('') +
    names.map((n) => `<si><t>${n}</t></si>`).join('') + '</sst>';
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="${NS}"><dimension ref="A1:F${rows + 1}"/><sheetData>`];
  out.push('<row r="1">' + [0, 1, 2, 3, 4, 5].map((i) => `<c r="${'ABCDEF'[i]}1" t="s"><v>${i}</v></c>`).join('') + '</row>');
  for (let i = 0; i < rows; i++) {
    const r = i + 2;
    out.push(`<row r="${r}"><c r="A${r}"><v>${5201000000 + (i % 9999)}</v></c><c r="B${r}" t="s"><v>${6 + (i % 500)}</v></c><c r="C${r}"><v>${2000 + (i % 25)}</v></c><c r="D${r}" s="2"><v>${(i * 7.25) % 100000}</v></c><c r="E${r}" s="1"><v>${40000 + (i % 3000)}</v></c><c r="F${r}" t="inlineStr"><is><t>catatan baris ${i}</t></is></c></row>`);
  }
  out.push('</sheetData></worksheet>');
  return zip(workbookParts([{ name: 'Data', xml: out.join('') }], { strings }));
}
