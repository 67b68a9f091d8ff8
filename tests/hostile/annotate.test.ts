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
