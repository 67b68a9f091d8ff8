/**
 * One compact index of the Kemendagri region codes for the whole process: the four data files of
 * standards/codes/wilayah as bytes (one line per region: code,parent,name) and, per level, the line starts sorted by
 * code — no object per region. A code is looked up in a hash table of line starts without allocating, and a
 * name compared in place (isNamed); a region's name is decoded only when asked. Built once (about 3 MB of
 * lines and a 4 MB table); the bytes live in SharedArrayBuffers, so a worker thread
 * adopts the parent's index instead of building its own (share() / adopt()).
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { BUNDLED_CODES } from './code-lists.js';

export type Level = 'provinsi' | 'kabupaten_kota' | 'kecamatan' | 'desa_kelurahan';
export const LEVELS: Level[] = ['provinsi', 'kabupaten_kota', 'kecamatan', 'desa_kelurahan'];
const FILES: Record<Level, string> = { provinsi: 'provinces.csv', kabupaten_kota: 'regencies.csv', kecamatan: 'districts.csv', desa_kelurahan: 'villages.csv' };
/** Length of a dotted code at each level. */
export const DOTTED_LENGTH: Record<Level, number> = { provinsi: 2, kabupaten_kota: 5, kecamatan: 8, desa_kelurahan: 13 };

export interface RegionIndexShare {
  bytes: SharedArrayBuffer;
  starts: SharedArrayBuffer;
  table: SharedArrayBuffer;
  /** Per level, where its lines begin in `starts` (5 numbers). */
  bounds: number[];
}

interface Index {
  bytes: Uint8Array;
  starts: Int32Array;
  bounds: number[];
  /**
   * Open-addressing hash table (linear probing) of 32-byte slots, one per region, aligned so that a slot never
   * straddles a cache line: the code itself as two numbers (exact: no line is read to confirm it), the line
   * start, the name's length and its first 16 bytes. A lookup of a code and its name reads one slot — the
   * line too only for a name longer than 16 bytes (4% of villages) — so a table whose rows jump across the
   * country costs one cache miss per row, not two.
   */
  table: Int32Array;
  /** The same slots as bytes (the inline names). */
  slotBytes: Uint8Array;
}

/** Where the name starts after a code of this length: "code,parent," (a province's parent is empty). */
const NAME_AFTER: number[] = [];
NAME_AFTER[2] = 2 + 2;
NAME_AFTER[5] = 5 + 4;
NAME_AFTER[8] = 8 + 7;
NAME_AFTER[13] = 13 + 10;

/** Int32s per slot: code (2), line, name length (or NO_FAST_NAME), then 16 bytes of name. */
const SLOT = 8;
const NAME_INLINE = 16;
/** A name the fast comparison cannot take (quoted, non-ASCII, unusual parent): the slow path decodes it. */
const NO_FAST_NAME = -1;

let index: Index | null = null;

/** The bundled edition's data files (see its README), among the bundled code lists. */
const WILAYAH_DIR = join(BUNDLED_CODES, 'wilayah');

