/**
 * Limits against hostile and broken input, in one place. Every limit has a documented default (README,
 * "Limits (hostile input)") and can be overridden by an environment variable or an option:
 *
 * | limit | default | env |
 * |---|---|---|
 * | uncompressed bytes per zip entry | 1 GiB | SATUDATA_MAX_ENTRY_MB |
 * | uncompressed bytes of a part held in memory (shared strings, styles, workbook, rels) | 256 MiB | SATUDATA_MAX_PART_MB |
 * | uncompressed bytes, whole zip | 2 GiB | SATUDATA_MAX_UNZIPPED_MB |
 * | compression ratio of an entry (entries > 16 MiB) | 200 | SATUDATA_MAX_RATIO |
 * | declared sheet dimension (cells) | 100,000,000 | SATUDATA_MAX_CELLS |
 * | columns per row | 2,048 | SATUDATA_MAX_COLUMNS |
 * | XML element depth | 64 | SATUDATA_MAX_XML_DEPTH |
 * | CSV record length (characters) | 16 Mi | SATUDATA_MAX_RECORD_CHARS |
 * | time per file (seconds) | 120 | SATUDATA_TIME_LIMIT (or --time-limit) |
 *
 * The zip check reads only the central directory (and the first compressed KB of each XML part, to refuse
 * DOCTYPE/ENTITY declarations) before any part is inflated; then every inflated byte goes through ZipMeter,
 * whatever the central directory declares. docs/limits.md documents every limit.
 */
import { open } from 'node:fs/promises';
import { inflateRawSync, constants as zc } from 'node:zlib';
import { ReadError } from './table.js';
import { decodeRange } from './workbook-common.js';

export interface Limits {
  maxEntryBytes: number;
  /** Parts read whole into memory (shared strings, styles, workbook, rels), unlike the streamed sheets. */
  maxPartBytes: number;
  maxTotalBytes: number;
  maxRatio: number;
  /** Entries smaller than this (uncompressed) are not held to the ratio. */
  ratioFloorBytes: number;
  maxDeclaredCells: number;
  /** Columns a row may have (a cell far to the right, or a CSV line of commas). */
  maxColumns: number;
  maxXmlDepth: number;
  maxRecordChars: number;
  timeLimitSeconds: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxEntryBytes: 1024 * MB,
  maxPartBytes: 256 * MB,
  maxTotalBytes: 2048 * MB,
  maxRatio: 200,
  ratioFloorBytes: 16 * MB,
  maxDeclaredCells: 100_000_000,
  maxColumns: 2048,
  maxXmlDepth: 64,
  maxRecordChars: 16 * MB,
  timeLimitSeconds: 120,
});

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** The limits in force: defaults, then environment variables, then explicit overrides. */
export function currentLimits(overrides: Partial<Limits> = {}): Limits {
  const mb = (name: string) => {
    const n = envNumber(name);
    return n === undefined ? undefined : Math.round(n * MB);
  };
  const fromEnv: Partial<Limits> = {
    maxEntryBytes: mb('SATUDATA_MAX_ENTRY_MB'),
    maxPartBytes: mb('SATUDATA_MAX_PART_MB'),
    maxTotalBytes: mb('SATUDATA_MAX_UNZIPPED_MB'),
    maxRatio: envNumber('SATUDATA_MAX_RATIO'),
    maxDeclaredCells: envNumber('SATUDATA_MAX_CELLS'),
    maxColumns: envNumber('SATUDATA_MAX_COLUMNS'),
    maxXmlDepth: envNumber('SATUDATA_MAX_XML_DEPTH'),
    maxRecordChars: envNumber('SATUDATA_MAX_RECORD_CHARS'),
    timeLimitSeconds: envNumber('SATUDATA_TIME_LIMIT'),
  };
  const out: Limits = { ...DEFAULT_LIMITS };
  for (const src of [fromEnv, overrides]) {
    for (const [k, v] of Object.entries(src)) if (typeof v === 'number' && Number.isFinite(v) && v > 0) (out as unknown as Record<string, number>)[k] = v;
  }
  return out;
}

export interface ZipEntry {
  name: string;
  method: number;
  compressed: number;
  uncompressed: number;
  localOffset: number;
  /** General-purpose flags (bit 0: encrypted). */
  flags: number;
}

const EOCD = 0x06054b50;
const CDH = 0x02014b50;
const LFH = 0x04034b50;

