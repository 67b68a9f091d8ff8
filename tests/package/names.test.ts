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
