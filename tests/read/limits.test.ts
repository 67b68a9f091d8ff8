import { afterEach, describe, expect, it } from 'vitest';
import { currentLimits, declaredCells, DEFAULT_LIMITS, isUnsafePath, sizeText, ZipMeter } from '../../src/read/limits.js';
import { ReadError } from '../../src/read/table.js';

afterEach(() => {
  delete process.env.SATUDATA_MAX_CELLS;
});

describe('read limits', () => {
  it('declaredCells counts the cells of a <dimension> ref, in either corner order, with $ and lowercase', () => {
    expect(declaredCells('A1')).toBe(1);
    expect(declaredCells('A1:C2')).toBe(6);
    expect(declaredCells('C2:A1')).toBe(6);
    expect(declaredCells(' $a$1:$b$10 ')).toBe(20);
    expect(declaredCells('A1:XFD1048576')).toBe(16384 * 1048576);
    for (const bad of ['', 'A', '1:2', 'hello']) expect(declaredCells(bad), bad).toBe(0);
  });

  it('isUnsafePath refuses names that leave the folder', () => {
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:\\x', 'a\\..\\b', 'a\0b']) expect(isUnsafePath(bad), bad).toBe(true);
    for (const ok of ['xl/worksheets/sheet1.xml', 'a..b/c', 'data/x.csv']) expect(isUnsafePath(ok), ok).toBe(false);
  });

  it('currentLimits: defaults, then the environment, then explicit overrides; nonsense ignored', () => {
    expect(currentLimits().maxDeclaredCells).toBe(DEFAULT_LIMITS.maxDeclaredCells);
    process.env.SATUDATA_MAX_CELLS = '1000';
    expect(currentLimits().maxDeclaredCells).toBe(1000);
    expect(currentLimits({ maxDeclaredCells: 50 }).maxDeclaredCells).toBe(50);
    process.env.SATUDATA_MAX_CELLS = '-5';
    expect(currentLimits().maxDeclaredCells).toBe(DEFAULT_LIMITS.maxDeclaredCells);
  });

  it('ZipMeter stops a part that inflates past what its zip entry declared (a lying zip), with real figures', () => {
    const meter = new ZipMeter().entry('xl/sharedStrings.xml', 1000, 10_000);
    meter.add(10_000 + 60 * 1024);
    let err: unknown;
    try {
      meter.add(8 * 1024);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReadError);
    expect((err as ReadError).code).toBe('zip-bomb');
    expect((err as ReadError).params).toMatchObject({ entry: 'xl/sharedStrings.xml', size: '78 KB', limit: '74 KB', ratio: 80 });
  });

  it('ZipMeter holds all entries together to the whole-zip limit', () => {
    const zip = new ZipMeter(currentLimits({ maxTotalBytes: 3 * 1024 * 1024 }));
    zip.entry('a.xml', 0).add(2 * 1024 * 1024);
    const b = zip.entry('b.xml', 0);
    expect(() => b.add(2 * 1024 * 1024)).toThrow(ReadError);
    expect(b.check(1)?.params).toMatchObject({ entry: 'b.xml', size: '4.0 MB', limit: '3.0 MB' });
  });

  it('sizeText shows real figures, never "0 MB"', () => {
    expect(sizeText(300)).toBe('1 KB');
    expect(sizeText(5000)).toBe('5 KB');
    expect(sizeText(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(sizeText(2048 * 1024 * 1024)).toBe('2048 MB');
  });
});
