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
    // from few distinct keys (every key flagged) to almost none repeated; 700k keys span 11 chunks
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

  it('finds repeats within and across three shards (the second empty), texts kept for repeats within a shard', () => {
    const keys: [string, number][] = keysOf(240_000, 200_000, 11).map(([k, row], i) => [i % 97 === 0 ? `sering-${i % 5}` : k, row]);
    const bounds = [0, 90_000, 90_000, 240_000];
    const indexes = [new KeyIndex(), new KeyIndex(), new KeyIndex()];
    indexes.forEach((index, s) => keys.slice(bounds[s], bounds[s + 1]).forEach(([k, row]) => index.addKey(k, row)));
    const [first, ...others] = indexes;
    for (const other of others) {
      const exported = other.export();
      first!.absorb(structuredClone(exported, { transfer: KeyIndex.buffers(exported) }));
    }
    expect(first!.size).toBe(240_000);
    const got = first!.duplicates();
    expect(got.map(({ row, first: f }) => ({ row, first: f }))).toEqual(naive(keys));
    // a repeat of a key first met in another shard has its text read back from the file by the validator
    const shardOf = (row: number) => (row - 2 < 90_000 ? 0 : 2);
    for (const d of got) if (shardOf(d.row) === shardOf(d.first)) expect(d.value).toBe(keys[d.row - 2]![0]);
  });

  it('finds every repeat of a file pasted twice (as many repeats as keys)', () => {
    const once: string[] = Array.from({ length: 150_000 }, (_, i) => `52.${i}`);
    const keys: [string, number][] = [...once, ...once].map((k, i) => [k, i + 2]);
    const index = new KeyIndex(keys.length);
    for (const [k, row] of keys) index.addKey(k, row);
    const got = index.duplicates();
    expect(got.length).toBe(150_000);
    expect(got.map(({ row, first }) => ({ row, first }))).toEqual(naive(keys));
  });

  it('keeps a key repeated many times in row order (one large bucket)', () => {
    const keys: [string, number][] = Array.from({ length: 5000 }, (_, i) => [i % 2 ? 'sama' : `beda-${i}`, i + 2]);
    const index = new KeyIndex();
    for (const [k, row] of keys) index.addKey(k, row);
    expect(index.duplicates().map(({ row, first }) => ({ row, first }))).toEqual(naive(keys));
  });
});
