import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { metadataXlsx } from '../../src/portal/manual/metadata-xlsx.js';

describe('Metadata.xlsx of the manual package', () => {
  it('writes user text as neutralised strings: nothing a spreadsheet would run as a formula', async () => {
    const bytes = await metadataXlsx({ judul: '=HYPERLINK("http://evil.example","klik")', lisensi: '=cmd|x', satuan: '-', tautan: 'https://data.ntbprov.go.id' }, 'id', new Date(Date.UTC(2024, 0, 1)), ['Kunci', 'Nilai']);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    const values: unknown[] = [];
    wb.getWorksheet('Metadata')!.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values).toContain(`'=HYPERLINK("http://evil.example","klik")`);
    expect(values).toContain(`'=cmd|x`);
    expect(values).toContain('-');
    expect(values).toContain('https://data.ntbprov.go.id');
    expect(values.some((v) => typeof v === 'string' && /^[=+@]/.test(v))).toBe(false);
    // and the raw sheet XML has no formula element
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).not.toContain('<f>');
  });
});