/** Builds the index from the data files (normalising every line to code,parent,name). */
function build(): Index {
  const parts: Buffer[] = [];
  const lineStarts: number[][] = [];
  let offset = 0;
  for (const level of LEVELS) {
    const raw = readFileSync(join(WILAYAH_DIR, FILES[level]));
    const starts: number[] = [];
    // skip the header line; copy each line into one buffer (a province line gets an empty parent:
    // "52,,NUSA TENGGARA BARAT"; CR and blank lines dropped), no buffer per line
    let i = raw.indexOf(10) + 1;
    const bytes = Buffer.allocUnsafe(2 * raw.length + 2);
    let len = 0;
    while (i < raw.length) {
      let end = raw.indexOf(10, i);
      if (end < 0) end = raw.length;
      let stop = end;
      if (stop > i && raw[stop - 1] === 13) stop--;
      if (stop > i) {
        starts.push(offset + len);
        if (level === 'provinsi') {
          const c = raw.indexOf(44, i);
          len += raw.copy(bytes, len, i, c + 1);
          bytes[len++] = 44;
          len += raw.copy(bytes, len, c + 1, stop);
        } else len += raw.copy(bytes, len, i, stop);
        bytes[len++] = 10;
      }
      i = end + 1;
    }
    const body = bytes.subarray(0, len);
    parts.push(body);
    // the files are sorted by code; this keeps the index right if one is not (a sorted list costs one pass)
    let sorted = true;
    for (let n = 1; n < starts.length && sorted; n++) sorted = compareLines(body, starts[n - 1]! - offset, starts[n]! - offset) < 0;
    if (!sorted) starts.sort((a, b) => compareLines(body, a - offset, b - offset));
    lineStarts.push(starts);
    offset += len;
  }
  const all = Buffer.concat(parts);
  const sab = new SharedArrayBuffer(all.length);
  const bytes = new Uint8Array(sab);
  bytes.set(all);
  const count = lineStarts.reduce((n, s) => n + s.length, 0);
  const starts = new Int32Array(new SharedArrayBuffer(count * 4));
  const bounds = [0];
  let k = 0;
  for (const s of lineStarts) {
    for (const v of s) starts[k++] = v;
    bounds.push(k);
  }
  // load factor about 0.7: 4 MB of slots for the 91,599 regions
  let cap = 1;
  while (cap * 0.7 < count) cap <<= 1;
  const table = new Int32Array(new SharedArrayBuffer(cap * SLOT * 4));
  const slotBytes = new Uint8Array(table.buffer);
  for (let n = 0; n < count; n++) {
    const line = starts[n]!;
    let hi = 0;
    let lo = 0;
    let digits = 0;
    let p = line;
    for (; bytes[p] !== 44; p++) {
      if (bytes[p] === 46) continue;
      if (digits < 5) hi = hi * 10 + bytes[p]! - 48;
      else lo = lo * 10 + bytes[p]! - 48;
      digits++;
    }
    const k1 = key1(hi, digits);
    let at = slotOf(k1, lo, cap - 1);
    while (table[at * SLOT] !== 0) at = (at + 1) & (cap - 1);
    const s0 = at * SLOT;
    table[s0] = k1;
    table[s0 + 1] = lo;
    table[s0 + 2] = line;
    // the name, when the fast comparison can take it: after "code,parent," of the usual lengths, unquoted, ASCII
    const from = line + NAME_AFTER[p - line]!;
    let end = from;
    let ascii = bytes[from - 1] === 44 && bytes[from] !== 34;
    for (; end < bytes.length && bytes[end] !== 10; end++) if (bytes[end]! > 127) ascii = false;
    table[s0 + 3] = ascii ? end - from : NO_FAST_NAME;
    if (ascii) for (let k = 0; k < NAME_INLINE && from + k < end; k++) slotBytes[s0 * 4 + 16 + k] = bytes[from + k]!;
  }
  return { bytes, starts, bounds, table, slotBytes };
}

/** A code's first number: up to 5 digits and the digit count (never 0: 0 marks an empty slot). */
function key1(hi: number, digits: number): number {
  return hi | (digits << 17);
}

/** The slot a code hashes to (murmur3's fmix32 over both numbers). */
function slotOf(k1: number, lo: number, mask: number): number {
  let h = Math.imul(k1, 0x9e3779b1) ^ lo;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) & mask;
}

function compareLines(bytes: Uint8Array, a: number, b: number): number {
  for (;;) {
    const x = bytes[a++]!;
    const y = bytes[b++]!;
    const xe = x === 44;
    const ye = y === 44;
    if (xe || ye) return xe && ye ? 0 : xe ? -1 : 1;
    if (x !== y) return x - y;
  }
}

/**
 * The index as the build step writes it (scripts/build-region-index.mjs → dist/standards/region-index.bin), so
 * that a run loads 7.5 MB instead of building it (about 190 ms of a validation's start-up): a first line of JSON
 * (the data it was built from, the sizes), padded to 8 bytes, then the line bytes, line starts and slots. It is
 * used only when it was built from the bundled data files (their sizes); else the index is built here as before.
 */
export const PREBUILT = fileURLToPath(new URL('./region-index.bin', import.meta.url));
/** Bumped whenever the index's layout changes (a prebuilt file of another format is ignored). */
const FORMAT = 3;

function sourceStamp(): string {
  return JSON.stringify({ format: FORMAT, sizes: LEVELS.map((l) => statSync(join(WILAYAH_DIR, FILES[l])).size) });
}

/** The index as bytes, for the build step. */
export function serialise(): Buffer {
  const i = get();
  const head = { stamp: sourceStamp(), bounds: i.bounds, bytes: i.bytes.length, starts: i.starts.length, table: i.table.length };
  let json = JSON.stringify(head);
  json += ' '.repeat(7 - ((json.length + 7) % 8)) + '\n';
  return Buffer.concat([Buffer.from(json, 'latin1'), i.bytes, new Uint8Array((8 - (i.bytes.length % 8)) % 8), new Uint8Array(i.starts.buffer), new Uint8Array(i.table.buffer)]);
}

