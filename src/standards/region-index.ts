/**
 * One compact index of the Kemendagri region codes for the whole process: the four data files of
 * idn-area-data as bytes (one line per region: code,parent,name) and, per level, the line starts sorted by
 * code — no object per region. A code is looked up in a hash table of line starts without allocating, and a
 * name compared in place (nameIs); a region's name is decoded only when asked. Built once (about 3 MB of
 * lines and a 1 MB table); the bytes live in SharedArrayBuffers, so a worker thread
 * adopts the parent's index instead of building its own (share() / adopt()).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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
   * Open-addressing hash table (linear probing), hashed on a code's digits: per slot the full hash and the
   * line start (-1 = empty). A hit is confirmed on the line's own bytes, which hold the name next to the code:
   * one lookup touches one table slot and one line (the name is compared in the same cache lines).
   */
  table: Int32Array;
}

let index: Index | null = null;

function dataDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('idn-area-data/package.json')), 'data');
}

/** Builds the index from the data files (normalising every line to code,parent,name). */
function build(): Index {
  const parts: Buffer[] = [];
  const lineStarts: number[][] = [];
  let offset = 0;
  for (const level of LEVELS) {
    const raw = readFileSync(join(dataDir(), FILES[level]));
    const starts: number[] = [];
    // skip the header line; keep each line (a province line gets an empty parent: "52,,NUSA TENGGARA BARAT")
    let i = raw.indexOf(10) + 1;
    const chunks: Buffer[] = [];
    let len = 0;
    while (i < raw.length) {
      let end = raw.indexOf(10, i);
      if (end < 0) end = raw.length;
      let stop = end;
      if (stop > i && raw[stop - 1] === 13) stop--;
      if (stop > i) {
        let line = raw.subarray(i, stop);
        if (level === 'provinsi') {
          const c = line.indexOf(44);
          line = Buffer.concat([line.subarray(0, c + 1), Buffer.from(','), line.subarray(c + 1)]);
        }
        starts.push(offset + len);
        chunks.push(line, Buffer.from('\n'));
        len += line.length + 1;
      }
      i = end + 1;
    }
    const bytes = Buffer.concat(chunks);
    parts.push(bytes);
    const cmp = (a: number, b: number) => compareLines(bytes, a - offset, b - offset);
    starts.sort(cmp); // the files are sorted by code; this keeps the index right if one is not
    lineStarts.push(starts);
    offset += bytes.length;
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
  // load factor about 0.7; each slot holds the code's full hash and its line start, side by side, so a probe
  // that is not the code costs no read of another line (1 MB for the 91,599 regions)
  let cap = 1;
  while (cap * 0.7 < count) cap <<= 1;
  const table = new Int32Array(new SharedArrayBuffer(cap * 8));
  for (let h = 1; h < table.length; h += 2) table[h] = -1;
  for (let n = 0; n < count; n++) {
    const line = starts[n]!;
    let h = 0;
    for (let p = line; bytes[p] !== 44; p++) if (bytes[p] !== 46) h = mix(h, bytes[p]! - 48);
    h = finish(h);
    let at = h & (cap - 1);
    while (table[2 * at + 1] !== -1) at = (at + 1) & (cap - 1);
    table[2 * at] = h;
    table[2 * at + 1] = line;
  }
  return { bytes, starts, bounds, table };
}

/** One digit into a code's hash (the same on the index's bytes and on a looked-up string). */
function mix(h: number, digit: number): number {
  return (Math.imul(h ^ digit, 0x01000193) + digit + 1) | 0;
}

/** The hash's final mixing (murmur3's fmix32), so that its low bits choose the slot well. */
function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
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

function get(): Index {
  return (index ??= build());
}

/** The index's shared buffers, for a worker thread (builds the index if needed). */
export function share(): RegionIndexShare {
  const i = get();
  return { bytes: i.bytes.buffer as SharedArrayBuffer, starts: i.starts.buffer as SharedArrayBuffer, table: i.table.buffer as SharedArrayBuffer, bounds: i.bounds };
}

/** Uses an index built by another thread. */
export function adopt(s: RegionIndexShare): void {
  index = { bytes: new Uint8Array(s.bytes), starts: new Int32Array(s.starts), bounds: s.bounds, table: new Int32Array(s.table) };
}

export function levelOfCode(code: string): Level | undefined {
  const n = code.length;
  return n === 2 ? 'provinsi' : n === 5 ? 'kabupaten_kota' : n === 8 ? 'kecamatan' : n === 13 ? 'desa_kelurahan' : undefined;
}

/** The line (an opaque id ≥ 0) of a dotted code ("52.01.02.2001"), or -1. No allocation. */
export function find(code: string): number {
  const n = code.length;
  if (n !== 2 && n !== 5 && n !== 8 && n !== 13) return -1;
  let h = 0;
  for (let k = 0; k < n; k++) {
    const c = code.charCodeAt(k);
    if (k === 2 || k === 5 || k === 8) {
      if (c !== 46) return -1;
    } else if (c >= 48 && c <= 57) h = mix(h, c - 48);
    else return -1;
  }
  h = finish(h);
  const { table, bytes } = index ?? get();
  const mask = (table.length >> 1) - 1;
  for (let at = h & mask; ; at = (at + 1) & mask) {
    const line = table[2 * at + 1]!;
    if (line === -1) return -1;
    if (table[2 * at] !== h) continue;
    let k = 0;
    while (k < n && bytes[line + k] === code.charCodeAt(k)) k++;
    if (k === n && bytes[line + n] === 44) return line;
  }
}

/** Where the name starts after a code of this length: "code,parent," (a province's parent is empty). */
const NAME_AFTER: number[] = [];
NAME_AFTER[2] = 2 + 2;
NAME_AFTER[5] = 5 + 4;
NAME_AFTER[8] = 8 + 7;
NAME_AFTER[13] = 13 + 10;

/**
 * Whether the region at `line` (found for a dotted code of `codeLength` characters) is named exactly `name`,
 * ASCII names only (no allocation; a quoted or non-ASCII name is for the slow path).
 */
export function nameIs(line: number, name: string, codeLength: number): boolean {
  const { bytes } = index ?? get();
  const p = line + NAME_AFTER[codeLength]!;
  // a line whose parent is not the usual length, or a quoted name: the slow path decodes it
  if (bytes[p - 1] !== 44 || bytes[p] === 34) return false;
  const n = name.length;
  for (let k = 0; k < n; k++) {
    const c = name.charCodeAt(k);
    if (c > 127 || bytes[p + k] !== c) return false;
  }
  return bytes[p + n] === 10;
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
