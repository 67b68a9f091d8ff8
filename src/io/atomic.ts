/**
 * Atomic writes, the one way every output is written (packages, tidy files, change logs, annotated
 * workbooks, metadata, reports, snapshots): the content is built in a temporary file or folder next to its
 * destination and renamed into place only when complete; on any error (or Ctrl-C) the temporary is removed,
 * so an interrupted run never leaves half a file where a whole one is expected.
 */
import { existsSync, rmSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { nodeCrypto } from './node-crypto.js';
import { fsReason, isFsError } from './fs-reason.js';

const pending = new Set<string>();
let hooked = false;

function hookSignals(): void {
  if (hooked) return;
  hooked = true;
  // an early exit (a closed pipe ends the process quietly) leaves no temporary behind either
  process.once('exit', () => {
    for (const p of pending) rmSync(p, { recursive: true, force: true });
  });
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.once(sig, () => {
      for (const p of pending) rmSync(p, { recursive: true, force: true });
      process.exit(sig === 'SIGINT' ? 130 : 143);
    });
  }
}

/**
 * A temporary that is no output (a copy of standard input): removed at exit or Ctrl-C like the outputs'
 * temporaries; the returned function removes it now and forgets it.
 */
export function holdTemporary(path: string): () => Promise<void> {
  hookSignals();
  pending.add(path);
  return async () => {
    await rm(path, { recursive: true, force: true });
    pending.delete(path);
  };
}

function tempNameFor(dest: string): string {
  // at most ~150 characters of the name, so that the temporary stays under the 255-byte limit of a file name
  return join(dirname(dest), `.${basename(dest).slice(0, 150)}.tmp-${process.pid}-${nodeCrypto().randomBytes(4).toString('hex')}`);
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

/** Whether a file-system error is about the output: its path is the destination, one of the temporaries made
 *  for it (or inside one), or a folder on the way to the destination. An input read inside `use` keeps its own
 *  error. */
function aboutOutput(err: NodeJS.ErrnoException, dest: string, tmp: string | undefined): boolean {
  if (err.path === undefined) return true; // a write on an open descriptor (ENOSPC)
  // copyFile/rename name the source in `path`: a full or read-only disk is about the side written, `dest`
  const written = WRITE_SIDE.has(err.code ?? '') && typeof (err as unknown as { dest?: unknown }).dest === 'string' ? (err as unknown as { dest: string }).dest : err.path;
  const p = resolve(written);
  const d = resolve(dest);
  const t = tmp === undefined ? undefined : resolve(tmp);
  return p === d || d.startsWith(p + sep) || (t !== undefined && (p === t || p.startsWith(t + sep))) || p.startsWith(tempPrefixFor(d));
}

const WRITE_SIDE = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EFBIG']);

function tempPrefixFor(dest: string): string {
  return join(dirname(dest), `.${basename(dest).slice(0, 150)}.`);
}

/** The longest file name (bytes) and path most file systems accept. */
const NAME_MAX = 255;
const PATH_MAX = 4095;

/** Refuses, BEFORE anything is written, a destination the file system cannot name (a component longer than 255
 *  bytes, a path longer than 4095): `output-error` "file name too long" naming that destination. */
export function checkOutputName(dest: string): void {
  const abs = resolve(dest);
  if (Buffer.byteLength(abs) > PATH_MAX || abs.split(sep).some((part) => Buffer.byteLength(part) > NAME_MAX)) {
    throw new OutputError(dest, '@reason.name-too-long');
  }
}

/** `mkdir -p` for an output folder, with the true reason when it fails: Node's recursive mkdir reports a
 *  read-only file system (or a denied permission) below an existing folder as "not found". */
async function mkdirOut(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    const missing: string[] = [];
    let d = resolve(dir);
    while (!(await stat(d).then(() => true, () => false))) {
      missing.unshift(d);
      const up = dirname(d);
      if (up === d) break;
      d = up;
    }
    // throws the real error (EROFS, EACCES…); if every folder could be made after all, that is fine
    for (const m of missing) await mkdir(m).catch((e: NodeJS.ErrnoException) => { if (e.code !== 'EEXIST') throw e; });
  }
}

/** Runs `use` with a temporary path next to `dest`, removed afterwards (and on Ctrl-C) whatever happens.
 *  A file-system error about the output becomes an OutputError naming `dest` (not the temporary). */