/** Reads the zip central directory (zip64 sizes are taken as "huge"). Null when there is none (not a zip, or
 *  cut off: the streaming reader then reports it, and the streaming meter still bounds what it inflates). */
export async function readCentralDirectory(path: string, size: number): Promise<ZipEntry[] | null> {
  const fh = await open(path, 'r');
  try {
    const tailLen = Math.min(size, 65557);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    let eocd = -1;
    for (let i = tailLen - 22; i >= 0; i--) if (tail.readUInt32LE(i) === EOCD) { eocd = i; break; }
    if (eocd < 0) return null;
    const count = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (cdOffset + cdSize > size || cdSize > 64 * MB) throw new ReadError('corrupt-file', { detail: 'central directory' });
    const cd = Buffer.alloc(cdSize);
    await fh.read(cd, 0, cdSize, cdOffset);
    const entries: ZipEntry[] = [];
    let p = 0;
    while (p + 46 <= cd.length && entries.length < Math.max(count, 1) * 2 + 65536) {
      if (cd.readUInt32LE(p) !== CDH) break;
      const flags = cd.readUInt16LE(p + 8);
      const method = cd.readUInt16LE(p + 10);
      let compressed = cd.readUInt32LE(p + 20);
      let uncompressed = cd.readUInt32LE(p + 24);
      const nameLen = cd.readUInt16LE(p + 28);
      const extraLen = cd.readUInt16LE(p + 30);
      const commentLen = cd.readUInt16LE(p + 32);
      let localOffset = cd.readUInt32LE(p + 42);
      const name = cd.subarray(p + 46, p + 46 + nameLen).toString('utf8');
      // zip64: sizes of 0xFFFFFFFF live in the extra field; treat them as 2^32 at least (they are huge anyway)
      if (uncompressed === 0xffffffff) uncompressed = 2 ** 32;
      if (compressed === 0xffffffff) compressed = 2 ** 32;
      if (localOffset === 0xffffffff) localOffset = -1;
      entries.push({ name, method, compressed, uncompressed, localOffset, flags });
      p += 46 + nameLen + extraLen + commentLen;
    }
    return entries;
  } finally {
    await fh.close();
  }
}

/** True for names that would escape a folder when extracted (`../x`, `/etc/x`, `C:\x`). */
export function isUnsafePath(name: string): boolean {
  const n = name.replace(/\\/g, '/');
  if (n.startsWith('/') || /^[A-Za-z]:/.test(n) || n.includes('\0')) return true;
  return n.split('/').some((seg) => seg === '..');
}

/**
 * Checks an XLSX (zip) before any decompression: per-entry and total uncompressed size, compression ratio,
 * unsafe entry names, and DOCTYPE/ENTITY declarations at the start of XML parts.
 */
export async function checkZip(path: string, size: number, limits: Limits = currentLimits()): Promise<ZipEntry[]> {
  const entries = await readCentralDirectory(path, size);
  if (!entries) return [];
  let total = 0;
  for (const e of entries) {
    if (isUnsafePath(e.name)) throw new ReadError('unsafe-path', { path: e.name });
    total += e.uncompressed;
    const ratio = e.compressed > 0 ? e.uncompressed / e.compressed : e.uncompressed > 0 ? Infinity : 0;
    if (e.uncompressed > limits.maxEntryBytes || total > limits.maxTotalBytes || (e.uncompressed > limits.ratioFloorBytes && ratio > limits.maxRatio)) {
      const tooMuch = total > limits.maxTotalBytes && e.uncompressed <= limits.maxEntryBytes;
      throw new ReadError('zip-bomb', {
        entry: e.name,
        size: sizeText(tooMuch ? total : e.uncompressed),
        ratio: ratioText(e.uncompressed, e.compressed),
        limit: sizeText(tooMuch ? limits.maxTotalBytes : e.uncompressed > limits.maxEntryBytes ? limits.maxEntryBytes : Math.max(limits.ratioFloorBytes, e.compressed * limits.maxRatio)),
        maxRatio: limits.maxRatio,
      });
    }
  }
  const fh = await open(path, 'r');
  try {
    for (const e of entries) {
      if (!/\.(xml|rels|vml)$/i.test(e.name) || e.localOffset < 0) continue;
      const head = await entryHead(fh, e);
      if (head && /<!DOCTYPE|<!ENTITY/i.test(head)) throw new ReadError('xml-entity', { part: e.name });
    }
  } finally {
    await fh.close();
  }
  return entries;
}

