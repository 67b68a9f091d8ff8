/**
 * When the standard's fields cannot be taken from the file's columns, fix says so (`fix-unmapped-fields`, naming
 * the fields it could not find and the file's columns), counts it as unresolved, and never writes rows of empty
 * cells as data. Fixtures are built here, shaped like the BPS exports that first showed the defect.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFixFile } from '../../src/fix/run.js';
import { renderIssue } from '../../src/report/render.js';
import { standardById } from '../../src/standards/resolve.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-unmapped-'));
let n = 0;

async function fix(text: string, std: string, opts = {}) {
  const input = join(dir, `in-${++n}.csv`);
  writeFileSync(input, text);
  const out = join(dir, `out-${n}.csv`);
  const r = await runFixFile(input, await standardById(std), out, opts);
  return { r, data: readFileSync(out, 'utf8'), log: readFileSync(r.changeLog, 'utf8') };
}

const unmapped = (r: Awaited<ReturnType<typeof fix>>['r']) => r.plan.problems.filter((p) => p.code === 'fix-unmapped-fields');

/** A BPS "Provinsi dan Daerah" export: provinces × urban/rural × semester, nothing a kab/kota standard names. */
const BPS_WIDE = [
  '\uFEFF38 Provinsi,,,',
  ',Garis Kemiskinan Makanan (Rupiah/Kapita/Bulan) Menurut Provinsi dan Daerah,,',
  ',Perkotaan,,Perdesaan',
  ',2023,,2023',
  ',Semester 1 (Maret),Semester 2 (September),Semester 1 (Maret)',
  'ACEH,489121,-,469272',
  'SUMATERA UTARA,468660,-,447262',
  'NUSA TENGGARA BARAT,452170,-,433066',
  'INDONESIA,415588,-,399460',
].join('\r\n');

describe('fix: standard fields the file does not have', () => {
  it('a file whose columns map to no field: the problem names every field and the columns, no blank rows are written, output invalid', async () => {
    const { r, data } = await fix(BPS_WIDE, 'garis-kemiskinan-kabupaten-kota');
    const [p, ...more] = unmapped(r);
    expect(more).toEqual([]);
    expect(p!.params?.fields).toBe('kode_wilayah, nama_kabupaten_kota, tahun, garis_kemiskinan_makanan, garis_kemiskinan_bukan_makanan, garis_kemiskinan');
    expect(String(p!.params?.labels)).toContain('"38 Provinsi"');
    expect(String(p!.params?.labels)).toContain('Perdesaan 2023 Semester 1 (Maret)"');
    const id = renderIssue(p!, 'id').message;
    expect(id).toMatch(/^Berkas tidak memuat kolom standar kode_wilayah, nama_kabupaten_kota, tahun, /);
    expect(id).toContain('Tidak satu pun kolom berkas cocok dengan standar');
    expect(renderIssue(p!, 'en').message).toContain("the file's columns: \"38 Provinsi\"");
    // no tidy rows (before: one ",,,,," line per province)
    expect(r.plan.rows).toEqual([]);
    expect(data).toBe('kode_wilayah,nama_kabupaten_kota,tahun,garis_kemiskinan_makanan,garis_kemiskinan_bukan_makanan,garis_kemiskinan\n');
    expect(r.valid).toBe(false);
    expect(r.check.issues.map((i) => i.code)).toContain('empty-data');
  });

  it('values given by --set alone are not data: no rows of constants', async () => {
    const { r, data } = await fix('Bulan,Kelahiran,Kematian\nJanuari,10,3\nFebruari,12,4\n', 'penduduk-jenis-kelamin-kecamatan', { set: { tahun: '2023' } });
    expect(unmapped(r).map((p) => p.params?.fields)).toEqual(['kode_wilayah, nama_kecamatan, laki_laki, perempuan, jumlah']);
    expect(unmapped(r)[0]!.params?.labels).toBe('"Bulan", "Kelahiran", "Kematian"');
    expect(r.plan.rows).toEqual([]);
    expect(data.trim().split('\n')).toHaveLength(1);
    expect(r.valid).toBe(false);
  });

  it('one required field missing: named alone, the rows that do map are still written, output invalid', async () => {
    const { r, data } = await fix('kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan\n52.01.01,Gerung,2023,100,110\n52.01.02,Kediri,2023,90,95\n', 'penduduk-jenis-kelamin-kecamatan');
    expect(unmapped(r).map((p) => [p.params?.fields, p.params?.note])).toEqual([['jumlah', '']]);
    expect(data.split('\n')[1]).toBe('52.01.01,Gerung,2023,100,110,');
    expect(r.plan.rows).toHaveLength(2);
    expect(r.valid).toBe(false);
  });

  it('fields filled another way are not missing: a region code from its name, a year from --set', async () => {
    const { r } = await fix('Kecamatan,Laki-laki,Perempuan,Jumlah\nGerung,100,110,210\nSekotong,90,95,185\n', 'penduduk-jenis-kelamin-kecamatan', { set: { tahun: '2023' }, cakupan: '52.01' });
    expect(unmapped(r)).toEqual([]);
    expect(r.plan.rows.map((x) => x.slice(0, 3))).toEqual([['52.01.01', 'Gerung', '2023'], ['52.01.07', 'Sekotong', '2023']]);
    expect(r.valid).toBe(true);
  });

  it('a data row whose mapped cells are all empty is dropped and logged, not written as an empty row', async () => {
    const { r, data, log } = await fix('kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah,keterangan\n52.01.01,Gerung,2023,100,110,210,\n-,-,-,-,-,-,belum dilaporkan\n52.01.02,Kediri,2023,90,95,185,\n', 'penduduk-jenis-kelamin-kecamatan');
    expect(data).toBe('kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah\n52.01.01,Gerung,2023,100,110,210\n52.01.02,Kediri,2023,90,95,185\n');
    expect(log).toContain("A3,drop-blank-row,'- | - | - | - | - | - | belum dilaporkan,");
    expect(r.plan.problems).toEqual([]);
    expect(r.valid).toBe(true);
  });
});
