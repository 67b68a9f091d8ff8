/**
 * Finds repeated keys (primary keys, unique keys, unique fields) without keeping the keys.
 *
 * Storing a million composite key strings in a Map costs hundreds of MB, and a hash table of a million
 * slots is touched at random, one cache miss per row. Here each key is reduced to two independent 32-bit
 * hashes (64 bits) appended to a log in row order (sequential writes). Two different keys are taken as equal
 * only when both hashes collide: for a million keys the chance of one false duplicate is about 3 in 100 million.
 *
 * A blocked Bloom filter (10 bits a key, one cache line per key) is consulted as each key is added: a key it
 * has not seen is certainly new, so every repeat is among the keys it flags (the repeats and ~1% of the rest).
 * The repeats are then found in one pass over the log, in row order, looking each key's first hash up in a
 * small table of the flagged ones — no sort, no index array. For the flagged keys the text is kept too (the
 * report wants the repeated value).
 *
 * Keys usually come in order (a table sorted by region and period): while they do, the filter is not needed.
 * A key above the largest so far cannot repeat an earlier one; one at or below it (out of order, or a repeat)
 * is flagged, as the filter would flag it. When more than a few keys come out of order, the index sets every key
 * it has met in the filter and uses it from then on. In a 1M-row CSV split over two threads, the filter's read
 * per key — a cache miss while the row's other work fills the caches — cost ~0.15 s of CPU in all.
 *
 * The log grows in chunks of 65,536 keys (12 bytes a key, nothing allocated ahead, nothing copied as it grows);
 * another shard's log is appended as its chunks: when both came in order and all of its keys are above this
 * index's, as they are, with the repeats the other shard found among its own keys (only this index's own keys
 * are then scanned at the end); else after its keys were checked against this index's filter.
 */
import { detach } from './detach.js';

/** A key index's content, transferable between threads (its chunks' buffers can be moved, not copied). */
export interface KeyLog {
  /** Chunks of (h1, h2, row) triples, each cut to its keys. */
  chunks: Int32Array[];
  n: number;
  /** The first hashes of the keys the shard flagged, by its filter or out of order (may repeat an earlier key of the shard). */
  flagged: Int32Array;
  candidates: [number, string][];
  /** The smallest and largest key, when the keys came in order (see KeyIndex). */
  order?: { low: string[]; top: string[] };
  /**
   * The log's own repeats, found by the exporting thread (when its keys came in order): an index that appends
   * the log above all of its own keys takes them as they are, and scans only its own keys at the end.
   */
  found?: Duplicate[];
}

export interface Duplicate {
  row: number;
  first: number;
  value: string;
}

const MAX_CANDIDATES = 200_000;
const CHUNK = 1 << 16;
/** Keys out of order that an ordered index flags before it turns to its filter (and at least 1 in 32 keys). */
const OUT_OF_ORDER_SLACK = 256;
const ONE_COLUMN = [0];

/**
 * The order of key parts: texts starting with a digit (integers, codes) by length, then by their characters;
 * others by their characters (a total order, so equal texts and only they compare 0).
 */
export function comparePart(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length !== b.length) {
    const x = a.charCodeAt(0);
    const y = b.charCodeAt(0);
    if (x >= 48 && x <= 57 && y >= 48 && y <= 57) return a.length - b.length;
  }
  return a < b ? -1 : 1;
}

function compareKeys(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < a.length; i++) {
    const c = comparePart(a[i]!, b[i]!);
    if (c !== 0) return c;
  }
  return 0;
}

