/** Init answers → metadata with the standard's defaults, checked by the metadata schema (ajv). */
import { describe, expect, it } from 'vitest';
import { buildMetadata, missingFlags, opdEntry } from '../../src/init/answers.js';
import { validateKey } from '../../src/init/validate.js';
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
    expect(await validateKey(draft({ periodeAwal: 'Triwulan I' }), 'periode_awal', 'id')).toMatch(/^Bentuk "periode_awal" tidak sesuai/);
    expect(await validateKey(draft({ cakupan: '5201' }), 'cakupan', 'en')).toMatch(/^"cakupan" has the wrong form/);
    expect(await validateKey(draft({ kontak: 'bukan-email' }), 'kontak', 'id')).toMatch(/kontak/);
  });
});
