/** fix and the producer's jurisdiction: rows outside the cakupan are reported and left out (logged), or kept on request. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { insideJurisdiction } from '../../src/check/reference.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-cakupan-'));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const DATA = [
  'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah',
  '52.01.01,Gerung,2023,1,1,2',
  '52.01.02,Kediri,2023,1,1,2',
  '52.02.01,Praya,2023,1,1,2',
].join('\n') + '\n';
const STD = ['--standard', 'penduduk-jenis-kelamin-kecamatan'];

describe('fix --cakupan', () => {
  it('the prefix rule: the area, areas within it and areas containing it are inside', () => {
    expect(insideJurisdiction('52.01.02', '52.01')).toBe(true);
    expect(insideJurisdiction('52', '52.01')).toBe(true);
    expect(insideJurisdiction('52.02.01', '52.01')).toBe(false);
    expect(insideJurisdiction('52.010', '52.01')).toBe(false);
  });

  it('leaves a row outside the cakupan out of the tidy output, with a change-log line naming the code', () => {
    const file = write('luar.csv', DATA);
    const out = join(dir, 'luar.rapi.csv');
    const r = runCli(['fix', file, ...STD, '--cakupan', '52.01', '--out', out, '--lang', 'en']);
    expect(r.stdout).toContain('1 rows outside the cakupan 52.01 were left out');
    const tidy = readFileSync(out, 'utf8');
    expect(tidy).toContain('52.01.02');
    expect(tidy).not.toContain('Praya');
    expect(readFileSync(out + '.perubahan.csv', 'utf8')).toMatch(/A4,drop-outside-jurisdiction,"?52\.02\.01 \| Praya[^\n]*52\.02\.01 ∉ 52\.01/);
  });

  it('--keep-outside keeps the row and says so', () => {
    const file = write('tetap.csv', DATA);
    const out = join(dir, 'tetap.rapi.csv');
    const r = runCli(['fix', file, ...STD, '--cakupan', '52.01', '--keep-outside', '--out', out]);
    expect(r.stdout).toContain('1 baris di luar wilayah cakupan 52.01 tetap ditulis');
    expect(readFileSync(out, 'utf8')).toContain('52.02.01,Praya');
    expect(readFileSync(out + '.perubahan.csv', 'utf8')).not.toContain('drop-outside-jurisdiction');
  });

  it('without --cakupan the metadata beside the data gives the jurisdiction', () => {
    const file = write('meta.csv', DATA);
    write('meta.metadata.json', JSON.stringify({ judul: 'Penduduk Lombok Barat', cakupan: '52.01', tingkat_penyajian: 'kecamatan' }));
    const out = join(dir, 'meta.rapi.csv');
    const r = runCli(['fix', file, ...STD, '--out', out, '--format', 'json']);
    const j = JSON.parse(r.stdout);
    expect(j.jurisdiction).toEqual({ code: '52.01', kept: 0 });
    expect(j.changes.filter((c: { rule: string }) => c.rule === 'drop-outside-jurisdiction').map((c: { cell: string }) => c.cell)).toEqual(['A4']);
    expect(readFileSync(out, 'utf8')).not.toContain('Praya');
  });

  it('without a cakupan nothing is left out', () => {
    const file = write('bebas.csv', DATA);
    const out = join(dir, 'bebas.rapi.csv');
    runCli(['fix', file, ...STD, '--out', out]);
    expect(readFileSync(out, 'utf8')).toContain('Praya');
  });
});

describe('fix summary: columns with values that map to no field', () => {
  it('lists each such column with its count of values (pretty and json); empty unmapped columns are not listed', () => {
    const file = write('ekstra.csv', [
      'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah,Keterangan,Kosong',
      '52.01.01,Gerung,2023,1,1,2,data sementara,',
      '52.01.02,Kediri,2023,1,1,2,,',
      '52.01.03,Narmada,2023,1,1,2,revisi,',
    ].join('\n') + '\n');
    const out = join(dir, 'ekstra.rapi.csv');
    const r = runCli(['fix', file, ...STD, '--out', out, '--lang', 'en']);
    expect(r.stdout).toContain('1 columns hold values but map to no field of the standard');
    expect(r.stdout).toContain('G "Keterangan": 2 values');
    expect(r.stdout).not.toContain('"Kosong"');
    const j = JSON.parse(runCli(['fix', file, ...STD, '--out', out, '--format', 'json']).stdout);
    expect(j.unmappedColumns).toEqual([{ column: 'G', label: 'Keterangan', values: 2 }]);
  });
});

describe('fix and a column of BPS codes', () => {
  it('looks the Kemendagri code up by the name (old and new code in the change log); a name with no clear match is refused', () => {
    const file = write('bps.csv', [
      'kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah',
      '5201010,Sekotong,2023,1,1,2',
      '5201020,Gerung,2023,1,1,2',
      '5201030,Tidak Dikenal,2023,1,1,2',
    ].join('\n') + '\n');
    const out = join(dir, 'bps.rapi.csv');
    const j = JSON.parse(runCli(['fix', file, ...STD, '--out', out, '--format', 'json']).stdout);
    const looked = j.changes.filter((c: { rule: string }) => c.rule === 'code-from-bps-name');
    expect(looked).toEqual([
      { cell: 'A2', rule: 'code-from-bps-name', old: '5201010', new: '52.01.07' },
      { cell: 'A3', rule: 'code-from-bps-name', old: '5201020', new: '52.01.01' },
    ]);
    const refused = j.problems.filter((p: { cell?: string }) => p.cell === 'A4');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ code: 'fix-ambiguous', value: '5201030' });
    const tidy = readFileSync(out, 'utf8');
    expect(tidy).toContain('52.01.07,Sekotong');
    expect(tidy).not.toContain('52.01.01.0');
  });
});
