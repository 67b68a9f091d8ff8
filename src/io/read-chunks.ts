/**
 * A file's bytes in chunks, read through two buffers that are reused for the whole file.
 *
 * `fs.createReadStream` allocates a new buffer for every chunk: each one is new memory the kernel must map on
 * the first write (a page fault per 4 KiB: ~21,000 for an 84 MB file in 64 KiB chunks, about a third of all
 * page faults of a validation), and one of 1 MiB is an mmap of its own, faulted in and unmapped each time.
 * Here the next chunk is read into the other buffer while the caller works on this one, as a stream reads
 * ahead. A chunk is valid only until the next one is asked for: the caller copies what it keeps.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';

export interface ReadChunksOptions {
  /** First byte to read (default 0). */
  start?: number;
  /** Bytes per read (default 64 KiB). */
  chunk?: number;
}

export async function* readChunks(path: string, opts: ReadChunksOptions = {}): AsyncGenerator<Buffer, void, undefined> {
  const fh = await open(path, 'r');
  const size = opts.chunk ?? 1 << 16;
  const buffers = [Buffer.allocUnsafeSlow(size), Buffer.allocUnsafeSlow(size)];
  let pos = opts.start ?? 0;
  let k = 0;
  const readInto = (b: Buffer, at: number): Promise<number> => fh.read(b, 0, size, at).then((r) => r.bytesRead);
  let pending: Promise<number> = readInto(buffers[0]!, pos);
  try {
    for (;;) {
      const n = await pending;
      if (n === 0) return;
      const current = buffers[k]!;
      pos += n;
      k ^= 1;
      pending = readInto(buffers[k]!, pos);
      yield current.subarray(0, n);
    }
  } finally {
    // a read still under way when the caller stopped: its result (or error) is not wanted
    await pending.catch(() => 0);
    await fh.close();
  }
}

/**
 * The bytes [0, end) of a file, synchronously, through one reused buffer (default 1 MiB): for a thread that
 * waits for the answer anyway (the CSV split's plan, which also hashes the bytes before the split).
 * Ends early at the end of the file; throws the file-system error.
 */
export function* readChunksSync(path: string, end: number, chunk = 1 << 20): Generator<Buffer, void, undefined> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunk);
    for (let offset = 0; offset < end; ) {
      const got = readSync(fd, buffer, 0, Math.min(chunk, end - offset), offset);
      if (got <= 0) return;
      yield got === chunk ? buffer : buffer.subarray(0, got);
      offset += got;
    }
  } finally {
    closeSync(fd);
  }
}