/** The first characters of an entry (at most ~1 KB compressed are inflated). */
async function entryHead(fh: Awaited<ReturnType<typeof open>>, e: ZipEntry): Promise<string | null> {
  const lfh = Buffer.alloc(30);
  const { bytesRead } = await fh.read(lfh, 0, 30, e.localOffset);
  if (bytesRead < 30 || lfh.readUInt32LE(0) !== LFH) return null;
  const start = e.localOffset + 30 + lfh.readUInt16LE(26) + lfh.readUInt16LE(28);
  const len = Math.min(1024, e.compressed);
  const buf = Buffer.alloc(len);
  const r = await fh.read(buf, 0, len, start);
  const data = buf.subarray(0, r.bytesRead);
  if (e.method === 0) return data.toString('latin1');
  if (e.method !== 8) return null;
  try {
    return inflateRawSync(data, { finishFlush: zc.Z_SYNC_FLUSH, maxOutputLength: 4 * MB }).subarray(0, 4096).toString('latin1');
  } catch {
    return null;
  }
}

/** A byte count as the messages show it: "512 KB", "3.1 MB", "2048 MB" (real figures, never "0 MB"). */
export function sizeText(bytes: number): string {
  if (bytes < MB) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return bytes < 10 * MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.round(bytes / MB)} MB`;
}

function ratioText(bytes: number, compressed: number): string | number {
  if (compressed <= 0) return bytes > 0 ? '∞' : 0;
  const r = bytes / compressed;
  return r < 10 ? Number(r.toPrecision(2)) : Math.round(r);
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/i;

/** Slack above the size an entry declares before it counts as a lying zip (an honest zip never exceeds it). */
const DECLARED_SLACK = 64 * 1024;

/**
 * One meter for every byte inflated from a workbook's zip, whichever part it belongs to (sheets, shared
 * strings, styles, rels, workbook, drawings…) and wherever it goes (a parser, a temp file). Each entry is
 * held to the per-entry size, to the ratio (above the ratio floor) and to the size the zip declared for it
 * (a lying central directory is a bomb); all entries together to the whole-zip size.
 */
export class ZipMeter {
  total = 0;
  constructor(readonly limits: Limits = currentLimits()) {}

  /** A meter for one entry: `compressed` bytes in the zip (0 when unknown), `declared` uncompressed size. */
  entry(name: string, compressed: number, declared?: number): EntryMeter {
    return new EntryMeter(this, name, compressed, declared);
  }
}

export class EntryMeter {
  bytes = 0;
  private readonly max: number;
  constructor(private readonly zip: ZipMeter, readonly name: string, private readonly compressed: number, declared?: number) {
    const l = zip.limits;
    // sheets are streamed; every other part a reader keeps (strings, styles, workbook, rels) has a lower bound
    let max = WORKSHEET.test(name) ? l.maxEntryBytes : Math.min(l.maxEntryBytes, l.maxPartBytes);
    if (compressed > 0) max = Math.min(max, Math.max(l.ratioFloorBytes, compressed * l.maxRatio));
    if (declared !== undefined && declared >= 0) max = Math.min(max, declared + DECLARED_SLACK);
    this.max = max;
  }

  /** Counts `n` more inflated bytes; throws `zip-bomb` (with the real figures) past a limit. */
  add(n: number): void {
    this.bytes += n;
    this.zip.total += n;
    const l = this.zip.limits;
    if (this.bytes > this.max) throw this.error(this.bytes, this.max);
    if (this.zip.total > l.maxTotalBytes) throw this.error(this.zip.total, l.maxTotalBytes);
  }

  /** The error add() would throw now (for callers that must not throw, e.g. inside a stream's write). */
  check(n: number): ReadError | null {
    try {
      this.add(n);
      return null;
    } catch (err) {
      if (err instanceof ReadError) return err;
      throw err;
    }
  }

  private error(bytes: number, limit: number): ReadError {
    const l = this.zip.limits;
    return new ReadError('zip-bomb', {
      entry: this.name,
      size: sizeText(bytes),
      ratio: ratioText(this.bytes, this.compressed),
      limit: sizeText(limit),
      maxRatio: l.maxRatio,
    });
  }
}

/** Number of cells a `<dimension ref="A1:XFD1048576">` declares (0 when unreadable). */
export function declaredCells(ref: string): number {
  const r = decodeRange(ref.trim());
  return r ? (r.bottom - r.top + 1) * (r.right - r.left + 1) : 0;
}
