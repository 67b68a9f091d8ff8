/** Init answers → metadata with the standard's defaults, checked by the metadata schema (ajv). */
import { describe, expect, it } from 'vitest';
import { buildMetadata, missingFlags, opdEntry } from '../../src/init/answers.js';
import { periodsInOrder, validateKey } from '../../src/init/validate.js';
import { checkMetadata } from '../../src/standards/metadata-load.js';
import { standardById } from '../../src/standards/resolve.js';

describe('init answers', () => {
  it('builds valid metadata from the five required answers and the standard', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const m = buildMetadata(std, { standard: std.info.id, opd: opdEntry('DINKES')!.kode, periodeAwal: '2023', periodeAkhir: '2023', cakupan: '52.01' });
    expect(await checkMetadata(m, 't')).toEqual([]);
    expect(m.judul).toBe('Jumlah Penduduk Menurut Jenis Kelamin per Kecamatan — Kabupaten Lombok Barat — 2023');
    expect(m.konsep).toBe(std.info.konsep);
    expect(m.satuan).toBe('jiwa');
    expect(m.tingkat_penyajian).toBe('kecamatan');
    expect(m.frekuensi).toBe('tahunan');
    expect(m.kode_urusan).toBe('2.12');
    expect(m.produsen).toEqual({ kode: '1.02.0.00.0.00.02.0000', nama: 'Dinas Kesehatan' });
    expect(m.sumber).toBe('Dinas Kesehatan');
    expect(m.standar).toBe('penduduk-jenis-kelamin-kecamatan');
  });

  it('lists the flags that have no default', () => {
    expect(missingFlags({ standard: 'x' })).toEqual(['--opd', '--periode-awal', '--periode-akhir', '--cakupan']);
    expect(missingFlags({ standard: 'x', opd: 'y', periodeAwal: '2023', periodeAkhir: '2023', cakupan: '52' })).toEqual([]);
  });

  it('validates each answer as typed, with a message in the language', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const draft = (over: object) => buildMetadata(std, { opd: 'x', periodeAwal: '2023', periodeAkhir: '2023', cakupan: '52', ...over }) as unknown as Record<string, unknown>;
    expect(await validateKey(draft({ periodeAwal: '2023' }), 'periode_awal', 'id')).toBe(true);
    expect(await validateKey(draft({ periodeAwal: 'Triwulan I' }), 'periode_awal', 'id')).toMatch(/^"periode_awal" bentuknya tidak sesuai/);
    expect(await validateKey(draft({ cakupan: '5201' }), 'cakupan', 'en')).toMatch(/^"cakupan" must look like 01: two digits, optionally followed by a dot, two digits/);
    expect(await validateKey(draft({ kontak: 'bukan-email' }), 'kontak', 'id')).toMatch(/kontak/);
  });

  it('refuses what the schema cannot state: a first period after the last, a coverage code that is no Kemendagri region', async () => {
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const draft = (over: object) => buildMetadata(std, { opd: 'x', periodeAwal: '2023', periodeAkhir: '2023', cakupan: '52', ...over }) as unknown as Record<string, unknown>;
    const reversed = draft({ periodeAwal: '2024', periodeAkhir: '2020' });
    expect(await validateKey(reversed, 'periode_akhir', 'id')).toBe('Periode awal 2024 sesudah periode akhir 2020 (awal harus sama dengan atau sebelum akhir).');
    expect(await validateKey(reversed, 'periode_awal', 'en')).toBe('The first period 2024 is after the last period 2020 (the first must be the same as or before the last).');
    expect(await validateKey(draft({ periodeAwal: '2020', periodeAkhir: '2024' }), 'periode_akhir', 'id')).toBe(true);
    expect(await validateKey(draft({ cakupan: '99.99' }), 'cakupan', 'id')).toMatch(/^Kode wilayah 99\.99 tidak ada di kode referensi Kemendagri/);
    expect(await validateKey(draft({ cakupan: '52.01' }), 'cakupan', 'id')).toBe(true);
    expect(await validateKey(draft({ cakupan: '52.01.01' }), 'cakupan', 'id')).toBe(true);
    // the schema's own message still comes first for a value of the wrong form
    expect(await validateKey(draft({ cakupan: '5201' }), 'cakupan', 'en')).toMatch(/^"cakupan" must look like 01: two digits, optionally followed by a dot, two digits/);
  });

  it('orders periods of any form by the months they cover', () => {
    expect(periodsInOrder('2023', '2023')).toBe(true);
    expect(periodsInOrder('2023-Q1', '2023')).toBe(true);
    expect(periodsInOrder('2023-06', '2023-S2')).toBe(true);
    expect(periodsInOrder('2022-12', '2023-01')).toBe(true);
    expect(periodsInOrder('2024', '2020')).toBe(false);
    expect(periodsInOrder('2023-Q3', '2023-Q2')).toBe(false);
    expect(periodsInOrder('2023-S2', '2023-06')).toBe(false);
    expect(periodsInOrder('2023', '2023-01')).toBe(false);
    // not a period (yet): left to the schema's pattern check
    expect(periodsInOrder('Triwulan I', '2020')).toBe(true);
  });
});
