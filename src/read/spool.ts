/**
 * Standard input (`-`) and pipes named as paths (`/dev/stdin`, a FIFO, `<(curl …)`): the readers need a file
 * they can measure and read more than once (layout, then rows; a workbook's parts), so the stream is copied to
 * a private temporary file first, and the report names the argument, not the copy. The copy stops early when its
 * head is plainly no table (binary, PDF: a `/dev/zero` must not fill the disk; the readers then say what it
 * is), and at the largest size a workbook may unpack to (`yes | …`: the caller refuses a stream cut there).
 */
import type { Stats } from 'node:fs';
import { createReadStream, fstatSync, statSync } from 'node:fs';
import { mkdtemp, open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
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

/** Copies `-` (standard input) or the stream at `arg` to a temporary file. Throws the file-system error. */
export async function spool(arg: string, given?: Readable): Promise<Spooled> {
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
    const input = given ?? (isOwnStdin(arg) ? process.stdin : createReadStream(arg));
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
