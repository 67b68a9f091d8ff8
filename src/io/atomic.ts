/**
 * Atomic writes, the one way every output is written (packages, tidy files, change logs, annotated
 * workbooks, metadata, reports, snapshots): the content is built in a temporary file or folder next to its
 * destination and renamed into place only when complete; on any error (or Ctrl-C) the temporary is removed,
 * so an interrupted run never leaves half a file where a whole one is expected.
 */
import { existsSync, rmSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fsReason, isFsError } from './fs-reason.js';

const pending = new Set<string>();
let hooked = false;

function hookSignals(): void {
  if (hooked) return;
  hooked = true;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const p of pending) rmSync(p, { recursive: true, force: true });
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

function tempNameFor(dest: string): string {
  // at most ~150 characters of the name, so that the temporary stays under the 255-byte limit of a file name
  return join(dirname(dest), `.${basename(dest).slice(0, 150)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/** An output that cannot be written (permission, a folder in the way, name too long, disk full): `output-error`. */
export class OutputError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'OutputError';
  }
}

/** Whether a file-system error is about the output: its path is the destination, the temporary (or inside
 *  it), or a folder on the way to the destination. An input read inside `use` keeps its own error. */
function aboutOutput(err: NodeJS.ErrnoException, dest: string, tmp: string | undefined): boolean {
  if (err.path === undefined) return true; // a write on an open descriptor (ENOSPC)
  const p = resolve(err.path);
  const d = resolve(dest);
  const t = tmp === undefined ? undefined : resolve(tmp);
  return p === d || d.startsWith(p + sep) || (t !== undefined && (p === t || p.startsWith(t + sep)));
}

/** Runs `use` with a temporary path next to `dest`, removed afterwards (and on Ctrl-C) whatever happens.
 *  A file-system error about the output becomes an OutputError naming `dest` (not the temporary). */
async function withTemp<T>(dest: string, use: (tmp: string) => Promise<T>): Promise<T> {
  let tmp: string | undefined;
  try {
    await mkdir(dirname(dest), { recursive: true });
    tmp = tempNameFor(dest);
    hookSignals();
    pending.add(tmp);
    return await use(tmp);
  } catch (err) {
    throw isFsError(err) && aboutOutput(err, dest, tmp) ? new OutputError(dest, fsReason(err)) : err;
  } finally {
    if (tmp !== undefined) {
      pending.delete(tmp);
      await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

/** Builds a folder at `dest` atomically: `build` fills a temp folder which then replaces `dest`. */
export async function writeDirAtomic<T>(dest: string, build: (tmp: string) => Promise<T>): Promise<T> {
  return withTemp(dest, async (tmp) => {
    await mkdir(tmp);
    const result = await build(tmp);
    if (existsSync(dest)) {
      const old = tempNameFor(dest) + '.old';
      await rename(dest, old);
      await rename(tmp, dest);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(tmp, dest);
    }
    return result;
  });
}

/** Writes a file atomically (temp file in the same folder, then rename). */
export async function writeFileAtomic(dest: string, data: Uint8Array | string, mode?: number): Promise<void> {
  await withAtomicFile(dest, (tmp) => writeFile(tmp, data, mode !== undefined ? { mode } : {}));
}

/** Atomic write for writers that want a path (exceljs `writeFile`): `write` fills the temp path, then rename. */
export async function withAtomicFile(dest: string, write: (tmp: string) => Promise<unknown>): Promise<void> {
  await withTemp(dest, async (tmp) => {
    await write(tmp);
    await rename(tmp, dest);
  });
}

/** Thrown when an output path names the input file: the user's input is never overwritten. */
export class SameFileError extends Error {}

/** Whether two paths name the same file (an atomic rename replaces a link, never the file it points to). */
export function samePath(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

/** Throws SameFileError (message: the output path) when `output` is the same path as `input`. */
export function refuseSameFile(input: string, output: string): void {
  if (samePath(input, output)) throw new SameFileError(output);
}