async function withTemp<T>(dest: string, use: (tmp: string) => Promise<T>): Promise<T> {
  let tmp: string | undefined;
  try {
    checkOutputName(dest);
    await mkdirOut(dirname(dest));
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

/**
 * Refuses, before anything is written, a file output whose destination is an existing folder: moving the folder
 * aside to put the file in its place would delete what the folder holds (`fix --out data` with a folder `data`).
 */
async function refuseFolder(dest: string): Promise<void> {
  if ((await lstat(dest).catch(() => undefined))?.isDirectory()) throw new OutputError(dest, '@reason.directory');
}

/**
 * Builds a folder at `dest` atomically: `build` fills a temp folder which then replaces `dest`. An existing `dest`
 * is replaced only when it is an empty folder or one `replaces` recognises as an earlier output of the same kind
 * (a package folder): anything else there — a file, a folder of the user's — is refused before anything is
 * written (`@reason.not-replaced`), never deleted.
 */
export async function writeDirAtomic<T>(dest: string, build: (tmp: string) => Promise<T>, replaces?: (dir: string) => Promise<boolean>): Promise<T> {
  return withTemp(dest, async (tmp) => {
    const there = await lstat(dest).catch(() => undefined);
    if (there && !(there.isDirectory() && ((await readdir(dest)).length === 0 || (await replaces?.(dest)) === true))) {
      throw new OutputError(dest, '@reason.not-replaced');
    }
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
export async function writeFileAtomic(dest: string, data: Uint8Array | string | Iterable<string>, mode?: number): Promise<void> {
  await withAtomicFile(dest, (tmp) => writeFile(tmp, data, mode !== undefined ? { mode } : {}));
}

/** Atomic write for writers that want a path (exceljs `writeFile`): `write` fills the temp path, then rename. */
export async function withAtomicFile(dest: string, write: (tmp: string) => Promise<unknown>): Promise<void> {
  await withTemp(dest, async (tmp) => {
    await refuseFolder(dest);
    await write(tmp);
    await rename(tmp, dest);
  });
}

/** One output of a unit: its destination and the writer that fills a temporary path (a file, or a folder it
 *  creates) with its content. */
export interface UnitPart {
  dest: string;
  write: (tmp: string) => Promise<unknown>;
}

/**
 * Writes several outputs as ONE unit (a fixed file and its change log, a package and its companions): every
 * destination name is checked first; each part is then written to its temporary next to its destination; only
 * when all are complete are they renamed into place, and if a rename fails the parts already moved are taken
 * back (an older output restored). All or nothing: either every output is new, or none is (and no temporary is
 * left). A file-system error becomes an OutputError naming the part's destination.
 */
export async function writeUnitAtomic(parts: UnitPart[]): Promise<void> {
  await writeUnitStreaming(parts.map((p) => p.dest), async (tmps) => {
    for (let i = 0; i < parts.length; i++) {
      try {
        await parts[i]!.write(tmps[i]!);
      } catch (err) {
        // an error about this part's output names it (an input read inside the writer keeps its own error)
        throw tagOutput(err, parts[i]!.dest, tmps[i]!);
      }
    }
  });
}

/** Marks a file-system error met while writing to `tmp` (the temporary of `dest`) as an error about `dest`. */
export function tagOutput(err: unknown, dest: string, tmp: string): unknown {
  if (isFsError(err) && (err as { unitDest?: string }).unitDest === undefined && aboutOutput(err, dest, tmp)) Object.assign(err, { unitDest: dest });
  return err;
}

/**
 * The same unit, its parts filled together by one writer (fix streams the tidy rows and the change log row by
 * row): names checked, folders made, then `fill` gets the temporaries (in the order of `dests`) and `scratch`,
 * which names further temporaries next to a destination (spool files), removed with the others whatever
 * happens. After `fill` completes, the parts are renamed into place together. A file-system error tagged by
 * `tagOutput` (or about one destination) becomes an OutputError naming that destination; on an error or an
 * abort, every temporary is removed and no destination is touched.
 */
export async function writeUnitStreaming<T>(dests: string[], fill: (tmps: string[], scratch: (dest: string, suffix: string) => string) => Promise<T>): Promise<T> {
  for (const d of dests) checkOutputName(d);
  const staged: { dest: string; tmp: string }[] = [];
  const extra: string[] = [];
  hookSignals();
  try {
    for (const dest of dests) {
      try {
        await mkdirOut(dirname(dest));
      } catch (err) {
        throw tagOutput(err, dest, tempNameFor(dest));
      }
      await refuseFolder(dest);
      const tmp = tempNameFor(dest);
      pending.add(tmp);
      staged.push({ dest, tmp });
    }
    const scratch = (dest: string, suffix: string) => {
      const p = `${tempNameFor(dest)}.${suffix}`;
      pending.add(p);
      extra.push(p);
      return p;
    };
    const result = await fill(staged.map((s) => s.tmp), scratch);
    await commitUnit(staged);
    return result;
  } catch (err) {
    if (isFsError(err)) {
      const failed = (err as { unitDest?: string }).unitDest ?? staged.find((s) => aboutOutput(err, s.dest, s.tmp))?.dest;
      if (failed !== undefined) throw new OutputError(failed, fsReason(err));
    }
    throw err;
  } finally {
    for (const p of [...staged.map((s) => s.tmp), ...extra]) {
      pending.delete(p);
      await rm(p, { recursive: true, force: true }).catch(() => undefined);
    }
  }
}

/** Moves staged temporaries into place; on a failure, undoes the moves already made. */
async function commitUnit(staged: { dest: string; tmp: string }[]): Promise<void> {
  const moved: { dest: string; old?: string }[] = [];
  try {
    for (const s of staged) {
      const step: { dest: string; old?: string } = { dest: s.dest };
      // (a folder that appeared since the start is not moved aside either: its content would be deleted)
      await refuseFolder(s.dest);
      if (existsSync(s.dest)) {
        step.old = tempNameFor(s.dest) + '.old';
        pending.add(step.old);
        await rename(s.dest, step.old);
      }
      moved.push(step);
      await rename(s.tmp, s.dest);
    }
  } catch (err) {
    const failed = moved[moved.length - 1]?.dest;
    for (const m of [...moved].reverse()) {
      await rm(m.dest, { recursive: true, force: true }).catch(() => undefined);
      if (m.old) await rename(m.old, m.dest).catch(() => undefined);
    }
    throw Object.assign(err as Error, { unitDest: failed });
  } finally {
    for (const m of moved) if (m.old) pending.delete(m.old);
  }
  for (const m of moved) if (m.old) await rm(m.old, { recursive: true, force: true }).catch(() => undefined);
}

/** A scratch folder next to `dest` (for building what becomes one part of a unit); its file-system errors count
 *  as errors about `dest`. The caller removes it. */
export async function scratchDirFor(dest: string): Promise<string> {
  checkOutputName(dest);
  await mkdirOut(dirname(dest));
  try {
    return await mkdtemp(tempPrefixFor(resolve(dest)) + 'build-');
  } catch (err) {
    throw isFsError(err) ? new OutputError(dest, fsReason(err)) : err;
  }
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
