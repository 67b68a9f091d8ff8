import { describe, expect, it } from 'vitest';
import { closestNames, commonParent, compactName, matchRegionName, namePrefix, otherNameOf, sameSpelling } from '../../src/standards/region-names.js';

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
  it('reads the names BPS and OPD tables write for the official ones (Jakarta, DKI, Kep., Adm.)', () => {
    // Kemendagri: "Kota Administrasi Jakarta Selatan", "Kabupaten Administrasi Kepulauan Seribu"
    expect(matchRegionName('Kota Jakarta Selatan', 'kabupaten_kota')).toMatchObject({ kind: 'exact', region: { code: '31.74' } });
    expect(matchRegionName('Jakarta Pusat', 'kabupaten_kota')).toMatchObject({ kind: 'exact', region: { code: '31.71' } });
    expect(matchRegionName('KOTA ADM. JAKARTA UTARA', 'kabupaten_kota')).toMatchObject({ kind: 'exact', region: { code: '31.72' } });
    expect(matchRegionName('Kepulauan Seribu', 'kabupaten_kota')).toMatchObject({ kind: 'exact', region: { code: '31.01' } });
    expect(matchRegionName('Kab. Kep. Seribu', 'kabupaten_kota')).toMatchObject({ kind: 'exact', region: { code: '31.01' } });
    expect(matchRegionName('DKI Jakarta', 'provinsi')).toMatchObject({ kind: 'exact', region: { code: '31' } });
    expect(matchRegionName('D.K.I. Jakarta', 'provinsi')).toMatchObject({ kind: 'exact', region: { code: '31' } });
    expect(matchRegionName('Kep. Bangka Belitung', 'provinsi')).toMatchObject({ kind: 'exact', region: { code: '19' } });
  });

  it('a "Kota" that is part of the name is not the kind word: Kota Baru is Kotabaru (a spelling)', () => {
    expect(matchRegionName('Kota Baru', 'kabupaten_kota')).toMatchObject({ kind: 'spelling', region: { code: '63.02', name: 'Kabupaten Kotabaru' } });
    expect(matchRegionName('Kota Waringin Barat', 'kabupaten_kota')).toMatchObject({ kind: 'spelling', region: { code: '62.01' } });
    // a kecamatan really named "Kota Baru" stays that kecamatan
    expect(matchRegionName('Kota Baru', 'kecamatan', '15.71')).toMatchObject({ kind: 'exact', region: { code: '15.71.07' } });
    // and "Kota Batu" is still the kota, not a "Kotabatu"
    expect(matchRegionName('Kota Batu', 'kabupaten_kota')).toMatchObject({ kind: 'exact', region: { name: 'Kota Batu' } });
  });

  it('former names and variants in common use (other-names.csv) name their region, said as such', () => {
    expect(matchRegionName('Toba Samosir', 'kabupaten_kota')).toMatchObject({ kind: 'former', region: { code: '12.12', name: 'Kabupaten Toba' } });
    expect(matchRegionName('KAB. MAMUJU UTARA', 'kabupaten_kota')).toMatchObject({ kind: 'former', region: { code: '76.01' } });
    expect(matchRegionName('Maluku Tenggara Barat', 'kabupaten_kota', '81')).toMatchObject({ kind: 'former', region: { code: '81.03' } });
    expect(matchRegionName('Mahakam Hulu', 'kabupaten_kota')).toMatchObject({ kind: 'spelling', region: { code: '64.11', name: 'Kabupaten Mahakam Ulu' } });
    expect(matchRegionName('Siau Tagulandang Biaro', 'kabupaten_kota')).toMatchObject({ kind: 'spelling', region: { code: '71.09' } });
    expect(matchRegionName('Bangka Belitung', 'provinsi')).toMatchObject({ kind: 'spelling', region: { code: '19' } });
    // only within the area asked, and only for the region it names
    expect(matchRegionName('Toba Samosir', 'kabupaten_kota', '52').kind).toBe('unknown');
    expect(otherNameOf('12.12', 'Kab. Toba Samosir')).toBe('former');
    expect(otherNameOf('12.13', 'Toba Samosir')).toBeUndefined();
    expect(otherNameOf('64.11', 'MAHAKAM HULU')).toBe('variant');
  });
});
