/** The word gates the row classifier runs on several cells of every row. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { prefix3, PrefixSet, TOTAL_PREFIXES } from '../../src/read/words.js';

describe('PrefixSet', () => {
  const words = ['jum', 'tot', 'sub', 'Provinsi', 'd.i.', 'kep ', 'NUSA TENGGARA BARAT', 'é', 'x'];
  const set = new PrefixSet(words);
  const plain = new Set(words.map(prefix3));

  it('answers exactly as the set of the words’ prefix3 would (any text, any case, short and non-ASCII)', () => {
    const chars = fc.constantFrom(...'jJtTsSuUbBpPrRoOvVdDiIkKeE .xXé\u00a0\t1'.split(''));
    fc.assert(fc.property(fc.array(chars, { maxLength: 6 }).map((a) => a.join('')), (text) => {
      expect(set.matches(text)).toBe(plain.has(prefix3(text)));
    }), { numRuns: 5000 });
  });

  it('matches a totals label’s start and not a data label’s', () => {
    expect(TOTAL_PREFIXES.matches('JUMLAH')).toBe(true);
    expect(TOTAL_PREFIXES.matches('Sub Total')).toBe(true);
    expect(TOTAL_PREFIXES.matches('Desa Tugu')).toBe(false);
    expect(TOTAL_PREFIXES.matches('52.01.01.2001')).toBe(false);
    expect(TOTAL_PREFIXES.matches('')).toBe(false);
  });
});