export class KeyIndex {
  /** Closed chunks, each cut to its keys (see close()). */
  private chunks: Int32Array[] = [];
  private cur = new Int32Array(0);
  /** Keys in the current chunk. */
  private at = CHUNK;
  private n = 0;
  /** 512-bit blocks (16 words each); allocated when the index turns to it. */
  private bloom: Int32Array | null = null;
  /** Number of blocks − 1 (a power of two). */
  private bloomMask: number;
  /** Keys came in order so far (the filter is not used): their smallest and largest (parts in column order). */
  private ordered = true;
  private low: string[] = [];
  private top: string[] = [];
  private outOfOrder = 0;
  /** addKey's key as a one-part key (no array per key). */
  private one: string[] = [''];
  /**
   * The running hashes after each part of the key being fed (`parts` of them), and the same for the largest key
   * so far when `topHashed`. Parts are compared by these first: with the parts before equal, equal running
   * hashes (64 bits) are taken as equal parts, as the log takes equal hashes as equal keys — no text compare for
   * the parts a key shares with the one before (a region code repeated over its years).
   */
  private partA = new Int32Array(8);
  private partB = new Int32Array(8);
  private topA = new Int32Array(8);
  private topB = new Int32Array(8);
  private parts = 0;
  private topHashed = false;
  /** First hashes of the keys the filter flagged. */
  private flagged = new Int32Array(1024);
  private nFlagged = 0;
  private candidates = new Map<number, string>();
  /**
   * Logs appended above every key of this index with their repeats already found: only the first `own` chunks
   * are scanned for repeats, `found` follows (null: every chunk is scanned).
   */
  private settled: { own: number; found: Duplicate[] } | null = null;
  // running hashes of the key being fed
  private a = 0;
  private b = 0;

  /** `expected` keys size the Bloom filter (more keys only raise its false-positive rate). */
  constructor(expected = 1 << 12) {
    let blocks = 16;
    while (blocks * 512 < expected * 10 && blocks < 1 << 18) blocks <<= 1;
    this.bloomMask = blocks - 1;
  }

  get size(): number {
    return this.n;
  }

  /** Starts a new key. */
  begin(): void {
    this.parts = 0;
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
    const p = this.parts++;
    if (p === this.partA.length) this.growParts();
    this.partA[p] = a;
    this.partB[p] = this.b;
  }

  /**
   * Ends the key of `row`, whose parts (as fed) are `keys[cols[0]]`, `keys[cols[1]]`…; without them the index
   * uses its filter from here on. Returns true when the key may repeat an earlier one: the caller then keeps
   * its text with keep() (no closure or string is built for the other rows).
   */
  add(row: number, keys?: readonly (string | null | undefined)[], cols?: readonly number[]): boolean {
    let a = this.a;
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    const b = this.b;
    if (this.ordered) {
      if (keys !== undefined && cols !== undefined) {
        const from = this.n === 0 ? 0 : this.aboveFrom(keys, cols);
        if (from >= 0) {
          // above every key so far: new, nothing to look up (the parts before `from` equal the top's)
          for (let i = from; i < cols.length; i++) this.top[i] = keys[cols[i]!]!;
          const was = this.topHashed;
          this.topHashed = this.parts === cols.length;
          if (this.topHashed) {
            // (the parts before `from` hashed alike, unless the top's hashes were not known)
            for (let i = was ? from : 0; i < cols.length; i++) {
              this.topA[i] = this.partA[i]!;
              this.topB[i] = this.partB[i]!;
            }
          }
          if (this.n === 0) this.low = cols.map((c) => detach(keys[c]!));
          this.push(a, b, row);
          return false;
        }
        if (++this.outOfOrder <= OUT_OF_ORDER_SLACK || this.outOfOrder * 32 <= this.n) {
          // at or below the largest: a possible repeat, flagged (and the smallest key kept for absorb)
          if (this.belowLow(keys, cols)) this.low = cols.map((c) => detach(keys[c]!));
          this.flag(a);
          this.push(a, b, row);
          return this.candidates.size < MAX_CANDIDATES;
        }
      }
      this.toFilter();
    }
    const seen = this.mark(a, b);
    this.push(a, b, row);
    return seen && this.candidates.size < MAX_CANDIDATES;
  }

  /** When the key is above the largest so far, the first part where they differ; else −1 (at or below it). */
  private aboveFrom(keys: readonly (string | null | undefined)[], cols: readonly number[]): number {
    const top = this.top;
    const hashed = this.topHashed && this.parts === cols.length;
    for (let i = 0; i < cols.length; i++) {
      if (hashed && this.partA[i] === this.topA[i] && this.partB[i] === this.topB[i]) continue;
      const c = comparePart(keys[cols[i]!]!, top[i]!);
      if (c !== 0) return c > 0 ? i : -1;
    }
    return -1;
  }

