/** Hostile XLSX: zip bombs (honest and lying sizes), entities, deep nesting, absurd dimensions, unsafe names.
 *  Every file is generated here; each case asserts the exit code, the issue code and the bounds. */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { rmSync } from 'node:fs';
import { codes, observe, repeatedDeflate, runMeasured, SHEET_HEAD, SHEET_TAIL, sheetXml, tempDir, write, xlsxParts, zip } from './support.js';

vi.setConfig({ testTimeout: 60_000 }); // each case is bounded by the CLI's own limits; this is only a safety net

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RSS_MB = 512;
const SECONDS = 30;
const ROW = '<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>';
const BOMB_HEAD = SHEET_HEAD + '<row><c t="inlineStr"><is><t>nama</t></is></c><c t="inlineStr"><is><t>nilai</t></is></c></row>';
const MB_OF_ROWS = ROW.repeat(Math.ceil((1024 * 1024) / ROW.length));

function check(name: string, file: string, code: string, exit: number[], args: string[] = [], env: Record<string, string> = {}) {
  const m = runMeasured(['validate', file, '--format', 'json', ...args], env);
  observe(name, m);
  expect(exit, m.stderr).toContain(m.code);
  expect(codes(m)).toContain(code);
  expect(m.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace
  if (!Number.isNaN(m.rssMb)) expect(m.rssMb).toBeLessThan(RSS_MB);
  expect(m.seconds).toBeLessThan(SECONDS);
  return m;
}

describe('hostile XLSX', () => {
  it('zip bomb: a 2 GB sheet declared in the central directory is refused before inflating', () => {
    const raw = repeatedDeflate(BOMB_HEAD, MB_OF_ROWS, 2000, SHEET_TAIL);
    const file = write(dir, 'bomb-size.xlsx', zip(xlsxParts({ name: 'xl/worksheets/sheet1.xml', raw })));
    const m = check('zip bomb (2 GB declared)', file, 'zip-bomb', [2]);
    expect(m.json!.tables[0]!.issues[0]!.message).toMatch(/sheet1\.xml/);
  });

  it('zip bomb: ratio above the limit (64 MB at ~1000:1) is refused', () => {
    const raw = repeatedDeflate(BOMB_HEAD, MB_OF_ROWS, 64, SHEET_TAIL);
    check('zip bomb (ratio)', write(dir, 'bomb-ratio.xlsx', zip(xlsxParts({ name: 'xl/worksheets/sheet1.xml', raw }))), 'zip-bomb', [2]);
  });

  it('zip bomb with lying sizes: stopped while streaming', () => {
    const raw = repeatedDeflate(BOMB_HEAD, MB_OF_ROWS, 400, SHEET_TAIL);
    const file = write(dir, 'bomb-lying.xlsx', zip(xlsxParts({ name: 'xl/worksheets/sheet1.xml', raw, declare: 4096 })));
    check('zip bomb (lying sizes, 400 MB real)', file, 'zip-bomb', [2]);
  });

  it('the limit is configurable (SATUDATA_MAX_RATIO)', () => {
    const raw = repeatedDeflate(BOMB_HEAD, MB_OF_ROWS, 20, SHEET_TAIL);
    const file = write(dir, 'bomb-small.xlsx', zip(xlsxParts({ name: 'xl/worksheets/sheet1.xml', raw })));
    check('zip ratio limit via env', file, 'zip-bomb', [2], [], { SATUDATA_MAX_RATIO: '50', SATUDATA_MAX_ENTRY_MB: '8' });
  });

  it('billion laughs (internal entities) in workbook.xml → xml-entity', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i ? i : ''};`.repeat(10)}">`).join('')}]>`;
    const wb = `${lol}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="&lol9;" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const file = write(dir, 'laughs.xlsx', zip(xlsxParts(sheetXml([['a'], ['1']]), { 'xl/workbook.xml': wb })));
    check('billion laughs', file, 'xml-entity', [2]);
  });

  it('external entity (XXE) in a sheet → xml-entity', () => {
    const sheet = sheetXml([['a'], ['&xxe;']]).replace('<worksheet', '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><worksheet');
    check('external entity', write(dir, 'xxe.xlsx', zip(xlsxParts(sheet))), 'xml-entity', [2]);
  });

  it('DOCTYPE hidden after the first KB is still refused by the parser', () => {
    const pad = `<!--${' '.repeat(8000)}-->`;
    const sheet = sheetXml([['a'], ['1']]).replace('<worksheet', `${pad}<!DOCTYPE worksheet [<!ENTITY x "y">]><worksheet`);
    check('late DOCTYPE', write(dir, 'late-doctype.xlsx', zip(xlsxParts(sheet))), 'xml-entity', [2]);
  });

  it('deeply nested XML (200,000 levels) → xml-nesting', () => {
    const depth = 200_000;
    const sheet = SHEET_HEAD + '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>' + '<x>'.repeat(depth) + '</x>'.repeat(depth) + SHEET_TAIL;
    check('deep nesting', write(dir, 'deep.xlsx', zip(xlsxParts(sheet))), 'xml-nesting', [2]);
  });

  it('a sheet declaring 1,048,576 rows × 16,384 columns → sheet-too-large', () => {
    const sheet = sheetXml([['a', 'b'], ['1', '2']], '<dimension ref="A1:XFD1048576"/>').replace(SHEET_TAIL, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + SHEET_TAIL);
    check('1,048,576 × 16,384 declared', write(dir, 'huge-dim.xlsx', zip(xlsxParts(sheet))), 'sheet-too-large', [2]);
  });

  it('a cell at XFD1048576 without a dimension → too-many-columns', () => {
    const sheet = sheetXml([['kode', 'nilai'], ['1', '2']]).replace(SHEET_TAIL, '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>' + SHEET_TAIL);
    check('cell at XFD1048576 (no dimension)', write(dir, 'far-cell.xlsx', zip(xlsxParts(sheet))), 'too-many-columns', [2]);
  });

  it('zip entry names with ../ → unsafe-path', () => {
    const parts = xlsxParts(sheetXml([['a'], ['1']]));
    parts.push({ name: '../../evil.xml', data: '<x/>' });
    check('zip slip name', write(dir, 'slip.xlsx', zip(parts)), 'unsafe-path', [2]);
  });

  it('formula-like text cells in a workbook are flagged, never executed', () => {
    const sheet = sheetXml([['nama', 'nilai'], ['=HYPERLINK(&quot;http://x&quot;)', '1'], ['@SUM(A1)', '2']]);
    const m = runMeasured(['validate', write(dir, 'formula.xlsx', zip(xlsxParts(sheet))), '--format', 'json', '--fail-on', 'warning']);
    observe('formula text in xlsx', m);
    expect([0, 1]).toContain(m.code);
  });
});

