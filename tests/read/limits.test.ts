import { afterEach, describe, expect, it } from 'vitest';
import { currentLimits, declaredCells, DEFAULT_LIMITS, InflateMeter, isUnsafePath } from '../../src/read/limits.js';
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

  it('InflateMeter stops a part that inflates past what its zip entry declared (a lying zip)', () => {
    const meter = new InflateMeter(1000, 10_000);
    meter.add(10_000 + 60 * 1024, 'xl/worksheets/sheet1.xml');
    let err: unknown;
    try {
      meter.add(8 * 1024, 'xl/worksheets/sheet1.xml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ReadError);
    expect((err as ReadError).code).toBe('zip-bomb');
    expect((err as ReadError).params).toMatchObject({ entry: 'xl/worksheets/sheet1.xml' });
  });
});
