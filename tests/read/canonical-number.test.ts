/** The shortcut that keeps a sheet's number text when it already is JavaScript's text for that number. */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { isCanonicalNumber } from '../../src/read/xlsx-parts.js';

it('is true only when String(+v) === v', () => {
  for (const v of ['0', '7', '-7', '12.5', '0.25', '-0.5', '0.000001', '123456789012345', '1.5', '99.99']) expect(isCanonicalNumber(v), v).toBe(true);
  for (const v of ['007', '1.50', '1.', '.5', '-0', '0.0000001', '1e3', '1234567890123456', '-', '', '+1', '1.0', '0.10']) expect(isCanonicalNumber(v), v).toBe(false);
  fc.assert(
    fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }).map(String), fc.integer().map(String), fc.stringMatching(/^-?\d{1,18}(\.\d{1,12})?$/)), (v) => {
      if (isCanonicalNumber(v)) expect(String(+v)).toBe(v);
    }),
    { numRuns: 5000 },
  );
});
