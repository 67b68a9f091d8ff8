/** BPS region codes are reported once per column, with the count of cells: an error with a standard, a warning without. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../src/check/validate-file.js';
import { standardById } from '../../src/standards/resolve.js';
import { renderIssue } from '../../src/report/render.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-bps-'));
const file = join(dir, 'bps.csv');
writeFileSync(file, [
  'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah',
  '5201010,Sekotong,2023,1,1,2',
  '5201011,Lembar,2023,1,1,2',
  '5201020,Gerung,2023,1,1,2',
  '5201030,Kediri,2023,1,1,2',
].join('\n') + '\n');

describe('bps-code once per column', () => {
  it('with a standard: one error for the column, counting its four cells', async () => {
    const [r] = await validateFile(file, { dataStandard: await standardById('penduduk-jenis-kelamin-kecamatan'), maxErrors: 1000, metadata: false });
    const bps = r!.issues.filter((i) => i.code === 'bps-code');
    expect(bps).toHaveLength(1);
    expect(bps[0]).toMatchObject({ severity: 'error', cell: 'A2', params: { code: '5201010', count: 4 } });
    expect(renderIssue(bps[0]!, 'en').message).toBe('This column holds 4 codes that look like BPS region codes, not Kemendagri codes (e.g. "5201010"; undotted codes not in the Kemendagri list, shaped like BPS codes).');
  });

  it('without a standard: one warning for the column, at its first BPS code', async () => {
    const [r] = await validateFile(file, { maxErrors: 1000, metadata: false });
    const bps = r!.issues.filter((i) => i.code === 'bps-code');
    expect(bps).toHaveLength(1);
    expect(bps[0]).toMatchObject({ severity: 'warning', col: 1, cell: 'A2', params: { code: '5201010', count: 4 } });
  });

  it('without a standard: the count is every BPS code of the column, not only the rows sampled for the reading', async () => {
    const big = join(dir, 'bps-big.csv');
    const rows = ['kode,nama_kecamatan,jumlah'];
    for (let i = 0; i < 2500; i++) rows.push(`${5201010 + (i % 90) * 10},Kecamatan ${i},${i}`);
    writeFileSync(big, rows.join('\n') + '\n');
    const [r] = await validateFile(big, { maxErrors: 1000, metadata: false });
    const bps = r!.issues.filter((i) => i.code === 'bps-code');
    expect(bps).toHaveLength(1);
    expect(bps[0]!.params).toMatchObject({ count: 2500 });
  });

  it('without a standard: a column its own label calls BPS (kode_bps) is not a defect', async () => {
    const labelled = join(dir, 'bps-labelled.csv');
    writeFileSync(labelled, ['kode_bps,kode_kemendagri,nama_kecamatan', '5201010,52.01.01,Gerung', '5201020,52.01.02,Kediri', '5201030,52.01.03,Narmada'].join('\n') + '\n');
    const [r] = await validateFile(labelled, { maxErrors: 1000, metadata: false });
    expect(r!.issues.filter((i) => i.code === 'bps-code')).toEqual([]);
  });
});
