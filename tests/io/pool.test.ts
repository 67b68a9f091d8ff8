import { describe, expect, it } from 'vitest';
import { mapPool } from '../../src/io/pool.js';

describe('mapPool', () => {
  it('keeps at most `limit` tasks in flight and the input order in results', async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapPool(Array.from({ length: 20 }, (_, i) => i), 4, async (i) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((r) => setTimeout(r, 2 + (i % 3)));
      inFlight--;
      return i * 2;
    });
    expect(peak).toBe(4);
    expect(out).toEqual(Array.from({ length: 20 }, (_, i) => i * 2));
  });
});
