/**
 * Finds repeated keys (primary keys, unique keys, unique fields) without keeping the keys.
 *
 * Storing a million composite key strings in a Map costs hundreds of MB, and a hash table of a million
 * slots is touched at random, one cache miss per row. Here each key is reduced to two independent 32-bit
 * hashes (64 bits) appended to a log in row order (sequential writes), and the log is sorted once at the end
 * (radix sort) to find equal hashes. Two different keys are taken as equal only when both hashes collide:
 * for a million keys the chance of one false duplicate is about 3 in 100 million.
 *
 * The report wants the repeated value, so a small Bloom filter (10 bits a key) flags rows whose key may have
 * been seen; only for those is the key text kept (about 1% of rows, plus the true duplicates).
 */
/** A key index's content, transferable between threads. */
export interface KeyLog {
  h1: Int32Array;
  h2: Int32Array;
  rows: Int32Array;
  candidates: [number, string][];
}

export interface Duplicate {
  row: number;
  first: number;
  value: string;
}

const MAX_CANDIDATES = 200_000;

export class KeyIndex {
  private h1: Int32Array;
  private h2: Int32Array;
  private rows: Int32Array;
  private n = 0;
  /** 512-bit blocks (16 words each). */
  private bloom: Int32Array;
  /** Number of blocks − 1 (a power of two). */
  private bloomMask: number;
  private candidates = new Map<number, string>();
  // running hashes of the key being fed
  private a = 0;
  private b = 0;

  /** `expected` keys size the Bloom filter (more keys only raise its false-positive rate). */
  constructor(expected = 1 << 12) {
    const cap = Math.max(1024, expected);
    this.h1 = new Int32Array(cap);
    this.h2 = new Int32Array(cap);
    this.rows = new Int32Array(cap);
    let blocks = 16;
    while (blocks * 512 < expected * 10 && blocks < 1 << 18) blocks <<= 1;
    this.bloom = new Int32Array(blocks * 16);
    this.bloomMask = blocks - 1;
  }

  get size(): number {
    return this.n;
  }

  /** Starts a new key. */
  begin(): void {
    this.a = 0x811c9dc5 | 0;
    this.b = 0x9747b28c | 0;
  }

  /** Feeds one part of the key (parts are separated, so ("ab","c") ≠ ("a","bc")). */
  feed(s: string): void {
    let a = this.a;
    let b = this.b;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 15);
    }
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    this.a = a;
    this.b = b ^ (b >>> 13);
  }

  /**
   * Ends the key of `row`. Returns true when the key may repeat an earlier one: the caller then keeps its
   * text with keep() (no closure or string is built for the other rows).
   */
  add(row: number): boolean {
    let a = this.a;
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    const b = this.b;
    // Blocked Bloom filter: the first hash picks a 512-bit block (one cache line), the second three bits in
    // it — one memory access per key instead of three at random.
    const bloom = this.bloom;
    const base = (a & this.bloomMask) << 4;
    let seen = true;
    for (let k = 0; k < 27; k += 9) {
      const bit = (b >>> k) & 511;
      const w = base + (bit >>> 5);
      const mask = 1 << (bit & 31);
      if ((bloom[w]! & mask) === 0) {
        seen = false;
        bloom[w] = bloom[w]! | mask;
      }
    }
    if (this.n === this.h1.length) this.grow();
    this.h1[this.n] = a;
    this.h2[this.n] = b;
    this.rows[this.n] = row;
    this.n++;
    return seen && this.candidates.size < MAX_CANDIDATES;
  }

  /** Keeps the text of a key add() flagged (copied: a cell text would pin its parser chunk). */
  keep(row: number, text: string): void {
    this.candidates.set(row, Buffer.from(text, 'utf8').toString('utf8'));
  }

  /** Convenience for a single-part key. */
  addKey(key: string, row: number): void {
    this.begin();
    this.feed(key);
    if (this.add(row)) this.keep(row, key);
  }

  /** The log and kept texts, to hand to another shard's index (see absorb). */
  export(): KeyLog {
    return { h1: this.h1.slice(0, this.n), h2: this.h2.slice(0, this.n), rows: this.rows.slice(0, this.n), candidates: [...this.candidates] };
  }

  /** Appends another shard's log (its rows come after this index's rows). */
  absorb(log: KeyLog): void {
    for (let i = 0; i < log.rows.length; i++) {
      if (this.n === this.h1.length) this.grow();
      this.h1[this.n] = log.h1[i]!;
      this.h2[this.n] = log.h2[i]!;
      this.rows[this.n] = log.rows[i]!;
      this.n++;
    }
    for (const [row, text] of log.candidates) this.candidates.set(row, text);
  }

  private dups: Duplicate[] | null = null;

  /** Every repeat, in row order, with the row of the key's first appearance (computed once; texts may be filled). */
  duplicates(): Duplicate[] {
    this.dups ??= this.findDuplicates();
    return this.dups;
  }

  private findDuplicates(): Duplicate[] {
    const n = this.n;
    if (n < 2) return [];
    const order = this.sortedOrder();
    const out: Duplicate[] = [];
    for (let i = 0; i < n; ) {
      let j = i + 1;
      const a = this.h1[order[i]!];
      while (j < n && this.h1[order[j]!] === a) j++;
      if (j - i > 1) {
        // equal first hash: group by the second (rows are in order within equal h1: the sort is stable)
        const groups = new Map<number, number>();
        for (let k = i; k < j; k++) {
          const e = order[k]!;
          const b = this.h2[e]!;
          const first = groups.get(b);
          if (first === undefined) groups.set(b, this.rows[e]!);
          else out.push({ row: this.rows[e]!, first, value: this.candidates.get(this.rows[e]!) ?? '' });
        }
      }
      i = j;
    }
    return out.sort((x, y) => x.row - y.row);
  }

  /** Indices of the log sorted by h1 (two stable 16-bit counting passes over (hash, index) pairs). */
  private sortedOrder(): Uint32Array {
    const n = this.n;
    const h1 = this.h1;
    let idx = new Uint32Array(n);
    let key = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      idx[i] = i;
      key[i] = h1[i]!;
    }
    let idx2 = new Uint32Array(n);
    let key2 = new Int32Array(n);
    const count = new Uint32Array(65537);
    for (let shift = 0; shift <= 16; shift += 16) {
      count.fill(0);
      for (let i = 0; i < n; i++) count[((key[i]! >>> shift) & 0xffff) + 1]!++;
      for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
      for (let i = 0; i < n; i++) {
        const k = key[i]!;
        const to = count[(k >>> shift) & 0xffff]!++;
        idx2[to] = idx[i]!;
        key2[to] = k;
      }
      [idx, idx2] = [idx2, idx];
      [key, key2] = [key2, key];
    }
    return idx;
  }

  private grow(): void {
    const cap = this.h1.length * 2;
    const grow = (old: Int32Array) => {
      const next = new Int32Array(cap);
      next.set(old);
      return next;
    };
    this.h1 = grow(this.h1);
    this.h2 = grow(this.h2);
    this.rows = grow(this.rows);
  }
}