/** Where the parts of a prebuilt index file lie, from its first line; null when it does not match the data. */
function layoutOf(first: Buffer, size: number): { at: number; head: { bounds: number[]; bytes: number; starts: number; table: number }; pad: number } | null {
  const nl = first.indexOf(10);
  if (nl < 0) return null;
  const head = JSON.parse(first.subarray(0, nl).toString('latin1')) as { stamp: string; bounds: number[]; bytes: number; starts: number; table: number };
  if (head.stamp !== sourceStamp()) return null;
  const pad = (8 - (head.bytes % 8)) % 8;
  const at = nl + 1;
  if (size !== at + head.bytes + pad + 4 * head.starts + 4 * head.table) return null;
  return { at, head, pad };
}

function indexOf(parts: Uint8Array[], bounds: number[]): Index {
  const [bytes, starts, slots] = parts as [Uint8Array, Uint8Array, Uint8Array];
  return { bytes, starts: new Int32Array(starts.buffer), bounds, table: new Int32Array(slots.buffer), slotBytes: slots };
}

/** The index read from a file serialise() wrote, when it matches the installed data; else null. */
export function load(path: string): Index | null {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return null;
  }
  try {
    const first = Buffer.alloc(4096);
    const where = layoutOf(first.subarray(0, readSync(fd, first, 0, first.length, 0)), fstatSync(fd).size);
    if (!where) return null;
    let at = where.at;
    // read straight into the shared buffers (no copy of the file in between)
    const part = (n: number, skip = 0): Uint8Array => {
      const view = new Uint8Array(new SharedArrayBuffer(n));
      for (let got = 0; got < n; ) {
        const r = readSync(fd, view, got, n - got, at + got);
        if (r === 0) throw new Error('short read');
        got += r;
      }
      at += n + skip;
      return view;
    };
    const { head, pad } = where;
    return indexOf([part(head.bytes, pad), part(4 * head.starts), part(4 * head.table)], head.bounds);
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** load() on the thread pool. */
export async function loadAsync(path: string): Promise<Index | null> {
  let fh: FileHandle;
  try {
    fh = await open(path, 'r');
  } catch {
    return null;
  }
  try {
    const first = Buffer.alloc(4096);
    const { bytesRead } = await fh.read(first, 0, first.length, 0);
    const where = layoutOf(first.subarray(0, bytesRead), (await fh.stat()).size);
    if (!where) return null;
    let at = where.at;
    const part = async (n: number, skip = 0): Promise<Uint8Array> => {
      const view = new Uint8Array(new SharedArrayBuffer(n));
      for (let got = 0; got < n; ) {
        const r = (await fh.read(view, got, n - got, at + got)).bytesRead;
        if (r === 0) throw new Error('short read');
        got += r;
      }
      at += n + skip;
      return view;
    };
    const { head, pad } = where;
    return indexOf([await part(head.bytes, pad), await part(4 * head.starts), await part(4 * head.table)], head.bounds);
  } catch {
    return null;
  } finally {
    await fh.close();
  }
}

let preloading: Promise<void> | null = null;

/**
 * Reads the prebuilt index on the thread pool ahead of its first use: called when a large file is about to be
 * validated, so that the ~25 ms of reading 7.5 MB (most of it the kernel mapping the new memory) are not spent
 * on the validating thread. A use before it is read reads it there, as without it.
 */
export function preload(): void {
  if (index || preloading) return;
  preloading = loadAsync(PREBUILT).then((i) => {
    if (i && !index) index = i;
  });
}

function get(): Index {
  return (index ??= load(PREBUILT) ?? build());
}

/** Builds the index from the data files, ignoring a prebuilt one (tests compare the two). */
export function buildFresh(): void {
  index = build();
}

/** The index's shared buffers, for a worker thread (builds the index if needed). */
export function share(): RegionIndexShare {
  const i = get();
  return { bytes: i.bytes.buffer as SharedArrayBuffer, starts: i.starts.buffer as SharedArrayBuffer, table: i.table.buffer as SharedArrayBuffer, bounds: i.bounds };
}

/** Uses an index built by another thread. */
export function adopt(s: RegionIndexShare): void {
  index = { bytes: new Uint8Array(s.bytes), starts: new Int32Array(s.starts), bounds: s.bounds, table: new Int32Array(s.table), slotBytes: new Uint8Array(s.table) };
}

export function levelOfCode(code: string): Level | undefined {
  const n = code.length;
  return n === 2 ? 'provinsi' : n === 5 ? 'kabupaten_kota' : n === 8 ? 'kecamatan' : n === 13 ? 'desa_kelurahan' : undefined;
}

/**
 * The slot (an opaque id ≥ 0) of a dotted code ("52.01.02.2001"), or -1: the code's digits as two exact
 * numbers, hashed; no allocation, and no read beyond the slots.
 */
function slot(code: string): number {
  const n = code.length;
  if (n === 13) return villageSlot(code);
  if (n !== 2 && n !== 5 && n !== 8) return -1;
  let hi = 0;
  let lo = 0;
  let digits = 0;
  for (let k = 0; k < n; k++) {
    const c = code.charCodeAt(k);
    if (k === 2 || k === 5 || k === 8) {
      if (c !== 46) return -1;
    } else if (c >= 48 && c <= 57) {
      if (digits < 5) hi = hi * 10 + c - 48;
      else lo = lo * 10 + c - 48;
      digits++;
    } else return -1;
  }
  return probe(key1(hi, digits), lo);
}

/** slot() of a 13-character code, the village level that holds nine regions in ten (see villageKey). */
function villageSlot(code: string): number {
  return villageKey(code, KEY, 0) ? probe(KEY[0]!, KEY[1]!) : -1;
}

/** Where villageSlot puts a code's two numbers. */
const KEY = new Int32Array(2);

/**
 * A 13-character dotted code's two numbers (k1, lo), written to keys[2k] and keys[2k + 1]; false when the text
 * is not ten digits dotted as a village code. Its characters are read straight, without a loop (a code cell is
 * usually a sliced string, whose every charCodeAt costs more than a flat string's; unrolled, the read takes
 * about 30 instead of 50 ns).
 */
function villageKey(code: string, keys: Int32Array, k: number): boolean {
  const d0 = code.charCodeAt(0) - 48;
  const d1 = code.charCodeAt(1) - 48;
  const d3 = code.charCodeAt(3) - 48;
  const d4 = code.charCodeAt(4) - 48;
  const d6 = code.charCodeAt(6) - 48;
  const d7 = code.charCodeAt(7) - 48;
  const d9 = code.charCodeAt(9) - 48;
  const d10 = code.charCodeAt(10) - 48;
  const d11 = code.charCodeAt(11) - 48;
  const d12 = code.charCodeAt(12) - 48;
  // a digit is 0–9 after the shift; anything else is ≥ 10 as an unsigned number
  if ((d0 >>> 0) > 9 || (d1 >>> 0) > 9 || (d3 >>> 0) > 9 || (d4 >>> 0) > 9 || (d6 >>> 0) > 9 || (d7 >>> 0) > 9 || (d9 >>> 0) > 9 || (d10 >>> 0) > 9 || (d11 >>> 0) > 9 || (d12 >>> 0) > 9) return false;
  if (code.charCodeAt(2) !== 46 || code.charCodeAt(5) !== 46 || code.charCodeAt(8) !== 46) return false;
  keys[2 * k] = key1(d0 * 10000 + d1 * 1000 + d3 * 100 + d4 * 10 + d6, 10);
  keys[2 * k + 1] = d7 * 10000 + d9 * 1000 + d10 * 100 + d11 * 10 + d12;
  return true;
}

/**
 * A text's last two characters as one number (NaN for a text shorter than two): compared before two code texts
 * themselves, because comparing two sliced strings of the same length costs about ten times as much.
 */
export function endOf(v: string): number {
  const n = v.length;
  return v.charCodeAt(n - 1) * 65536 + v.charCodeAt(n - 2);
}

const TO_PROBE = -3;
/** The same code as the row before (its slot copied after the probes). */
const SAME = -4;
/** The village slots' keys of a batch (grown when a batch is longer). */
let batchKeys = new Int32Array(2 * 1024);

/**
 * The slots of the village codes in column `col` of many rows, looked up together: slots[k] is the slot of
 * row k's cell (≥ 0, for namedAt), -1 when the cell is a dotted village code the list does not hold, -2 when
 * it is no 13-character dotted code (not looked up). The codes are read first and the slots probed after, in
 * one short loop: the slots' memory, spread over 4 MB, is fetched for many rows at once instead of one cache
 * miss after the other, each row waiting for its own (with codes of all Indonesia in no order, ~130 ns a row).
 */
export function villageSlots(rows: readonly { readonly cells: readonly string[] }[], col: number, slots: Int32Array): void {
  const n = rows.length;
  if (batchKeys.length < 2 * n) batchKeys = new Int32Array(2 * n);
  const keys = batchKeys;
  let prev = '';
  let prevEnd = NaN;
  for (let k = 0; k < n; k++) {
    const code = rows[k]!.cells[col];
    if (code === undefined || code.length !== 13) {
      slots[k] = -2;
      continue;
    }
    // rows sorted by code repeat it: the previous row's look-up, when its last two characters and then the
    // whole text agree (comparing two texts costs more than two characters)
    const end = endOf(code);
    if (end === prevEnd && code === prev) {
      slots[k] = SAME;
      continue;
    }
    prev = code;
    prevEnd = end;
    slots[k] = villageKey(code, keys, k) ? TO_PROBE : -2;
  }
  // probe() written out: called, it would not fetch several slots at once
  const { table } = index ?? get();
  const mask = table.length / SLOT - 1;
  for (let k = 0; k < n; k++) {
    if (slots[k] === SAME) {
      slots[k] = slots[k - 1]!;
      continue;
    }
    if (slots[k] !== TO_PROBE) continue;
    const k1 = keys[2 * k]!;
    const lo = keys[2 * k + 1]!;
    for (let at = slotOf(k1, lo, mask); ; at = (at + 1) & mask) {
      const s0 = at * SLOT;
      const t = table[s0]!;
      if (t === 0) {
        slots[k] = -1;
        break;
      }
      if (t === k1 && table[s0 + 1] === lo) {
        slots[k] = s0;
        break;
      }
    }
  }
}

/** The slot holding the code (k1, lo), or -1. */
function probe(k1: number, lo: number): number {
  const { table } = index ?? get();
  const mask = table.length / SLOT - 1;
  for (let at = slotOf(k1, lo, mask); ; at = (at + 1) & mask) {
    const s0 = at * SLOT;
    const t = table[s0]!;
    if (t === 0) return -1;
    if (t === k1 && table[s0 + 1] === lo) return s0;
  }
}

/** The line (an opaque id ≥ 0) of a dotted code ("52.01.02.2001"), or -1. No allocation. */
export function find(code: string): number {
  const s = slot(code);
  return s < 0 ? -1 : index!.table[s + 2]!;
}

/**
 * Whether `code` is a region of the list named exactly `name` (ASCII names; no allocation). False when the
 * code is unknown, the name differs, or the name is for the slow path (quoted or non-ASCII): the caller then
 * judges the pair in full. One slot read (and the line for a name past its 16 inline bytes).
 */
export function isNamed(code: string, name: string): boolean {
  const s = slot(code);
  return s >= 0 && namedAt(s, code.length, name);
}

/** isNamed for a code already found: its slot (see villageSlots) and length. */
export function namedAt(s: number, codeLength: number, name: string): boolean {
  const { table, slotBytes, bytes } = index!;
  const n = name.length;
  if (table[s + 3] !== n) return false;
  const inline = s * 4 + 16;
  const m = n < NAME_INLINE ? n : NAME_INLINE;
  for (let k = 0; k < m; k++) if (slotBytes[inline + k] !== name.charCodeAt(k)) return false;
  if (n <= NAME_INLINE) return true;
  const p = table[s + 2]! + NAME_AFTER[codeLength]!;
  for (let k = NAME_INLINE; k < n; k++) if (bytes[p + k] !== name.charCodeAt(k)) return false;
  return true;
}

const decoder = new TextDecoder('utf-8');

/** code, parent ('' for a province) and name of the region at `line`. */
export function fieldsAt(line: number): { code: string; parent: string; name: string } {
  const { bytes } = get();
  const c1 = bytes.indexOf(44, line);
  const c2 = bytes.indexOf(44, c1 + 1);
  const end = bytes.indexOf(10, c2 + 1);
  let name = decoder.decode(bytes.subarray(c2 + 1, end < 0 ? bytes.length : end));
  if (name.charCodeAt(0) === 34) name = name.slice(1, name.endsWith('"') ? -1 : undefined).replace(/""/g, '"');
  return { code: latin(bytes, line, c1), parent: latin(bytes, c1 + 1, c2), name };
}

function latin(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

/** Every line of a level, in code order. */
export function* linesOf(level: Level): Generator<number> {
  const { starts, bounds } = get();
  const li = LEVELS.indexOf(level);
  for (let i = bounds[li]!; i < bounds[li + 1]!; i++) yield starts[i]!;
}
