/**
 * One compact index of the Kemendagri region codes for the whole process: the four data files of
 * idn-area-data as bytes (one line per region: code,parent,name) and, per level, the line starts sorted by
 * code — no object per region. Lookups binary-search the bytes without allocating; a region's name is
 * decoded only when asked. Built once (about 3 MB); the bytes live in SharedArrayBuffers, so a worker thread
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
  keys: SharedArrayBuffer;
  lines: SharedArrayBuffer;
  /** Per level, where its lines begin in `starts` (5 numbers). */
  bounds: number[];
}

interface Index {
  bytes: Uint8Array;
  starts: Int32Array;
  bounds: number[];
  /** Open-addressing hash table: a code's digits as a number (5201022001) → its line; 0 = empty slot. */
  keys: Float64Array;
  lines: Int32Array;
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
  // every code's digits are a distinct number (levels have 2, 4, 6 and 10 digits, none starting with 0)
  let cap = 1;
  while (cap < count * 2) cap <<= 1;
  const keys = new Float64Array(new SharedArrayBuffer(cap * 8));
  const lines = new Int32Array(new SharedArrayBuffer(cap * 4));
  for (let n = 0; n < count; n++) {
    const line = starts[n]!;
    let key = 0;
    for (let p = line; bytes[p] !== 44; p++) if (bytes[p] !== 46) key = key * 10 + (bytes[p]! - 48);
    let h = slot(key, cap);
    while (keys[h] !== 0) h = (h + 1) & (cap - 1);
    keys[h] = key;
    lines[h] = line;
  }
  return { bytes, starts, bounds, keys, lines };
}

function slot(key: number, cap: number): number {
  const lo = key % 1000000;
  const hi = (key - lo) / 1000000;
  return (Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1) >>> 0) & (cap - 1);
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
  return { bytes: i.bytes.buffer as SharedArrayBuffer, starts: i.starts.buffer as SharedArrayBuffer, keys: i.keys.buffer as SharedArrayBuffer, lines: i.lines.buffer as SharedArrayBuffer, bounds: i.bounds };
}

/** Uses an index built by another thread. */
export function adopt(s: RegionIndexShare): void {
  index = { bytes: new Uint8Array(s.bytes), starts: new Int32Array(s.starts), bounds: s.bounds, keys: new Float64Array(s.keys), lines: new Int32Array(s.lines) };
}

export function levelOfCode(code: string): Level | undefined {
  const n = code.length;
  return n === 2 ? 'provinsi' : n === 5 ? 'kabupaten_kota' : n === 8 ? 'kecamatan' : n === 13 ? 'desa_kelurahan' : undefined;
}

/** The line (an opaque id ≥ 0) of a dotted code ("52.01.02.2001"), or -1. No allocation. */
export function find(code: string): number {
  const n = code.length;
  if (n !== 2 && n !== 5 && n !== 8 && n !== 13) return -1;
  let key = 0;
  for (let k = 0; k < n; k++) {
    const c = code.charCodeAt(k);
    if (k === 2 || k === 5 || k === 8) {
      if (c !== 46) return -1;
    } else if (c >= 48 && c <= 57) key = key * 10 + (c - 48);
    else return -1;
  }
  if (key === 0) return -1;
  const { keys, lines } = get();
  const mask = keys.length - 1;
  for (let h = slot(key, keys.length); keys[h] !== 0; h = (h + 1) & mask) if (keys[h] === key) return lines[h]!;
  return -1;
}

/** Whether the region at `line` is named exactly `name` (no allocation). */
export function nameIs(line: number, name: string): boolean {
  const { bytes } = get();
  let p = bytes.indexOf(44, line);
  p = bytes.indexOf(44, p + 1) + 1;
  if (bytes[p] === 34) return false; // a quoted name: the slow path decodes it
  let k = 0;
  for (; k < name.length; k++) {
    const c = name.charCodeAt(k);
    if (c > 127 || bytes[p + k] !== c) return false;
  }
  const end = bytes[p + k];
  return end === 10 || end === 13;
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
