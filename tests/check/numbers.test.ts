import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { classifyNumber, NumStyle, parseNumber, valueOf } from '../../src/check/numbers.js';

describe('Indonesian number texts', () => {
  it('classifies each style', () => {
    const style = (t: string) => classifyNumber(t).style;
    expect(style('1234')).toBe(NumStyle.Integer);
    expect(style('12.34')).toBe(NumStyle.DotDecimal);
    expect(style('4,15')).toBe(NumStyle.CommaDecimal);
    expect(style('4.427.208')).toBe(NumStyle.DotGroups);
    expect(style('1.234.567,5')).toBe(NumStyle.IdFull);
    expect(style('4,800.00')).toBe(NumStyle.UsFull);
    expect(style('900.545')).toBe(NumStyle.AmbiguousDot);
    expect(style('1.059')).toBe(NumStyle.AmbiguousDot);
    // a group of thousands never starts with 0
    expect(style('0.325')).toBe(NumStyle.DotDecimal);
    expect(style('0,325')).toBe(NumStyle.CommaDecimal);
    expect(style('-0.125')).toBe(NumStyle.DotDecimal);
    expect(style('4,800')).toBe(NumStyle.AmbiguousComma);
    expect(style('Kota Bima')).toBe(NumStyle.NotNumber);
  });

  it('strips currency and percent and notes padding', () => {
    expect(classifyNumber(' Rp4,800.00 ')).toEqual({ style: NumStyle.UsFull, decorated: true, padded: true, core: '4,800.00' });
    expect(classifyNumber('66,5%')).toMatchObject({ style: NumStyle.CommaDecimal, decorated: true, core: '66,5' });
  });

  it('reads values under the Indonesian or international decision', () => {
    expect(valueOf('900.545', NumStyle.AmbiguousDot, true)).toBe(900545);
    expect(valueOf('900.545', NumStyle.AmbiguousDot, false)).toBe(900.545);
    expect(valueOf('1.234.567,5', NumStyle.IdFull, true)).toBe(1234567.5);
  });

  it('parses strictly by the declared format (no silent misreads)', () => {
    const id = { decimalChar: ',', groupChar: '.', bareNumber: true };
    expect(parseNumber('1.234,5', id, false)).toBe(1234.5);
    expect(parseNumber('1.234', { decimalChar: ',', groupChar: '', bareNumber: true }, false)).toBeNaN();
    expect(parseNumber('Rp 4.800', { ...id, bareNumber: false }, true)).toBe(4800);
    expect(parseNumber('Rp 4.800', id, true)).toBeNaN();
    expect(parseNumber('66,5 %', { ...id, bareNumber: false }, false)).toBe(66.5);
    expect(parseNumber('5201.0', { decimalChar: '.', groupChar: '', bareNumber: true }, true)).toBeNaN();
  });

  it('round-trips any integer written the Indonesian way', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        const text = n.toLocaleString('id-ID');
        expect(parseNumber(text, { decimalChar: ',', groupChar: '.', bareNumber: true }, true)).toBe(n);
      }),
    );
  });

  it('round-trips decimals written with a decimal comma', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 99 }), (a, b) => {
        const text = `${a.toLocaleString('id-ID')},${String(b).padStart(2, '0')}`;
        expect(parseNumber(text, { decimalChar: ',', groupChar: '.', bareNumber: true }, false)).toBeCloseTo(a + b / 100, 6);
      }),
    );
  });
});
