import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from '../../src/package/csv-write.js';
import { isSafeRelative, packageName, safeFileName, slugify } from '../../src/package/names.js';

describe('tidy CSV cells (RFC 4180 + formula-injection guard)', () => {
  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    expect(csvLine(['a,b', 'say "hi"', 'x\ny', 'plain', null, 3.5])).toBe('"a,b","say ""hi""","x\ny",plain,,3.5\n');
  });

  it('prefixes text that a spreadsheet would run as a formula', () => {
    expect(csvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(csvCell('+62 812')).toBe("'+62 812");
    expect(csvCell('@cmd')).toBe("'@cmd");
    expect(csvCell('-')).toBe("'-");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell('=1+1,2')).toBe('"\'=1+1,2"');
  });

  it('leaves numbers alone, signed ones included', () => {
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('+3')).toBe('+3');
    expect(csvCell(-7)).toBe('-7');
    expect(csvCell('1e-3')).toBe('1e-3');
    expect(csvCell(true)).toBe('true');
  });
});

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
