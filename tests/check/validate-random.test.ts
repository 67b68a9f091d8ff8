import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../src/check/validate-file.js';
import { standardById } from '../../src/standards/resolve.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-random-'));
const cell = fc.oneof(
  fc.constantFrom('', ' ', 'x', '-', '...', 'Jumlah', 'Sumber: BPS', 'NIP. 197001011995031002', '52.01', '5201.0', '1.234', '4,5', 'Rp 1.000', 'ACEH', '2023', '<i>a</i>', '"q"'),
  fc.integer({ min: -5, max: 100000 }).map(String),
  fc.string({ maxLength: 6 }),
);
const table = fc.array(fc.array(cell, { minLength: 0, maxLength: 7 }), { minLength: 0, maxLength: 12 });
const toCsv = (rows: string[][], d: string) => rows.map((r) => r.map((c) => (/[",;\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(d)).join('\n');

let n = 0;
describe('validate never fails on odd tables', () => {
  it('reports (and never throws) for random small tables, with and without a standard', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    await fc.assert(
      fc.asyncProperty(table, fc.constantFrom(',', ';'), fc.boolean(), async (rows, d, withStd) => {
        const path = join(dir, `r${n++}.csv`);
        writeFileSync(path, toCsv(rows, d));
        const reports = await validateFile(path, { maxErrors: 100, metadata: false, ...(withStd ? { dataStandard: std } : { autoStandard: false }) });
        expect(reports).toHaveLength(1);
        expect(typeof reports[0]!.valid).toBe('boolean');
      }),
      { numRuns: 150 },
    );
  });
});
