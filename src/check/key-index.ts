/**
 * A compact index of key → first row for primary keys, unique keys and unique fields.
 *
 * Storing a million composite key strings in a Map costs hundreds of MB (and the strings keep the
 * parser's chunks alive). This index keeps two independent 32-bit hashes per key (64 bits in all) and the
 * row in one interleaved typed array with open addressing: 12 bytes a slot, one cache line per probe. Two different keys are taken as equal only when
 * both hashes collide: for a million keys the chance of one false duplicate is about 3 in 100 million.
 */
export class KeyIndex {
  /** [h1, h2, row] per slot; h2 = 0 marks an empty slot. */
  private slots: Int32Array;
  private mask: number;
  private count = 0;
  // running hashes of the key being fed
  private a = 0;
  private b = 0;

  constructor(initialCapacity = 1 << 12) {
    let cap = 1;
    while (cap < initialCapacity) cap <<= 1;
    this.slots = new Int32Array(cap * 3);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.count;
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
    // part separator
    a = Math.imul(a ^ 0x1f, 0x01000193);
    b = Math.imul(b ^ 0x1f, 0x5bd1e995);
    this.a = a;
    this.b = b ^ (b >>> 13);
  }

  /** Ends the key: returns the row where it was first seen, or -1 after recording it at `row`. */
  finish(row: number): number {
    let a = this.a;
    a ^= a >>> 16;
    a = Math.imul(a, 0x85ebca6b);
    a ^= a >>> 13;
    const b = this.b | 1; // never 0: 0 marks an empty slot
    const slots = this.slots;
    let i = a & this.mask;
    for (;;) {
      const k = i * 3;
      const h = slots[k + 1]!;
      if (h === 0) {
        slots[k] = a;
        slots[k + 1] = b;
        slots[k + 2] = row;
        if (++this.count * 2 > this.mask) this.grow();
        return -1;
      }
      if (h === b && slots[k] === a) return slots[k + 2]!;
      i = (i + 1) & this.mask;
    }
  }

  /** Convenience for a single-part key. */
  firstOrAdd(key: string, row: number): number {
    this.begin();
    this.feed(key);
    return this.finish(row);
  }

  private grow(): void {
    const old = this.slots;
    const cap = (this.mask + 1) * 2;
    const slots = new Int32Array(cap * 3);
    const mask = cap - 1;
    for (let j = 0; j < old.length; j += 3) {
      const b = old[j + 1]!;
      if (b === 0) continue;
      let i = old[j]! & mask;
      while (slots[i * 3 + 1] !== 0) i = (i + 1) & mask;
      slots[i * 3] = old[j]!;
      slots[i * 3 + 1] = b;
      slots[i * 3 + 2] = old[j + 2]!;
    }
    this.slots = slots;
    this.mask = mask;
  }
}