// issue 13.1: every inflated byte is metered, whichever part it belongs to and whatever the zip declares
describe('hostile XLSX: one meter for every part', () => {
  const SST_HEAD = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
  const SI = '<si><t>' + 'x'.repeat(1000) + '</t></si>';
  const MB_OF_SI = SI.repeat(Math.ceil((1024 * 1024) / SI.length));
  const STYLE_HEAD = '<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs>';
  const XF = '<xf numFmtId="0"/>'.repeat(4096);
  const small = sheetXml([['nama', 'nilai'], ['a', '1']]);

  for (const reader of ['lean', 'exceljs']) {
    const env = reader === 'exceljs' ? { SATUDATA_XLSX_READER: 'exceljs' } : {};
    it(`${reader}: sharedStrings.xml inflating to 3 GB behind a central directory declaring 4 KB → zip-bomb, real figures`, () => {
      const raw = repeatedDeflate(SST_HEAD, MB_OF_SI, 3000, '</sst>');
      const file = write(dir, `sst-bomb-${reader}.xlsx`, zip([...xlsxParts(small), { name: 'xl/sharedStrings.xml', raw, declare: 4096 }]));
      const m = check(`${reader}: lying sharedStrings (3 GB real)`, file, 'zip-bomb', [2], [], env);
      const message = m.json!.tables[0]!.issues[0]!.message;
      expect(message).toMatch(/sharedStrings\.xml/);
      expect(message).not.toMatch(/\b0 MB/);
      expect(m.seconds).toBeLessThan(10);
    });

    it(`${reader}: styles.xml inflating to 1 GB behind a lying central directory → zip-bomb`, () => {
      const raw = repeatedDeflate(STYLE_HEAD, XF.repeat(Math.ceil((1024 * 1024) / XF.length)), 1000, '</cellXfs></styleSheet>');
      const file = write(dir, `styles-bomb-${reader}.xlsx`, zip([...xlsxParts(small), { name: 'xl/styles.xml', raw, declare: 2048 }]));
      check(`${reader}: lying styles (1 GB real)`, file, 'zip-bomb', [2], [], env);
    });

    it(`${reader}: a lying sheet before sharedStrings.xml (spooled by exceljs) is stopped at its declared size`, () => {
      const raw = repeatedDeflate(BOMB_HEAD, MB_OF_ROWS, 2000, SHEET_TAIL);
      const sst = SST_HEAD + '<si><t>a</t></si></sst>';
      const parts = xlsxParts({ name: 'xl/worksheets/sheet1.xml', raw, declare: 8192 });
      parts.push({ name: 'xl/sharedStrings.xml', data: sst });
      const spool = tempDir('satudata-spool-');
      try {
        const m = check(`${reader}: lying sheet spooled (2 GB real)`, write(dir, `spool-bomb-${reader}.xlsx`, zip(parts)), 'zip-bomb', [2], [], { ...env, TMPDIR: spool });
        expect(m.seconds).toBeLessThan(10);
      } finally {
        rmSync(spool, { recursive: true, force: true });
      }
    });
  }

  it('a workbook.xml with 70 sheets, or 2 sheets and 70 defined names, is read (closing tags are counted)', () => {
    const wbHead = '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>';
    const many = wbHead + Array.from({ length: 70 }, (_v, i) => `<sheet name="S${i + 1}" sheetId="${i + 1}" r:id="rId${i === 0 ? 1 : 100 + i}"/>`).join('') + '</sheets></workbook>';
    const names = wbHead + '<sheet name="Data" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId9"/></sheets><definedNames>' +
      Array.from({ length: 70 }, (_v, i) => `<definedName name="N${i}">Data!$A$1</definedName>`).join('') + '</definedNames></workbook>';
    for (const [name, wb] of [['70-sheets', many], ['70-names', names]]) {
      const m = runMeasured(['validate', write(dir, `${name}.xlsx`, zip(xlsxParts(small, { 'xl/workbook.xml': wb }))), '--format', 'json']);
      observe(name, m);
      expect(codes(m)).not.toContain('xml-nesting');
      expect([0, 1]).toContain(m.code);
    }
  });
});
