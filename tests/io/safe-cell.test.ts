import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { looksLikeFormula, safeCsvCell, safeCsvLine, safeXlsxText } from '../../src/io/safe-cell.js';

describe('safe-cell (CSV/formula injection)', () => {
  it('neutralises =, +, -, @ (also after TAB or CR); leaves signed numbers and dash markers alone', () => {
    expect(safeCsvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(safeCsvCell('+cmd|\' /C calc\'!A0')).toBe("'+cmd|' /C calc'!A0");
    expect(safeCsvCell('-2+3+cmd|x')).toBe("'-2+3+cmd|x");
    expect(safeCsvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCsvCell('\t=1')).toBe("'\t=1");
    expect(safeCsvCell('\r=1')).toBe('"\'\r=1"');
    expect(safeCsvCell('=SUM(A1:A9)')).toBe("'=SUM(A1:A9)");
    expect(safeCsvCell('=1+1,2')).toBe('"\'=1+1,2"');
    for (const data of ['-5', '-12.5', '+3', '1e-3', '-1e-7', '+2.5E10', '+62 812 3456', '-', '--', '\tx', 'biasa']) expect(safeCsvCell(data), data).toBe(data);
    expect(safeXlsxText('=1+1')).toBe("'=1+1");
    expect(safeXlsxText('-')).toBe('-');
    expect(safeXlsxText('a\u0000b\u0007c')).toBe('abc');
    // control characters are stripped BEFORE the neutralisation looks at the text
    expect(safeXlsxText('\u0001=1+1')).toBe("'=1+1");
    expect(safeXlsxText('\u0000\u0008@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('quotes per RFC 4180 (and ; for Indonesian-locale spreadsheets), doubling inner quotes', () => {
    expect(safeCsvLine(['a,b', 'say "hi"', 'x\ny', 'plain', null, 3.5])).toBe('"a,b","say ""hi""","x\ny",plain,,3.5\n');
    expect(safeCsvLine(['Lombok; Barat', 'x'], '\r\n')).toBe('"Lombok; Barat",x\r\n');
    expect(safeCsvCell('-1.234,5')).toBe('"-1.234,5"');
    expect(safeCsvCell('a\tb', '\t')).toBe('"a\tb"');
  });

  it('writes numbers, booleans and nothing as plain values', () => {
    expect(safeCsvCell(-7)).toBe('-7');
    expect(safeCsvCell(Number.NaN)).toBe('');
    expect(safeCsvCell(true)).toBe('true');
    expect(safeCsvCell(undefined)).toBe('');
  });

  it('looksLikeFormula is exactly what gets neutralised', () => {
    for (const t of ['=1', '=', '+', '@', '+a', '-a', '@a', '\t=1', ' =1', '\u0001=1', '\ufeff@x', '\u202e=1', '---', '-2+3+cmd']) expect(looksLikeFormula(t), t).toBe(true);
    for (const t of ['', '-', '--', '-5', ' -5', '+62 811', 'abc', '12', "'=1"]) expect(looksLikeFormula(t), t).toBe(false);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 12 }), (raw) => {
        const s = raw.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
        expect(safeXlsxText(s)).toBe(looksLikeFormula(s) ? "'" + s : s);
      }),
      { numRuns: 1000 },
    );
  });

  it('no output cell ever starts with a trigger unless it is a plain signed number or a dash marker (property)', () => {
    const unsafe = (v: string) => {
      const t = v.replace(/^[\s\p{Cc}]+/u, '');
      return /^[=+\-@]/.test(t) && !/^[+-]\s*\d[\d\s.,]*(?:[eE][+-]?\d+)?%?$/.test(t) && !/^-{1,2}$/.test(t);
    };
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom(',', ';', '\t'), (s, d) => {
        const out = safeCsvCell(s, d);
        const inner = out.startsWith('"') ? out.slice(1, -1).replace(/""/g, '"') : out;
        expect(unsafe(inner), JSON.stringify(inner)).toBe(false);
        expect(unsafe(safeXlsxText(s)), JSON.stringify(s)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});
