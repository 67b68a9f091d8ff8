/** Formula neutralisation is the last step before a cell is written, through the CLI: a control character in
 *  front of a formula (stripped for XML) cannot uncover it, and a title given to init is neutralised too. */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ROOT } from '../support/cli.js';
import { runMeasured, tempDir, write } from './support.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cells(path: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const out: string[] = [];
  for (const ws of wb.worksheets) ws.eachRow((row) => row.eachCell((c) => out.push(String(c.value))));
  return out;
}

describe('formula text in XLSX outputs', () => {
  it('validate --annotate: "\\x01=1+1" in a CSV is written as \'=1+1, never =1+1', async () => {
    const file = write(dir, 'ctl.csv', 'kode,nama\n1,"\u0001=1+1"\n2,"\u0008@SUM(A1)"\n');
    const out = join(dir, 'ctl.beranotasi.xlsx');
    const m = runMeasured(['validate', file, '--annotate', out, '--format', 'json']);
    expect([0, 1], m.stderr).toContain(m.code);
    const all = await cells(out);
    expect(all).toContain("'=1+1");
    expect(all).toContain("'@SUM(A1)");
    expect(all.filter((v) => /^[=+@]/.test(v))).toEqual([]);
  });

  it('init --sheet-out: a title "\\x01=cmd|\' /C calc\'!A0" is written neutralised', async () => {
    const out = join(dir, 'meta.xlsx');
    const m = runMeasured(['init', '--yes', '--standard', 'penduduk-jenis-kelamin-kecamatan', '--opd', 'BAPPEDA', '--periode-awal', '2023', '--periode-akhir', '2023', '--cakupan', '52.01',
      '--judul', "\u0001=cmd|' /C calc'!A0", '--sheet-out', out, join(ROOT, 'fixtures/csv/penduduk-kecamatan.csv')]);
    expect(m.code, m.stderr).toBe(0);
    const all = await cells(out);
    expect(all).toContain("'=cmd|' /C calc'!A0");
    expect(all.filter((v) => /^[=+@]/.test(v))).toEqual([]);
  });
});
