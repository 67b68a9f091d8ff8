/**
 * Standard input (`-`) and pipes named as paths (`/dev/stdin`, a FIFO, `<(curl …)`): the readers need a file
 * they can measure and read more than once (layout, then rows; a workbook's parts), so the stream is copied to
 * a private temporary file first, and the report names the argument, not the copy. The copy stops early when its
 * head is plainly no table (binary, PDF: a `/dev/zero` must not fill the disk; the readers then say what it
 * is), and at the largest size a workbook may unpack to (`yes | …`: the caller refuses a stream cut there).
 */
import type { Stats } from 'node:fs';
import { closeSync, constants, createReadStream, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { Socket } from 'node:net';
import { mkdtemp, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sniff } from './sniff.js';
import { currentLimits } from './limits.js';
import { holdTemporary } from '../io/atomic.js';

export interface Spooled {
  /** The temporary copy, to read. */
  path: string;
  /** Bytes copied. */
  bytes: number;
  /** The copy stopped before the stream ended: its head is no table. */
  cut: boolean;
  /** The copy stopped at `limit` bytes: the stream is larger (the copy is not the data). */
  over: boolean;
  limit: number;
  remove(): Promise<void>;
}

/** An argument that names a stream rather than a file: `-`, or a path whose stat is a pipe, socket or device. */
export function isStream(arg: string, st?: Stats): boolean {
  return arg === '-' || (!!st && (st.isFIFO() || st.isSocket() || st.isCharacterDevice()));
}

const SNIFF_BYTES = 64 * 1024;

/**
 * `-`, or a path that is this process's own standard input (`/dev/stdin`, `/dev/fd/0`): a socket there cannot be
 * opened again by name (ENXIO), so it is read from the descriptor.
 */
function isOwnStdin(arg: string): boolean {
  if (arg === '-') return true;
  try {
    const a = statSync(arg);
    const b = fstatSync(0);
    return a.dev === b.dev && a.ino === b.ino;
  } catch {
    return false;
  }
}

function isFifo(path: string): boolean {
  try {
    return statSync(path).isFIFO();
  } catch {
    return false;
  }
}

/** How long a named pipe nobody writes to is waited for before it is read as empty. */
const FIFO_WAIT_MS = 3000;

/**
 * A named pipe, opened without waiting for a writer: a plain open blocks until one comes, so a FIFO nobody
 * writes to would hang the run (and the system does not signal the end of a pipe that never had a writer).
 * A writer already there, or one waiting for its reader (`producer > pipe &`), is read to its end; one that
 * does not come within FIFO_WAIT_MS leaves the pipe empty (empty-file).
 */
async function fifoStream(path: string): Promise<AsyncIterable<Buffer>> {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const first = Buffer.alloc(64 * 1024);
  const deadline = Date.now() + FIFO_WAIT_MS;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, first, 0, first.length, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') {
        closeSync(fd);
        throw err;
      }
      n = -1; // a writer is there, nothing written yet
    }
    if (n !== 0) {
      const rest = new Socket({ fd, readable: true, writable: false });
      return (async function* () {
        try {
          if (n > 0) yield first.subarray(0, n);
          yield* rest as AsyncIterable<Buffer>;
        } finally {
          rest.destroy(); // (a copy stopped early must not leave the pipe open, holding the process)
        }
      })();
    }
    // 0: no writer (yet), or one that wrote nothing and left
    if (Date.now() >= deadline) {
      closeSync(fd);
      return (async function* () {})();
    }
    await sleep(50);
  }
}

/** Copies `-` (standard input) or the stream at `arg` to a temporary file. Throws the file-system error. */
export async function spool(arg: string, given?: AsyncIterable<Buffer>): Promise<Spooled> {
  const dir = await mkdtemp(join(tmpdir(), 'satudata-stdin-'));
  const path = join(dir, 'stdin');
  const remove = holdTemporary(dir);
  const limit = currentLimits().maxTotalBytes;
  let bytes = 0;
  let cut = false;
  let over = false;
  const fh = await open(path, 'wx', 0o600);
  try {
    // (opened here, inside the try: an error opening it is thrown to the caller, not left unhandled)
    const input: AsyncIterable<Buffer> = given ?? (isOwnStdin(arg) ? process.stdin : isFifo(arg) ? await fifoStream(arg) : createReadStream(arg));
    let head: Buffer[] | null = [];
    for await (const chunk of input as AsyncIterable<Buffer>) {
      const take = chunk.length > limit - bytes ? chunk.subarray(0, limit - bytes) : chunk;
      await fh.write(take);
      bytes += take.length;
      if (head) {
        head.push(take);
        if (bytes >= SNIFF_BYTES) {
          const kind = sniff(Buffer.concat(head));
          head = null;
          if (kind === 'binary' || kind === 'pdf') cut = true;
        }
      }
      if (bytes >= limit) over = true;
      if (cut || over) break;
    }
  } catch (err) {
    await fh.close();
    await remove();
    throw err;
  }
  // (leaving the loop early destroyed the stream: nothing more is read)
  await fh.close();
  return { path, bytes, cut, over, limit, remove };
}
