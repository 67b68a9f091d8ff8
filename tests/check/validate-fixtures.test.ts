import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { validateFile as validateAll } from '../../src/check/validate-file.js';

const validateFile = async (path: string, opts: Parameters<typeof validateAll>[1]) => (await validateAll(path, opts)) as [Awaited<ReturnType<typeof validateAll>>[number]];
import { loadSchemaFile } from '../../src/standards/schema.js';

const fx = (p: string) => fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url));
const pairs = (issues: { code: string; cell?: string }[]) => issues.map((i) => `${i.code}@${i.cell ?? ''}`);

describe('validate on the bundled fixtures', () => {
  it('passes the tidy fixture against its schema with no issue at all', async () => {
    const schema = await loadSchemaFile(fx('schemas/penduduk-kecamatan.schema.json'));
    const [r] = await validateFile(fx('csv/penduduk-kecamatan.csv'), { schema, maxErrors: 1000 });
    expect(r.valid).toBe(true);
    expect(r.issues).toEqual([]);
    expect(r.stats.dataRows).toBe(20);
    expect(r.stats.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('finds each planted error at its cell', async () => {
    const schema = await loadSchemaFile(fx('schemas/penduduk-kecamatan.schema.json'));
    const [r] = await validateFile(fx('csv/penduduk-kecamatan-errors.csv'), { schema, maxErrors: 1000 });
    expect(r.valid).toBe(false);
    expect(pairs(r.issues)).toEqual([
      'incorrect-label@A1',
      'extra-label@G1',
      'type-error@D3',
      // "-" in a required count column: a missing marker (once for the column) and a missing required value
      'constraint-error@E4',
      'missing-marker@E4',
      'constraint-error@A5',
      'type-error@C6',
      'constraint-error@F7',
      'constraint-error@B8',
      'primary-key@A9',
      'primary-key@A12',
      'extra-cell@H12',
      'missing-cell@E13',
    ]);
    const byCell = Object.fromEntries(r.issues.map((i) => [i.cell, i]));
    expect(byCell.D3!.params).toMatchObject({ typeHint: '@hint.t.integer-decimal' });
    expect(r.issues.find((i) => i.code === 'missing-marker')!.params).toMatchObject({ value: '-', count: 1 });
    expect(byCell.C6!.params).toMatchObject({ typeHint: '@hint.t.float-code' });
    expect(byCell.A5!.params).toMatchObject({ constraint: 'pattern' });
    expect(byCell.A9!.params).toMatchObject({ first: 2 });
  });

  it('reads the messy OPD export: cp1252, ";", title rows, two-row header, totals, notes, signature', async () => {
    const [r] = await validateFile(fx('csv/penduduk-kecamatan-messy.csv'), { maxErrors: 1000 });
    expect(pairs(r.issues)).toEqual([
      'encoding-cp1252@', 'csv-delimiter@',
      'title-row@C1', 'title-row@C2', 'multirow-header@A4',
      // how each numeric column is written: once per column, at its header cell
      'number-style@C5', 'wide-layout@C5', 'number-style@D5', 'number-style@E5', 'unit-in-header@E5', 'number-style@F5',
      'code-glued-to-name@B9', 'missing-marker@D14', 'total-row@B16', 'blank-row@',
      'footnote-row@A18', 'footnote-row@A19', 'signature-block@E20', 'signature-block@E22',
    ]);
    expect(r.layout).toMatchObject({ headerRows: [4, 5], titleRows: [1, 2], dataRows: { first: 6, last: 15 }, totalRows: [16] });
    expect(r.labels).toEqual(['No', 'Kecamatan', 'Jenis Kelamin Laki-laki', 'Jenis Kelamin Perempuan', 'Jumlah (Jiwa)', 'Rasio Jenis Kelamin']);
    expect(r.issues.find((i) => i.code === 'footnote-row' && i.row === 19)!.params!.text).toContain('–');
    expect(r.columns!.map((c) => c.type)).toEqual(['code', 'string', 'integer', 'integer', 'integer', 'number']);
    expect(r.interpretation!.columns.map((c) => c.number?.style ?? '')).toEqual(['plain', '', 'thousand-dots', 'thousand-dots', 'thousand-dots', 'decimal-comma']);
    expect(r.interpretation!.constants).toMatchObject([{ kind: 'tahun', value: '2023', row: 2 }, { kind: 'wilayah', value: '52.01', row: 2 }, { kind: 'satuan', value: 'Jiwa' }]);
  });
});
