import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'satudata-regnames-'));
const issues = (args: string[]) => {
  const r = runCli(['validate', '--format', 'json', ...args]);
  return (JSON.parse(r.stdout).tables[0].issues as { type: string; cell?: string; params?: Record<string, string> }[]).map((i) => ({ code: i.type, cell: i.cell, params: i.params }));
};

describe('region names in validate', () => {
  it('a bare "Bima" with the kabupaten code follows the BPS convention; with the kota code it does not', () => {
    const f = join(tmp, 'bima.csv');
    writeFileSync(f, 'kode_wilayah,nama_kabupaten_kota,tahun,umur_harapan_hidup,harapan_lama_sekolah,rata_rata_lama_sekolah,pengeluaran_per_kapita,ipm\n52.06,Bima,2023,67.1,13.62,7.35,10950,69.06\n52.72,Bima,2023,67.3,13.75,6.83,10030,67.79\n');
    const got = issues([f, '--standard', 'ipm-kabupaten-kota']).filter((i) => /name/.test(i.code));
    expect(got).toEqual([expect.objectContaining({ code: 'name-mismatch', cell: 'B3' })]);
    // the report names the edition the codes were checked against
    const json = JSON.parse(runCli(['validate', '--format', 'json', f, '--standard', 'ipm-kabupaten-kota']).stdout);
    expect(json.tables[0].references).toEqual({ wilayah: 'kepmendagri-300.2.2-2138-2025' });
    expect(runCli(['validate', f, '--standard', 'ipm-kabupaten-kota', '--lang', 'en']).stdout).toContain('Region codes checked against edition Kepmendagri 300.2.2-2138/2025');
  });

  it('names without codes: spelled differently, or unknown with the three closest names in the cakupan', () => {
    const f = join(tmp, 'nama.csv');
    writeFileSync(f, 'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah\n,Gerung,2023,1,1,2\n,Kediri,2023,1,1,2\n,Gerungg,2023,1,1,2\n');
    const got = issues([f, '--standard', 'penduduk-jenis-kelamin-kecamatan']).filter((i) => /region/.test(i.code));
    expect(got).toEqual([{ code: 'unknown-region-name', cell: 'B4', params: expect.objectContaining({ closest: expect.stringMatching(/^Gerung \(52\.01\.01\), /) }) }]);
  });
});