  private growParts(): void {
    const grow = (a: Int32Array) => {
      const b = new Int32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.partA = grow(this.partA);
    this.partB = grow(this.partB);
    this.topA = grow(this.topA);
    this.topB = grow(this.topB);
  }

  private belowLow(keys: readonly (string | null | undefined)[], cols: readonly number[]): boolean {
    for (let i = 0; i < cols.length; i++) {
      const c = comparePart(keys[cols[i]!]!, this.low[i]!);
      if (c !== 0) return c < 0;
    }
    return false;
  }

  /** From now on every key goes through the filter: the keys met so far are set in it first. */
  private toFilter(): void {
    this.ordered = false;
    this.low = [];
    this.top = [];
    this.bloom = new Int32Array((this.bloomMask + 1) * 16);
    for (const c of this.chunks) this.markAll(c, c.length);
    if (this.at !== CHUNK) this.markAll(this.cur, 3 * this.at);
  }

  /** Sets the keys of a log chunk, up to `end`, in the filter (flagging those it had seen). */
  private markAll(chunk: Int32Array, end: number): void {
    for (let o = 0; o < end; o += 3) this.mark(chunk[o]!, chunk[o + 1]!);
  }

  /**
   * Sets the key's bits in the Bloom filter; true when they were all set (the key may have been seen), and
   * then its first hash is flagged. Blocked: the first hash picks a 512-bit block (one cache line), the
   * second three bits in it — one memory access per key instead of three at random.
   */
  private mark(a: number, b: number): boolean {
    const bloom = this.bloom!;
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
    if (seen) this.flag(a);
    return seen;
  }

  private flag(a: number): void {
    if (this.nFlagged === this.flagged.length) {
      const grown = new Int32Array(this.flagged.length * 2);
      grown.set(this.flagged);
      this.flagged = grown;
    }
    this.flagged[this.nFlagged++] = a;
  }

  private push(a: number, b: number, row: number): void {
    if (this.at === CHUNK) {
      this.close();
      this.settled = null; // a key after an appended log: every chunk is scanned
      this.cur = new Int32Array(3 * CHUNK);
      this.at = 0;
    }
    const o = 3 * this.at++;
    this.cur[o] = a;
    this.cur[o + 1] = b;
    this.cur[o + 2] = row;
    this.n++;
  }

  /** Moves the current chunk, cut to its keys, to the closed chunks (a key added after starts a new one). */
  private close(): void {
    if (this.at > 0 && this.cur.length) this.chunks.push(this.at === CHUNK ? this.cur : this.cur.subarray(0, 3 * this.at));
    this.cur = new Int32Array(0);
    this.at = CHUNK;
  }

  /** Keeps the text of a key add() flagged (copied: a cell text would pin its parser chunk). */
  keep(row: number, text: string): void {
    this.candidates.set(row, Buffer.from(text, 'utf8').toString('utf8'));
  }

  /** Convenience for a single-part key. */
  addKey(key: string, row: number): void {
    this.begin();
    this.feed(key);
    this.one[0] = key;
    if (this.add(row, this.one, ONE_COLUMN)) this.keep(row, key);
  }

  /** The log, flagged hashes and kept texts, to hand to another shard's index (see absorb); this index is left empty. */
  export(): KeyLog {
    this.close();
    // a cut chunk is copied to a buffer of its own (a chunk's buffer is moved whole)
    const chunks = this.chunks.map((c) => (c.byteLength === c.buffer.byteLength ? c : c.slice()));
    const log: KeyLog = { chunks, n: this.n, flagged: this.flagged.slice(0, this.nFlagged), candidates: [...this.candidates] };
    // (found here, on the exporting thread, while the other may still be reading its rows)
    if (this.ordered) {
      log.order = { low: this.low, top: this.top.map(detach) };
      log.found = this.duplicates();
    }
    this.dups = null;
    this.settled = null;
    this.chunks = [];
    this.n = 0;
    this.nFlagged = 0;
    this.candidates = new Map();
    return log;
  }

  /** The buffers of a log, for postMessage's transfer list. */
  static buffers(log: KeyLog | null): ArrayBuffer[] {
    return log ? [...log.chunks.map((c) => c.buffer as ArrayBuffer), log.flagged.buffer as ArrayBuffer] : [];
  }

  /**
   * Appends another shard's log (its rows come after this index's rows); its own repeats were flagged in it.
   * When both indexes' keys came in order and all of its keys are above this index's, none can repeat one of
   * them; else its keys that may are found with this index's filter (and set in it, for a later shard). The
   * chunks are appended, not copied.
   */
  absorb(log: KeyLog): void {
    this.close();
    const above = this.ordered && log.order !== undefined && (this.n === 0 || log.n === 0 || compareKeys(log.order.low, this.top) > 0);
    if (above) {
      if (log.n > 0) {
        if (this.n === 0) this.low = log.order!.low;
        this.top = log.order!.top;
        this.topHashed = false;
      }
      // none of its keys repeats one of this index's: its own repeats are all there are in it
      const s = this.settled;
      this.settled = log.found === undefined ? null : s ? { own: s.own, found: [...s.found, ...log.found] } : { own: this.chunks.length, found: log.found };
      for (const chunk of log.chunks) this.chunks.push(chunk);
    } else {
      this.settled = null;
      if (this.ordered) this.toFilter();
      for (const chunk of log.chunks) {
        this.markAll(chunk, chunk.length);
        this.chunks.push(chunk);
      }
    }
    this.n += log.n;
    for (let i = 0; i < log.flagged.length; i++) this.flag(log.flagged[i]!);
    for (const [row, text] of log.candidates) this.candidates.set(row, text);
    this.dups = null;
  }

  private dups: Duplicate[] | null = null;

  /** Every repeat, in row order, with the row of the key's first appearance (computed once; texts may be filled). */
  duplicates(): Duplicate[] {
    this.dups ??= this.findDuplicates();
    return this.dups;
  }

  /**
   * Repeats: one pass over the log in row order; a key whose first hash was flagged is looked up among the
   * earlier keys with that first hash (by its second hash): the first of them is its first appearance. The keys
   * met are kept in typed arrays (a list per flagged hash), not objects: a file pasted twice has as many
   * repeats as keys.
   */
  private findDuplicates(): Duplicate[] {
    this.close();
    const out: Duplicate[] = [];
    const settled = this.settled;
    this.scan(settled ? this.chunks.slice(0, settled.own) : this.chunks, out);
    if (settled) for (const d of settled.found) out.push(d);
    return out;
  }

  private scan(chunks: Int32Array[], out: Duplicate[]): void {
    if (this.n < 2 || this.nFlagged === 0) return;
    const table = new FlaggedTable(this.flagged, this.nFlagged);
    // per flagged hash, a list of (second hash, first row, next) entries in `met`
    const head = new Int32Array(table.size).fill(-1);
    let met = new Int32Array(3 * 1024);
    let used = 0;
    for (const c of chunks) {
      for (let o = 0; o < c.length; o += 3) {
        const slot = table.slotOf(c[o]!);
        if (slot < 0) continue;
        const b = c[o + 1]!;
        const row = c[o + 2]!;
        let e = head[slot]!;
        let last = -1;
        while (e >= 0 && met[e] !== b) {
          last = e;
          e = met[e + 2]!;
        }
        if (e >= 0) {
          out.push({ row, first: met[e + 1]!, value: this.candidates.get(row) ?? '' });
          continue;
        }
        if (used + 3 > met.length) {
          const grown = new Int32Array(met.length * 2);
          grown.set(met);
          met = grown;
        }
        met[used] = b;
        met[used + 1] = row;
        met[used + 2] = -1;
        if (last >= 0) met[last + 2] = used;
        else head[slot] = used;
        used += 3;
      }
    }
  }
}

/** A set of first hashes, open addressing in typed arrays (the hashes are already mixed: their low bits index it). */
class FlaggedTable {
  private keys: Int32Array;
  private used: Uint8Array;
  private mask: number;

  constructor(hashes: Int32Array, n: number) {
    let size = 16;
    while (size < 2 * n) size <<= 1;
    this.keys = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.mask = size - 1;
    for (let i = 0; i < n; i++) {
      const a = hashes[i]!;
      let s = a & this.mask;
      while (this.used[s] && this.keys[s] !== a) s = (s + 1) & this.mask;
      this.keys[s] = a;
      this.used[s] = 1;
    }
  }

  get size(): number {
    return this.keys.length;
  }

  /** The slot of a first hash in the set, or −1. */
  slotOf(a: number): number {
    let s = a & this.mask;
    while (this.used[s]) {
      if (this.keys[s] === a) return s;
      s = (s + 1) & this.mask;
    }
    return -1;
  }
}
