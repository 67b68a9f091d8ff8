import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import { validateFile } from '../../src/check/validate-file.js';
import { checkSchema } from '../../src/standards/schema.js';
import type { TableReport } from '../../src/report/issue.js';

/**
 * Column inference for workbook cells: a numeric cell is a real number (its text is `String(value)`, the "."
 * a decimal point), so 74.71 makes a `number` column with no number style; only text cells carry a style
 * and the Indonesian thousand-dot question.
 */

const dir = mkdtempSync(join(tmpdir(), 'satudata-profile-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Cell = string | number;

/** Real numbers with fractions (308.4 is the Mojokerto land-use case; 1.234 looks like a thousand-dot text), integers, numbers typed as text. */
const PLAIN: Cell[][] = [
  ['kelurahan', 'luas', 'rasio', 'penduduk', 'teks'],
  ['Balongsari', 74.71, 1.234, 1234, '1.234'],
  ['Gedongan', 61.33, 2.5, 2500, '2.500'],
  ['Kedundung', 308.4, 12.345, 12345, '12.345'],
];

/** A text column with a decimal comma proves the Indonesian locale for the file; the numeric column must prove nothing. */
const LOCALE: Cell[][] = [
  ['kelurahan', 'luas', 'nilai teks', 'teks'],
  ['Balongsari', 74.71, '1.234,5', '1.234'],
  ['Gedongan', 61.33, '61,33', '2.500'],
  ['Kedundung', 308.4, '2,5', '12.345'],
];

let n = 0;
async function writeXlsx(rows: Cell[][]): Promise<string> {
  const path = join(dir, `t${n++}.xlsx`);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Data');
  for (const r of rows) ws.addRow(r);
  await wb.xlsx.writeFile(path);
  return path;
}

async function writeXls(rows: Cell[][]): Promise<string> {
  const path = join(dir, `t${n++}.xls`);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), 'Data');
  writeFileSync(path, XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer);
  return path;
}

async function validate(path: string, schema?: unknown): Promise<TableReport> {
  const [r] = await validateFile(path, {
    maxErrors: 1000,
    metadata: false,
    autoStandard: false,
    ...(schema ? { schema: await checkSchema(schema, 'test') } : {}),
  });
  return r!;
}

const inferred = (r: TableReport) => Object.fromEntries((r.columns ?? []).map((c) => [c.label, [c.type, c.numberStyle ?? '']]));
const codesIn = (r: TableReport, letter: string) => r.issues.filter((i) => i.cell?.startsWith(letter)).map((i) => `${i.code}@${i.cell}`);

describe.each([
  ['xlsx (exceljs)', writeXlsx],
  ['xls (SheetJS BIFF8)', writeXls],
])('column inference of workbook cells, %s', (_name, write) => {
  it('infers decimal numeric cells as number, integers as integer, and leaves text numbers as they were', async () => {
    const r = await validate(await write(PLAIN));
    expect(inferred(r)).toEqual({
      kelurahan: ['string', ''],
      luas: ['number', ''],
      rasio: ['number', ''],
      penduduk: ['integer', ''],
      teks: ['integer', 'id'],
    });
    // a real 1.234 is never a thousand-dot question; the same text typed as text is, settled once for the
    // column by its evidence (2.500 keeps trailing zeros: thousands)
    for (const letter of ['B', 'C', 'D']) expect(codesIn(r, letter)).toEqual([]);
    expect(codesIn(r, 'E')).toEqual(['number-style@E1', 'number-as-text@E2']);
  });

  it('numeric cells give no number-style evidence: the Indonesian text column still settles the file locale', async () => {
    const r = await validate(await write(LOCALE));
    expect(inferred(r)).toEqual({
      kelurahan: ['string', ''],
      luas: ['number', ''],
      'nilai teks': ['number', 'id'],
      teks: ['integer', 'id'],
    });
    expect(r.issues.filter((i) => i.code === 'ambiguous-number')).toEqual([]);
  });

  it('a schema number field accepts the decimal cells and an integer field reports them as type errors', async () => {
    const path = await write(PLAIN);
    const fields = (luas: string) => [
      { name: 'kelurahan', type: 'string' },
      { name: 'luas', type: luas },
      { name: 'rasio', type: 'number' },
      { name: 'penduduk', type: 'integer' },
      { name: 'teks', type: 'string' },
    ];
    const ok = await validate(path, { fields: fields('number') });
    expect(ok.issues.filter((i) => i.severity === 'error')).toEqual([]);

    const bad = await validate(path, { fields: fields('integer') });
    const errors = bad.issues.filter((i) => i.severity === 'error');
    expect(errors.map((i) => `${i.code}@${i.cell}`)).toEqual(['type-error@B2', 'type-error@B3', 'type-error@B4']);
    expect(errors[0]!.value).toBe('74.71');
  });
});

describe('the same values as CSV text', () => {
  it('carry a number style, which numeric workbook cells do not', async () => {
    const path = join(dir, 'plain.csv');
    writeFileSync(path, PLAIN.map((r) => r.join(',')).join('\n') + '\n');
    const r = await validate(path);
    expect(inferred(r)).toMatchObject({ luas: ['number', 'en'], penduduk: ['integer', ''], teks: ['integer', 'id'] });
  });
});

describe('region codes written as text', () => {
  it('are no "number stored as text" (a code is an identifier); a count written as text still is', async () => {
    const path = join(dir, 'kode-teks.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Data');
    ws.addRow(['kode_desa', 'nama_desa', 'posyandu']);
    ws.addRow(['5201012001', 'Gerung Selatan', '12']);
    ws.addRow(['5201012002', 'Gerung Utara', 10]);
    ws.addRow(['5201012003', 'Dasan Geria', 8]);
    await wb.xlsx.writeFile(path);
    const [r] = await validateFile(path, { maxErrors: 100, metadata: false });
    expect(r!.issues.filter((i) => i.code === 'number-as-text').map((i) => i.cell)).toEqual(['C2']);
  });
});
