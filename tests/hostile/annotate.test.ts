/** `validate --annotate` on hostile workbooks and CSV: streamed with bounded memory, coded refusals instead of
 *  exit 3, formula text of the input neutralised in the copy, nothing half-written. All generated here. */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { runMeasured, SHEET_HEAD, SHEET_TAIL, tempDir, write, xlsxParts, zip, type Measured } from './support.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The documented bound for --annotate (docs/limits.md). */
const RSS_MB = 300;

function expectClean(m: Measured, exits: number[]) {
  expect(exits, m.stderr).toContain(m.code);
  expect(m.stderr).not.toMatch(/\bat .*\.js:\d+|internal-error/);
  if (!Number.isNaN(m.rssMb)) expect(m.rssMb).toBeLessThan(RSS_MB);
  expect(m.seconds).toBeLessThan(20);
}

const inline = (v: string, r = '') => `<c${r} t="inlineStr"><is><t>${v}</t></is></c>`;

async function readBack(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe('--annotate on hostile input', () => {
  it('an XLSX whose cells and rows have no r attribute (valid OOXML) → an annotated copy, not exit 3', async () => {
    const rows = [['kode', 'nama', 'nilai'], ['1', 'Ampenan', '10'], ['2', '=HYPERLINK("http://x")', '20']];
    const sheet = SHEET_HEAD + rows.map((r) => `<row>${r.map((v) => inline(v.replace(/"/g, '&quot;'))).join('')}</row>`).join('') + SHEET_TAIL;
    const file = write(dir, 'no-r.xlsx', zip(xlsxParts(sheet)));
    const out = join(dir, 'no-r.beranotasi.xlsx');
    const m = runMeasured(['validate', file, '--annotate', out, '--format', 'json']);
    expectClean(m, [0, 1]);
    const wb = await readBack(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Masalah', 'Data']);
    expect(wb.getWorksheet('Data')!.getCell('B2').value).toBe('Ampenan');
    // text copied from the input is neutralised as the last step before it is written
    expect(wb.getWorksheet('Data')!.getCell('B3').value).toBe('\'=HYPERLINK("http://x")');
  });

  it('an XLSX with a row number above 1,048,576 → output-error (exit 2, row beyond the Excel limit), no output file', () => {
    const sheet = SHEET_HEAD + `<row r="1">${inline('kode', ' r="A1"')}${inline('nilai', ' r="B1"')}</row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>5</v></c></row><row r="1048577"><c r="A1048577"><v>2</v></c><c r="B1048577"><v>6</v></c></row>` + SHEET_TAIL;
    const file = write(dir, 'too-many-rows.xlsx', zip(xlsxParts(sheet)));
    const out = join(dir, 'too-many-rows.beranotasi.xlsx');
    const m = runMeasured(['validate', file, '--annotate', out, '--format', 'json']);
    expectClean(m, [2]);
    expect(m.stderr).toMatch(/^satudata: \[output-error\] .*1048577.*1\.048\.576/m);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.startsWith('.too-many-rows'))).toEqual([]);
  });

  it('a 10,000-row CSV → streamed copy under the memory bound', async () => {
    const file = join(dir, 'rows.csv');
    let text = 'kode,nama,nilai\n';
    for (let i = 1; i <= 10_000; i++) text += `${i},Kecamatan ${i},${i % 7 === 0 ? 'x' : i}\n`;
    writeFileSync(file, text);
    const out = join(dir, 'rows.beranotasi.xlsx');
    const m = runMeasured(['validate', file, '--annotate', out, '--format', 'json', '--max-errors', '50']);
    expectClean(m, [0, 1]);
    expect(existsSync(out)).toBe(true);
  });

  it('an output name too long → output-error before anything is written', () => {
    const file = write(dir, 'small.csv', 'kode,nama\n1,a\n');
    const out = join(dir, 'n'.repeat(300) + '.xlsx');
    const m = runMeasured(['validate', file, '--annotate', out]);
    expectClean(m, [2]);
    expect(m.stderr).toMatch(/^satudata: \[output-error\] /m);
  });
});

describe('--annotate on a workbook with hostile sheet names', () => {
  it('duplicate (case-insensitive), over-long and forbidden-character sheet names → a copy with names Excel accepts', async () => {
    const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const RNS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const names = ['Data', 'DATA', 'a/b*c?[d]:' + 'x'.repeat(40), 'Masalah'];
    const sheet = (v: string) => SHEET_HEAD + `<row r="1">${inline('kode', ' r="A1"')}${inline('nama', ' r="B1"')}</row><row r="2"><c r="A2"><v>1</v></c>${inline(v, ' r="B2"')}</row>` + SHEET_TAIL;
    const parts = xlsxParts(sheet('satu'), {
      'xl/workbook.xml': `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${NS}" xmlns:r="${RNS}"><sheets>${names.map((n, i) => `<sheet name="${n}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
      'xl/_rels/workbook.xml.rels': `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names.map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}</Relationships>`,
    });
    for (let i = 2; i <= names.length; i++) parts.push({ name: `xl/worksheets/sheet${i}.xml`, data: sheet(`isi ${i}`) });
    const file = write(dir, 'names.xlsx', zip(parts));
    const out = join(dir, 'names.beranotasi.xlsx');
    const m = runMeasured(['validate', file, '--annotate', out, '--format', 'json']);
    expectClean(m, [0, 1]);
    const wb = await readBack(out);
    const got = wb.worksheets.map((w) => w.name);
    expect(got[0]).toBe('Masalah');
    expect(new Set(got.map((n) => n.toLowerCase())).size).toBe(got.length);
    expect(got.every((n) => n.length <= 31 && !/[:\\/?*[\]]/.test(n))).toBe(true);
  });
});
