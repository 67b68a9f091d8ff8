import { describe, expect, it } from 'vitest';
import { comparePart, KeyIndex, type KeyLog } from '../../src/check/key-index.js';

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

  /** Multi-part keys fed as the validator feeds them; the text kept when add() flags the key. */
  const addAll = (index: KeyIndex, keys: [string[], number][]) => {
    for (const [parts, row] of keys) {
      index.begin();
      for (const p of parts) index.feed(p);
      if (index.add(row, parts, parts.map((_, i) => i))) index.keep(row, parts.join(', '));
    }
  };
  const flat = (keys: [string[], number][]): [string, number][] => keys.map(([p, row]) => [p.join(', '), row]);
  /** Region × year × sex in order, as statistical tables come; `mess` changes some rows. */
  const sortedKeys = (regions: number, from: number, mess: (i: number, k: string[]) => string[] = (_, k) => k): [string[], number][] => {
    const out: [string[], number][] = [];
    for (let r = from; r < from + regions; r++)
      for (let y = 2015; y <= 2024; y++)
        for (const sex of ['laki-laki', 'perempuan']) out.push([mess(out.length, [`52.01.${String(r).padStart(2, '0')}.2001`, String(y), sex]), out.length + 2]);
    return out;
  };

  it('needs no filter for keys in order: repeats and keys out of order are flagged, with their text', () => {
    // a repeat of the row before, a repeat far back, keys out of order (a wrong sex word between two right ones)
    const keys = sortedKeys(2000, 10, (i, k) => (i % 997 === 5 ? ['52.01.10.2001', '2015', 'laki-laki'] : i % 1009 === 7 ? [k[0]!, k[1]!, 'wanita'] : k));
    keys.splice(5001, 0, [keys[5000]![0], 0]);
    keys.forEach((k, i) => (k[1] = i + 2));
    const index = new KeyIndex(keys.length);
    addAll(index, keys);
    const got = index.duplicates();
    expect(got.map(({ row, first }) => ({ row, first }))).toEqual(naive(flat(keys)));
    expect(got.length).toBeGreaterThan(20);
    for (const d of got) expect(d.value).toBe(keys[d.row - 2]![0].join(', '));
    // still in order: the log carries its smallest and largest key
    expect(index.export().order).toEqual({ low: ['52.01.10.2001', '2015', 'laki-laki'], top: ['52.01.2009.2001', '2024', 'perempuan'] });
  });

  it('turns to its filter when keys stop coming in order, and finds repeats of keys met before', () => {
    const head = sortedKeys(500, 10);
    let s = 3;
    const r = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) % 2000);
    // then keys at random: some repeat keys of the ordered part, some are new
    const tail: [string[], number][] = Array.from({ length: 20_000 }, (_, i) => [[`52.01.${r()}.2001`, '2015', 'laki-laki'], head.length + i + 2]);
    const keys = [...head, ...tail];
    const index = new KeyIndex(keys.length);
    addAll(index, keys);
    const got = index.duplicates();
    expect(got.map(({ row, first }) => ({ row, first }))).toEqual(naive(flat(keys)));
    expect(got.some((d) => d.first < head.length + 2)).toBe(true);
    expect(index.export().order).toBeUndefined();
  });

  it('absorbs a shard whose keys are all above its own as they are, and checks one that overlaps', () => {
    /** Two shards' indexes, the second's log moved to the first as postMessage moves it. */
    const merged = (head: [string[], number][], tail: [string[], number][]) => {
      const [first, second] = [new KeyIndex(), new KeyIndex()];
      addAll(first, head);
      addAll(second, tail);
      const e = second.export();
      first.absorb(structuredClone(e, { transfer: KeyIndex.buffers(e) }));
      return first;
    };
    const a = sortedKeys(300, 10);
    const after = (keys: [string[], number][]) => keys.map(([k, row]): [string[], number] => [k, row + a.length]);
    // above: nothing repeats across, the result is still in order (and takes the larger top)
    const b = after(sortedKeys(300, 400));
    const first = merged(a, b);
    expect(first.duplicates()).toEqual([]);
    expect(first.size).toBe(a.length + b.length);
    expect(first.export().order!.top[0]).toBe('52.01.699.2001');
    // overlapping (the second shard starts below the first one's largest key): its repeats of the first are found
    const c = after(sortedKeys(300, 250));
    const got = merged(a, c).duplicates();
    expect(got.map(({ row, first }) => ({ row, first }))).toEqual(naive(flat([...a, ...c])));
    expect(got.length).toBe(60 * 20);
  });

  it('takes the repeats an appended shard found in its own keys, scanning only its own at the end', () => {
    // each shard in order, with repeats of its own (one far back, out of order)
    const dup = (i: number, k: string[], back: string[]): string[] => (i % 401 === 9 ? back : k);
    const a = sortedKeys(300, 10, (i, k) => dup(i, k, ['52.01.10.2001', '2016', 'laki-laki']));
    const b = sortedKeys(300, 400, (i, k) => dup(i, k, ['52.01.400.2001', '2017', 'perempuan'])).map(([k, row]): [string[], number] => [k, row + a.length]);
    const merge = () => {
      const [first, second] = [new KeyIndex(), new KeyIndex()];
      addAll(first, a);
      addAll(second, b);
      const e = second.export();
      first.absorb(structuredClone(e, { transfer: KeyIndex.buffers(e) }));
      return { first, found: e.found! };
    };
    const { first, found } = merge();
    // the exporting shard found its own repeats, with their text
    expect(found.map(({ row, first: f }) => ({ row, first: f }))).toEqual(naive(flat(b)));
    expect(found.length).toBeGreaterThan(10);
    expect(found.every((d) => d.value !== '')).toBe(true);
    const got = first.duplicates();
    expect(got.map(({ row, first: f }) => ({ row, first: f }))).toEqual(naive(flat([...a, ...b])));
    expect(got.filter((d) => d.row > a.length + 1)).toEqual(found);
    expect(got.length).toBeGreaterThan(found.length);
    // a key added after the appended log that repeats one of its keys: every chunk is scanned
    const again = merge().first;
    const row = a.length + b.length + 2;
    again.begin();
    for (const p of b[0]![0]) again.feed(p);
    again.add(row, b[0]![0], [0, 1, 2]);
    expect(again.duplicates().at(-1)).toMatchObject({ row, first: b[0]![1] });
  });

  it('decides the order by the parts a key does not share with the largest so far (shared ones by their hashes)', () => {
    const index = new KeyIndex();
    const add = (parts: string[], row: number) => {
      index.begin();
      for (const p of parts) index.feed(p);
      // equal texts as other string objects, as each row's cells are
      return index.add(row, parts.map((p) => ` ${p}`.slice(1)), [0, 1, 2]);
    };
    expect(add(['52.01.01.2001', '2015', 'laki-laki'], 2)).toBe(false);
    expect(add(['52.01.01.2001', '2015', 'perempuan'], 3)).toBe(false); // above in its last part
    expect(add(['52.01.01.2001', '2015', 'perempuan'], 4)).toBe(true); // the row before again
    expect(add(['52.01.01.2001', '2015', 'laki-laki'], 5)).toBe(true); // below in its last part
    expect(add(['52.01.01.2001', '2016', 'laki-laki'], 6)).toBe(false); // above in its middle part
    expect(add(['52.01.01.2002', '2015', 'laki-laki'], 7)).toBe(false); // above in its first part
    expect(add(['52.01.01.2001', '2024', 'perempuan'], 8)).toBe(true); // below in its first part
    expect(index.duplicates().map((d) => [d.row, d.first])).toEqual([[4, 3], [5, 2]]);
    expect(index.export().order?.top).toEqual(['52.01.01.2002', '2015', 'laki-laki']);
  });

  it('orders key parts totally: texts starting with a digit by length, then by characters', () => {
    expect(comparePart('9', '10')).toBeLessThan(0);
    expect(comparePart('2015', '2016')).toBeLessThan(0);
    expect(comparePart('52.01', '52.01.01')).toBeLessThan(0);
    expect(comparePart('Ampenan', 'Cakranegara')).toBeLessThan(0);
    expect(comparePart('', '0')).toBeLessThan(0);
    expect(comparePart('99', 'A')).toBeLessThan(0);
    expect(comparePart('x', 'x')).toBe(0);
    const texts = ['', ' 1', '-5', '0', '007', '10', '9', '9a', '52.01', '52.01.1', 'A', 'a', 'b', 'laki-laki', 'perempuan', '2015', '~'];
    for (const x of texts) {
      for (const y of texts) {
        expect(Math.sign(comparePart(x, y)) + Math.sign(comparePart(y, x)), `${x} ? ${y}`).toBe(0);
        if (x !== y) expect(comparePart(x, y)).not.toBe(0);
        for (const z of texts) if (comparePart(x, y) < 0 && comparePart(y, z) < 0) expect(comparePart(x, z), `${x} < ${y} < ${z}`).toBeLessThan(0);
      }
    }
  });
});
