/**
 * Reads one entry of a zip whose central directory is known (limits.ts readCentralDirectory): the local
 * header gives where its data starts; the compressed bytes are streamed from the file and inflated, and
 * every inflated byte goes through the entry's meter (limits.ts ZipMeter) before anyone sees it.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { ReadError } from './table.js';
import type { EntryMeter, ZipEntry } from './limits.js';

const LFH = 0x04034b50;
const CHUNK = 64 * 1024;

/** Where an entry's data starts (after its local header), or a corrupt-file error. */
async function dataStart(path: string, e: ZipEntry): Promise<number> {
  const fh = await open(path, 'r');
  try {
    const lfh = Buffer.alloc(30);
    const { bytesRead } = await fh.read(lfh, 0, 30, e.localOffset);
    if (e.localOffset < 0 || bytesRead < 30 || lfh.readUInt32LE(0) !== LFH) throw new ReadError('corrupt-file', { detail: `${e.name}: local header` });
    return e.localOffset + 30 + lfh.readUInt16LE(26) + lfh.readUInt16LE(28);
  } finally {
    await fh.close();
  }
}

/**
 * The inflated chunks of an entry, metered. `live()` is asked before each chunk is handed on: when it says
 * no (the source was closed: time limit, error, --max-errors), the streams are destroyed and `stopped` thrown.
 */
export async function* entryChunks(path: string, e: ZipEntry, meter: EntryMeter, live: () => boolean, stopped: unknown): AsyncGenerator<Buffer> {
  if (e.method !== 0 && e.method !== 8) throw new ReadError('corrupt-file', { detail: `${e.name}: compression method ${e.method}` });
  const start = await dataStart(path, e);
  if (e.compressed === 0) {
    if (e.method === 8) throw new ReadError('corrupt-file', { detail: `${e.name}: empty deflate stream` });
    return;
  }
  const raw = createReadStream(path, { start, end: start + e.compressed - 1, highWaterMark: CHUNK });
  const inflate = e.method === 8 ? createInflateRaw({ chunkSize: CHUNK }) : null;
  if (inflate) {
    raw.on('error', (err) => inflate.destroy(err));
    raw.pipe(inflate);
  }
  const out = inflate ?? raw;
  try {
    for await (const chunk of out as AsyncIterable<Buffer>) {
      meter.add(chunk.length);
      if (!live()) throw stopped;
      yield chunk;
    }
  } catch (err) {
    if (err instanceof ReadError || err === stopped) throw err;
    const code = (err as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === 'string' && /^Z_|ERR_ZLIB/.test(code)) throw new ReadError('corrupt-file', { detail: `${e.name}: ${(err as Error).message}` });
    throw err;
  } finally {
    inflate?.destroy();
    raw.destroy();
  }
}
