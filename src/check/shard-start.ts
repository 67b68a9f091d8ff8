/**
 * The shard worker of a large CSV, started as early as the file is known: by the validator when it opens the
 * file, or — for `validate` of one CSV file — by the command line before the validator's modules load
 * (prestartShardWorker). A small module on purpose: it loads in ~1 ms, where the validator's modules take
 * ~0.1 s, and the worker's own start (its runtime, the split plan, its modules: ~0.3 s on 2 cores) is the
 * longest serial part of a split run.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { planCsvSplit, type CsvSplit } from '../read/csv-split.js';
import { loadProbe } from '../io/cpu-load.js';

export const SHARD_MIN_BYTES = 32 * 1024 * 1024;
/**
 * The first shard's part of the file. This thread reads the head and decides the layout before, and merges
 * after (~0.05 s on 1M rows); the worker, started by bin/satudata.js when the command line names the file, plans
 * the split (hashing the bytes before it) and loads its modules meanwhile, and starts its rows as soon as it gets
 * the layout. Measured on a CSV of 1M rows (84 MB), 2 cores, 12 runs each, once the worker found its own
 * repeated keys before handing them over (~10 ms after its rows): the worker ended its rows a mean 53 ms
 * before this thread with 51%, 27 ms before with 50% — about the time it then takes to find them and post.
 */
export const FIRST_SHARE = 0.5;

export function minBytes(): number {
  const v = Number(process.env.SATUDATA_SHARD_MIN_BYTES);
  return Number.isFinite(v) && v > 0 ? v : SHARD_MIN_BYTES;
}

/**
 * A shard worker started ahead of its job, with the file: it plans the split first (its modules load after),
 * while this thread reads the head and decides the layout.
 */
export interface EarlyWorker {
  worker: Worker | null;
  /** Set when the worker failed or exited before it was given a job. */
  gone?: unknown;
  /** The split the worker planned (null: none, or the worker failed). */
  split: () => Promise<CsvSplit | null>;
  /**
   * Others' work on the cores (busy cores), measured from the worker's start to the call: whether the split
   * pays. Started with the worker, so that by the time the layout is decided (~0.25 s later) the measurement's
   * 0.1 s are long over; started with the layout's first rows, it held the worker's job back by up to 0.05 s.
   */
  load: () => Promise<number>;
}

export function startWorker(path: string, bytes: number): EarlyWorker {
  // The plan comes on its own port, read synchronously when the layout is decided: a message event waits
  // until this thread's row loop yields to the event loop (measured: 0.05–0.09 s after the plan was posted).
  const { port1, port2 } = new MessageChannel();
  port1.unref();
  let resolve!: (split: CsvSplit | null) => void;
  const settled = new Promise<CsvSplit | null>((r) => (resolve = r));
  let answered = false;
  const settle = (split: CsvSplit | null) => {
    if (!answered) resolve(split);
    answered = true;
  };
  port1.once('message', (m: { split: CsvSplit | null }) => settle(m.split));
  // a worker that cannot start (or dies before its plan): the split is planned here once it is asked for (a
  // worker stopped because the file is not split is not replaced by a plan), and the second shard is then
  // validated on this thread after the first (time, not correctness)
  let asked = false;
  const planHere = () => {
    if (answered) return;
    let split: CsvSplit | null = null;
    try {
      split = planCsvSplit(path, bytes, FIRST_SHARE);
    } catch {
      // unreadable: the first shard reads the whole file and reports it
    }
    settle(split);
  };
  const early: EarlyWorker = {
    worker: null,
    load: loadProbe(availableParallelism()),
    split: () => {
      asked = true;
      const m = receiveMessageOnPort(port1) as { message: { split: CsvSplit | null } } | undefined;
      if (m) settle(m.message.split);
      else if (early.gone !== undefined) planHere();
      return settled;
    },
  };
  const fail = (err: unknown) => {
    early.gone ??= err;
    if (asked) planHere();
  };
  try {
    const worker = new Worker(new URL('./shard-worker.js', import.meta.url), {
      workerData: { path, bytes, share: FIRST_SHARE, port: port2 }, transferList: [port2], resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
    worker.unref();
    worker.once('error', fail);
    worker.once('exit', (code) => fail(new Error(`shard worker exited (${code})`)));
    early.worker = worker;
  } catch (err) {
    fail(err);
  }
  return early;
}

/** A worker started by prestartShardWorker, not yet taken by the validator. */
let prestarted: { path: string; bytes: number; started: EarlyWorker } | null = null;

/**
 * Starts the shard worker of `path` now, when it may be split: a file named .csv of at least SHARD_MIN_BYTES,
 * two cores, SATUDATA_SHARD not `never`. Whether the split pays (the load) is still decided when the layout is
 * known; a worker not taken is stopped by the validator's own start of another, or ends with the process.
 * True when it was started.
 */
export function prestartShardWorker(path: string): boolean {
  if (process.env.SATUDATA_SHARD === 'never' || availableParallelism() < 2 || !/\.csv$/i.test(path)) return false;
  let bytes: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return false;
    bytes = st.size;
  } catch {
    return false; // the validator reports it
  }
  if (bytes < minBytes()) return false;
  const full = resolvePath(path);
  // already started for this file (by bin/satudata.js, before the command line's modules loaded)
  if (prestarted && prestarted.path === full && prestarted.bytes === bytes) return true;
  dropPrestarted();
  prestarted = { path: full, bytes, started: startWorker(path, bytes) };
  return true;
}

/** The prestarted worker of this file (same path and size), handed over once. */
export function takeStartedWorker(path: string, bytes: number): EarlyWorker | null {
  const p = prestarted;
  if (p && p.path === resolvePath(path) && p.bytes === bytes) {
    prestarted = null;
    return p.started;
  }
  dropPrestarted();
  return null;
}

/** Stops a worker started for a file that is not validated alone after all. */
export function dropPrestarted(): void {
  void prestarted?.started.worker?.terminate();
  prestarted = null;
}
