import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { termParams, termSafe } from '../../src/report/terminal-safe.js';
import { table } from '../../src/cli/table-text.js';

describe('terminal-safe text', () => {
  it('shows control characters escaped: ESC, CR, BEL, DEL, C1, bidi overrides; a line feed as ⏎', () => {
    expect(termSafe('a\u001b[2Jb')).toBe('a\\x1b[2Jb');
    expect(termSafe('\u001b]0;pwned\u0007')).toBe('\\x1b]0;pwned\\x07');
    expect(termSafe('x\r✔ Valid')).toBe('x\\x0d✔ Valid');
    expect(termSafe('1\n✔ Valid')).toBe('1⏎✔ Valid');
    expect(termSafe('\u007f\u009b\u202eabc\u2066')).toBe('\\x7f\\x9b\\u202eabc\\u2066');
    expect(termSafe('Kecamatan Ampenan — ✓ 12,5%')).toBe('Kecamatan Ampenan — ✓ 12,5%');
    expect(termParams({ path: 'a\u001bb', count: 3 })).toEqual({ path: 'a\\x1bb', count: 3 });
  });

  it('never lets a control character through (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => {
        // eslint-disable-next-line no-control-regex
        expect(termSafe(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('the text tables escape their cells', () => {
    const out = table(['kode', 'nama'], [['1', 'A\u001b[31mB\nC']]);
    expect(out).toContain('A\\x1b[31mB⏎C');
    expect(out).not.toContain('\u001b');
  });
});
