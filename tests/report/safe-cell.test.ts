import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { looksLikeFormula, safeCsvCell, safeXlsxText } from '../../src/report/safe-cell.js';

describe('safe-cell (CSV/formula injection)', () => {
  it('neutralises =, +, -, @, TAB and CR at the start; leaves numbers and markers alone', () => {
    expect(safeCsvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(safeCsvCell('+cmd|\' /C calc\'!A0')).toBe("'+cmd|' /C calc'!A0");
    expect(safeCsvCell('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
    expect(safeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCsvCell('\t=1')).toBe("'\t=1");
    expect(safeCsvCell('-5')).toBe('-5');
    expect(safeCsvCell('+62 812 3456')).toBe('+62 812 3456');
    expect(safeCsvCell('-1.234,5', ';')).toBe('-1.234,5'.includes(';') ? '' : '"-1.234,5"');
    expect(safeCsvCell('Lombok, Barat')).toBe('"Lombok, Barat"');
    expect(safeCsvCell('biasa')).toBe('biasa');
    expect(safeXlsxText('=1+1')).toBe("'=1+1");
    expect(safeXlsxText('a\u0000b\u0007c')).toBe('abc');
  });

  it('looksLikeFormula agrees with what gets neutralised', () => {
    for (const t of ['=1', '+a', '-a', '@a', '\t=1', '-2+3+cmd']) expect(looksLikeFormula(t), t).toBe(true);
    for (const t of ['', '=', '-', '--', '-5', '+62 811', 'abc', '12']) expect(looksLikeFormula(t), t).toBe(false);
  });

  it('no output cell ever starts with a trigger unless it is a plain signed number (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom(',', ';', '\t'), (s, d) => {
        const out = safeCsvCell(s, d);
        const inner = out.startsWith('"') ? out.slice(1, -1).replace(/""/g, '"') : out;
        if (/^[=+\-@\t\r]/.test(inner)) expect(/^[+-]\s*\d[\d\s.,]*%?$/.test(inner)).toBe(true);
        const x = safeXlsxText(s);
        if (/^[=+\-@\t\r]/.test(x)) expect(/^[+-]\s*\d[\d\s.,]*%?$/.test(x)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
