/**
 * Finds repeated keys (primary keys, unique keys, unique fields) without keeping the keys.
 *
 * Storing a million composite key strings in a Map costs hundreds of MB, and a hash table of a million
 * slots is touched at random, one cache miss per row. Here each key is reduced to two independent 32-bit
 * hashes (64 bits) appended to a log in row order (sequential writes), and the log is sorted once at the end
 * (radix sort) to find equal hashes. Two different keys are taken as equal only when both hashes collide:
 * for a million keys the chance of one false duplicate is about 3 in 100 million.
 *
 * The log grows in chunks of 65,536 keys (12 bytes a key, nothing allocated ahead, nothing copied as it grows), and
 * the sort needs one index array (4 bytes a key): 3 million keys cost 36 + 12 MB, where three preallocated arrays
 * and a two-pass radix sort cost about 100 MB.
 *
 * The report wants the repeated value, so a small Bloom filter (10 bits a key) flags rows whose key may have
 * been seen; only for those is the key text kept (about 1% of rows, plus the true duplicates).
 */
/** A key index's content, transferable between threads (its chunks' buffers can be moved, not copied). */
export interface KeyLog {
  /** Chunks of (h1, h2, row) triples; every chunk but the last holds CHUNK keys. */
  chunks: Int32Array[];
  n: number;
  candidates: [number, string][];
}

export interface Duplicate {
  row: number;
  first: number;
  value: string;
}

const MAX_CANDIDATES = 200_000;
const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK - 1;
/** Keys sorted at a time when repeats are searched (one bucket may exceed it: it is then sorted alone). */
const SORT_SLICE = 1 << 19;
/** Buckets up to this size are sorted by insertion. */
const SMALL_BUCKET = 48;

/** Sorts a[from, to) ascending (no NaN in the keys). */
function insertionSort(a: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= from && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

export class KeyIndex {
  private chunks: Int32Array[] = [];
  private cur = new Int32Array(0);
  /** Keys in the current chunk. */
  private at = CHUNK;
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
    this.push(a, b, row);
    return seen && this.candidates.size < MAX_CANDIDATES;
  }

  private push(a: number, b: number, row: number): void {
    if (this.at === CHUNK) {
      this.cur = new Int32Array(3 * CHUNK);
      this.chunks.push(this.cur);
      this.at = 0;
    }
    const o = 3 * this.at++;
    this.cur[o] = a;
    this.cur[o + 1] = b;
    this.cur[o + 2] = row;
    this.n++;
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

  /** The log and kept texts, to hand to another shard's index (see absorb); this index is left empty. */
  export(): KeyLog {
    const chunks = this.chunks;
    // the last chunk cut to its keys (a chunk's buffer is moved whole)
    if (chunks.length && this.at < CHUNK) chunks[chunks.length - 1] = chunks[chunks.length - 1]!.slice(0, 3 * this.at);
    const log = { chunks, n: this.n, candidates: [...this.candidates] };
    this.chunks = [];
    this.at = CHUNK;
    this.n = 0;
    return log;
  }

  /** The buffers of a log, for postMessage's transfer list. */
  static buffers(log: KeyLog | null): ArrayBuffer[] {
    return log ? log.chunks.map((c) => c.buffer as ArrayBuffer) : [];
  }

  /** Appends another shard's log (its rows come after this index's rows). */
  absorb(log: KeyLog): void {
    for (const chunk of log.chunks) {
      for (let o = 0; o < chunk.length; o += 3) this.push(chunk[o]!, chunk[o + 1]!, chunk[o + 2]!);
    }
    for (const [row, text] of log.candidates) this.candidates.set(row, text);
  }

  private dups: Duplicate[] | null = null;

  /** Every repeat, in row order, with the row of the key's first appearance (computed once; texts may be filled). */
  duplicates(): Duplicate[] {
    this.dups ??= this.findDuplicates();
    return this.dups;
  }

  /**
   * Repeats, found by sorting the log on h1, stably (equal hashes keep their log order): one counting pass on the
   * hash's high 16 bits into buckets (about n / 65,536 keys each: the hashes are uniform), then each bucket sorted
   * natively on (low 16 bits, index) packed in one float64, the buckets a range of at most SORT_SLICE keys at a
   * time (4 MB; one pass over the log per range).
   */
  private findDuplicates(): Duplicate[] {
    const n = this.n;
    if (n < 2) return [];
    const { chunks } = this;
    const count = new Uint32Array(65537);
    // every chunk holds CHUNK keys but the last (allocated whole, filled in part)
    for (let k = 0; k < chunks.length; k++) {
      const c = chunks[k]!;
      const end = 3 * Math.min(CHUNK, n - k * CHUNK);
      for (let o = 0; o < end; o += 3) count[(c[o]! >>> 16) + 1]!++;
    }
    for (let d = 0; d < 65536; d++) count[d + 1]! += count[d]!;
    const out: Duplicate[] = [];
    // buckets taken a range at a time, at most SORT_SLICE keys each (one pass over the log per range): the sort
    // array stays a few MB whatever the file, where one array for 3M keys held 24 MB at the report's peak
    let packed = new Float64Array(0);
    for (let d0 = 0; d0 < 65536; ) {
      let d1 = d0 + 1;
      while (d1 < 65536 && count[d1 + 1]! - count[d0]! <= SORT_SLICE) d1++;
      const base = count[d0]!;
      if (packed.length < count[d1]! - base) packed = new Float64Array(count[d1]! - base);
      const next = count.slice(d0, d1);
      for (let i = 0; i < n; i++) {
        const h = chunks[i >>> CHUNK_BITS]![3 * (i & CHUNK_MASK)]!;
        const d = h >>> 16;
        if (d >= d0 && d < d1) packed[next[d - d0]!++ - base] = (h & 0xffff) * 4294967296 + i;
      }
      for (let d = d0; d < d1; d++) {
        const from = count[d]! - base;
        const to = count[d + 1]! - base;
        if (to - from < 2) continue;
        // most buckets hold a few keys (n / 65,536): sorted in place here, where a native sort of each
        // bucket's view cost a view and a call per bucket (a third of the search on 1M keys)
        if (to - from > SMALL_BUCKET) packed.subarray(from, to).sort();
        else insertionSort(packed, from, to);
        for (let i = from; i < to; ) {
          const low = Math.floor(packed[i]! / 4294967296);
          let j = i + 1;
          while (j < to && Math.floor(packed[j]! / 4294967296) === low) j++;
          if (j - i > 1) {
            // equal first hash: group by the second (in log order, so the first of a group is the first row)
            const groups = new Map<number, number>();
            for (let k = i; k < j; k++) {
              const e = packed[k]! % 4294967296;
              const c = chunks[e >>> CHUNK_BITS]!;
              const o = 3 * (e & CHUNK_MASK);
              const b = c[o + 1]!;
              const row = c[o + 2]!;
              const first = groups.get(b);
              if (first === undefined) groups.set(b, row);
              else out.push({ row, first, value: this.candidates.get(row) ?? '' });
            }
          }
          i = j;
        }
      }
      d0 = d1;
    }
    return out.sort((x, y) => x.row - y.row);
  }
}
