import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { childrenOf, findByName, looksLikeBps, normaliseCode, region, REGION_EDITION, searchRegions } from '../../src/standards/regions.js';

describe('Kemendagri region codes (standards/codes/wilayah, Kepmendagri 300.2.2-2138/2025)', () => {
  it('looks codes up at every level, with their parents', () => {
    expect(region('52')?.name).toBe('Nusa Tenggara Barat');
    expect(region('52.72')).toMatchObject({ name: 'Kota Bima', level: 'kabupaten_kota', parent: '52' });
    expect(region('52.01.07')).toMatchObject({ name: 'Sekotong', level: 'kecamatan', parent: '52.01' });
    expect(region('52.71.01.1004')).toMatchObject({ name: 'Ampenan Selatan', level: 'desa_kelurahan', parent: '52.71.01' });
    expect(region('52.99')).toBeUndefined();
    expect(REGION_EDITION).toBe('kepmendagri-300.2.2-2138-2025');
  });

  it('knows the NTB counts of the edition', () => {
    expect(childrenOf('52', 'kabupaten_kota')).toHaveLength(10);
    expect(childrenOf('52.01', 'kecamatan')).toHaveLength(10);
    expect(childrenOf('52', 'desa_kelurahan')).toHaveLength(1166);
  });

  it('reads code variants and recognises BPS codes', () => {
    expect(normaliseCode('52.01')).toEqual({ code: '52.01', form: 'dotted' });
    expect(normaliseCode('5201')).toEqual({ code: '52.01', form: 'undotted' });
    expect(normaliseCode('5201.0')).toEqual({ code: '52.01', form: 'float' });
    expect(normaliseCode('5271011004')).toEqual({ code: '52.71.01.1004', form: 'undotted' });
    expect(normaliseCode('52-01')).toBeNull();
    expect(looksLikeBps('5201010')).toBe(true); // BPS kecamatan Sekotong
    expect(looksLikeBps('5201')).toBe(false);
  });

  it('finds regions by name with Kab./Kota folding, and ambiguous bare names', () => {
    expect(findByName('Kab. Lombok Barat', 'kabupaten_kota').map((r) => r.code)).toEqual(['52.01']);
    expect(findByName('KOTA MATARAM', 'kabupaten_kota').map((r) => r.code)).toEqual(['52.71']);
    expect(findByName('Bima', 'kabupaten_kota', '52').map((r) => r.code).sort()).toEqual(['52.06', '52.72']);
    expect(searchRegions('ampenan', 'kecamatan', 5).map((r) => r.code)).toEqual(['52.71.01']);
  });

  it('search finds a region by a former name or a variant, once (codes search "Toba Samosir")', () => {
    expect(searchRegions('Toba Samosir', undefined, 10).map((r) => r.code)).toEqual(['12.12']);
    expect(searchRegions('Mahakam Hulu', 'kabupaten_kota', 10).map((r) => r.code)).toEqual(['64.11']);
    expect(searchRegions('toba', 'kabupaten_kota', 10).map((r) => r.code)).toEqual(['12.12']);
    expect(searchRegions('Toba Samosir', 'kecamatan', 10)).toEqual([]);
  });

  it('normalises any undotted code of a known length to its dotted form', () => {
    fc.assert(
      fc.property(fc.constantFrom(2, 4, 6, 10), fc.integer({ min: 0, max: 2 ** 31 }), (len, n) => {
        const digits = String(n).padStart(10, '0').slice(0, len);
        const norm = normaliseCode(digits)!;
        expect(norm.code.replace(/\./g, '')).toBe(digits);
        expect(normaliseCode(norm.code)).toEqual({ code: norm.code, form: 'dotted' });
        expect(normaliseCode(`${digits}.0`)).toEqual({ code: norm.code, form: 'float' });
      }),
    );
  });
});
