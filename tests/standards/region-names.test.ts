import { describe, expect, it } from 'vitest';
import { closestNames, commonParent, compactName, matchRegionName, namePrefix, sameSpelling } from '../../src/standards/region-names.js';

describe('region names the way the reference spells them', () => {
  it('folds case, spaces, punctuation and the administrative prefix', () => {
    expect(compactName('Kec. Gunung Sari')).toBe('gunungsari');
    expect(compactName("Hu'u")).toBe('huu');
    expect(namePrefix('KAB. BIMA')).toBe('kabupaten');
    expect(namePrefix('Kota Bima')).toBe('kota');
    expect(sameSpelling('KAB. LOMBOK BARAT', 'Kabupaten Lombok Barat')).toBe(true);
    expect(sameSpelling('Gunung Sari', 'Gunungsari')).toBe(false);
  });

  it('a name equal after folding but spelled differently is a spelling, with the official name', () => {
    expect(matchRegionName('Gunung Sari', 'kecamatan', '52.01')).toMatchObject({ kind: 'spelling', region: { code: '52.01.09', name: 'Gunungsari' } });
    expect(matchRegionName('Prajurit Kulon', 'kecamatan')).toMatchObject({ kind: 'spelling', region: { code: '35.76.01', name: 'Prajuritkulon' } });
    expect(matchRegionName('Gerung', 'kecamatan', '52.01')).toMatchObject({ kind: 'exact', region: { code: '52.01.01' } });
  });

  it('uses the file: a bare "Bima" beside "Kota Bima" is the kabupaten; "Kota Bima" is the kota', () => {
    expect(matchRegionName('Bima', 'kabupaten_kota', '52').kind).toBe('ambiguous');
    expect(matchRegionName('Bima', 'kabupaten_kota', '52', new Set(['kota bima']))).toMatchObject({ kind: 'exact', region: { code: '52.06' } });
    expect(matchRegionName('Kota Bima', 'kabupaten_kota', '52')).toMatchObject({ kind: 'exact', region: { code: '52.72' } });
  });

  it('an unknown name gets the three closest official names within the parent area', () => {
    const m = matchRegionName('Gerungg', 'kecamatan', '52.01');
    expect(m.kind).toBe('unknown');
    expect(m.kind === 'unknown' && m.closest.map((r) => r.name)).toEqual(['Gerung', 'Gunungsari', 'Kediri']);
    expect(closestNames('Sekotongg', 'kecamatan', '52.01', 1).map((r) => r.code)).toEqual(['52.01.07']);
  });

  it('finds the parent area most of a column\'s names share', () => {
    expect(commonParent(['Gerung', 'Kediri', 'Narmada', 'Gunung Sari'], 'kecamatan')).toBe('52.01');
  });
});
