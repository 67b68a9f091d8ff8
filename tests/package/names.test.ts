import { describe, expect, it } from 'vitest';
import { isSafeRelative, packageName, safeFileName, slugify } from '../../src/package/names.js';

describe('safe names', () => {
  it('builds the dataset name from OPD code and indicator, lowercase [a-z0-9_-], ≤ 100', () => {
    expect(packageName({ opd: 'Dinkes NTB', indicator: 'Angka Kematian Ibu (AKI)', file: 'x.csv' })).toBe('dinkes-ntb-angka-kematian-ibu-aki');
    expect(packageName({ slug: 'Ab', file: 'x.csv' })).toBe('ab');
    expect(packageName({ file: '/tmp/../Data Penduduk.xlsx' })).toBe('data-penduduk');
    expect(packageName({ opd: 'x'.repeat(80), indicator: 'y'.repeat(80), file: 'a' }).length).toBeLessThanOrEqual(100);
    expect(slugify('../../etc/passwd')).toBe('etc-passwd');
  });

  it('never lets .. or absolute paths into a package', () => {
    expect(safeFileName('../../evil.csv')).toBe('evil.csv');
    expect(safeFileName('C:\\Users\\x\\data.xlsx')).toBe('data.xlsx');
    expect(safeFileName('.hidden')).toBe('hidden');
    expect(isSafeRelative('data/a.csv')).toBe(true);
    for (const bad of ['../a', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\b', '']) expect(isSafeRelative(bad)).toBe(false);
  });
});

describe('package identity: produsen, standard or indicator, and cakupan unless it is the whole jurisdiction', () => {
  const lobar = 'Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lombok Barat';
  it('names the cakupan when it is not the producer\'s whole jurisdiction', () => {
    expect(packageName({ opd: 'dukcapil-lobar', opdName: lobar, standardId: 'penduduk', cakupan: '52.01', file: 'a.csv' })).toBe('dukcapil-lobar-penduduk');
    expect(packageName({ opd: 'dukcapil-lobar', opdName: lobar, standardId: 'penduduk', cakupan: '52.01.01', file: 'a.csv' })).toBe('dukcapil-lobar-penduduk-520101');
    // a provincial OPD (bundled NTB list) covers 52: a kabupaten's data is named, the province's is not
    expect(packageName({ opd: '1.01.0.00.0.00.01.0000', standardId: 'sd-ntb-0001', cakupan: '52', file: 'a.csv' })).toBe('1-01-0-00-0-00-01-0000-sd-ntb-0001');
    expect(packageName({ opd: '1.01.0.00.0.00.01.0000', standardId: 'sd-ntb-0001', cakupan: '52.01', file: 'a.csv' })).toBe('1-01-0-00-0-00-01-0000-sd-ntb-0001-5201');
    expect(packageName({ opd: '1.01.0.00.0.00.01.0000', standardId: 'sd-ntb-0001', cakupan: '52.03', file: 'a.csv' })).toBe('1-01-0-00-0-00-01-0000-sd-ntb-0001-5203');
    // a producer whose area cannot be told: the cakupan is always named
    expect(packageName({ opd: 'bps', standardId: 'penduduk', cakupan: '52.71', file: 'a.csv' })).toBe('bps-penduduk-5271');
    expect(packageName({ opd: 'diskominfo', opdName: 'Dinas Kominfo Kota Mataram', standardId: 'x1', cakupan: '52.71', file: 'a.csv' })).toBe('diskominfo-x1');
  });
  it('names the period only when the standard makes one dataset per period', () => {
    expect(packageName({ opd: 'bps', standardId: 'inflasi', cakupan: '52', opdName: 'BPS Provinsi Nusa Tenggara Barat', period: '2024-03', file: 'a.csv' })).toBe('bps-inflasi-2024-03');
  });
});
