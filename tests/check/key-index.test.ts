import { describe, expect, it } from 'vitest';
import { KeyIndex, type KeyLog } from '../../src/check/key-index.js';

/** The duplicates a plain Map finds: every repeat, with the row of the key's first appearance. */
function naive(keys: [string, number][]): { row: number; first: number }[] {
  const first = new Map<string, number>();
  const out: { row: number; first: number }[] = [];
  for (const [k, row] of keys) {
    const f = first.get(k);
    if (f === undefined) first.set(k, row);
    else out.push({ row, first: f });
  }
  return out;
}

function keysOf(n: number, distinct: number, seed: number): [string, number][] {
  let s = seed;
  const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % distinct);
  return Array.from({ length: n }, (_, i) => [`52.01|${r()}|laki-laki`, i + 2]);
}

describe('key index', () => {
  it('finds the same repeats as a map, over several chunks of the log', () => {
    // 700k keys: repeats searched over two ranges of the hash (SORT_SLICE)
    for (const [n, distinct] of [[200_000, 150_000], [150_000, 40], [70_000, 70_000_000], [700_000, 2_000_000]] as const) {
      const keys = keysOf(n, distinct, n);
      const index = new KeyIndex(n);
      for (const [k, row] of keys) index.addKey(k, row);
      const got = index.duplicates();
      expect(got.map(({ row, first }) => ({ row, first }))).toEqual(naive(keys));
      // the repeated value is kept for every repeat (the Bloom filter flagged them all)
      for (const d of got) expect(d.value).toBe(keys[d.row - 2]![0]);
    }
  });

  it('finds repeats across two shards: the second log absorbed after the first, moved without loss', () => {
    const keys = keysOf(180_000, 120_000, 7);
    const first = new KeyIndex();
    const second = new KeyIndex();
    keys.slice(0, 100_000).forEach(([k, row]) => first.addKey(k, row));
    keys.slice(100_000).forEach(([k, row]) => second.addKey(k, row));
    const exported = second.export();
    const log: KeyLog = structuredClone(exported, { transfer: KeyIndex.buffers(exported) });
    // moved, as postMessage moves it to the parent thread: the sender's chunks are detached
    expect(exported.chunks.every((c) => c.byteLength === 0)).toBe(true);
    expect(log.n).toBe(80_000);
    first.absorb(log);
    expect(first.size).toBe(180_000);
    const got = first.duplicates();
    expect(got.map(({ row, first: f }) => ({ row, first: f }))).toEqual(naive(keys));
  });

  it('keeps a key repeated many times in row order (one large bucket)', () => {
    const keys: [string, number][] = Array.from({ length: 5000 }, (_, i) => [i % 2 ? 'sama' : `beda-${i}`, i + 2]);
    const index = new KeyIndex();
    for (const [k, row] of keys) index.addKey(k, row);
    expect(index.duplicates().map(({ row, first }) => ({ row, first }))).toEqual(naive(keys));
  });
});
