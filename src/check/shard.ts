/**
 * Validating a large CSV on both cores: the first shard (this thread) reads up to the middle of the file;
 * a worker thread validates the rest with the same layout and schema and hands back its issues and the
 * state that needs the whole table (key logs, column states, layout lists), which the first shard merges
 * before it reports — the report is the one a single pass gives.
 *
 * Only where it pays (splitPays: a free second core) and where the merge is exact: a CSV of at least
 * SHARD_MIN_BYTES (shard-start.ts; SATUDATA_SHARD_MIN_BYTES) with no quote characters and CRLF/LF line ends (record number = line number), every column mapped to a schema
 * field, no field that keeps all its values (unique), and only per-row extensions.
 */
import { availableParallelism, loadavg } from 'node:os';
import { isUtf16 } from '../read/decode.js';
import type { SourceInfo } from '../read/table.js';
import type { Standard } from '../standards/standard.js';
import type { ShardHandle, ShardReady, TailResult } from './validate-table.js';
import { runTail } from './shard-tail.js';
import { share, type RegionIndexShare } from '../standards/region-index.js';
import { busyCores } from '../io/cpu-load.js';
import { minBytes, startWorker, takeStartedWorker } from './shard-start.js';

export interface TailJob {
  path: string;
  bytes: number;
  encoding?: SourceInfo['encoding'];
  delimiter?: string;
  startByte: number;
  firstRecord: number;
  firstLine: number;
  layout: ShardReady['layout'];
  fieldColumns: number[];
  conventions?: ShardReady['conventions'];
  schema: NonNullable<ShardReady['schema']>;
  standard?: Standard;
  maxErrors: number;
  /** The parent's region index (shared memory), when a field is bound to region codes. */
  regions?: RegionIndexShare;
}

/** Whether the load (others' work, in busy cores) leaves about one core free for a second thread. */
export function spareCore(cores = availableParallelism(), load = loadavg()[0]!): boolean {
  return cores >= 2 && load <= cores - 1.5;
}

/**
 * Whether splitting a file over two threads pays, from measurements on 2 cores: 1.29× faster with the second
 * core free, 9% slower (and 28% more CPU) with it busy. So: a large enough file, a second core, and a load
 * (others' work: measured from the shard worker's start to the layout, else the 1-minute load average) that leaves about one core free. SATUDATA_SHARD=always|never overrides.
 */
export function splitPays(bytes: number, env = process.env.SATUDATA_SHARD, cores = availableParallelism(), load = loadavg()[0]!): boolean {
  if (env === 'never' || bytes < minBytes()) return false;
  if (env === 'always') return true;
  return spareCore(cores, load);
}

/**
 * Repository mode: files below this size are not worth a worker thread (SATUDATA_WORKER_MIN_BYTES). A worker
 * costs 0.15 s to start and about 0.4 s of CPU to warm up (modules, compiled standard); measured on 2 cores,
 * workers cost +30% CPU on 4 MB files, +12% on 8 MB, +1% on 42 MB (docs/benchmarks.md, Parallelism).
 */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;

function workerMinBytes(): number {
  const v = Number(process.env.SATUDATA_WORKER_MIN_BYTES);
  return Number.isFinite(v) && v >= 0 ? v : WORKER_MIN_BYTES;
}

/**
 * Repository mode: how many worker threads validate files side by side (0 = all on this thread). The same
 * rule as splitPays — a spare core — plus at least two files worth a thread (≥ WORKER_MIN_BYTES each); then
 * min(cores, such files, --concurrency) workers. SATUDATA_WORKERS=always|never overrides (tests, bench).
 * Files in workers are never split again (no nested parallelism).
 */
export function fileWorkers(sizes: readonly number[], concurrency: number, env = process.env.SATUDATA_WORKERS, cores = availableParallelism(), load = loadavg()[0]!): number {
  if (env === 'never' || sizes.length < 2) return 0;
  if (env === 'always') return Math.max(1, Math.min(Math.max(2, cores), sizes.length, concurrency));
  const big = sizes.filter((b) => b >= workerMinBytes()).length;
  if (big < 2 || concurrency < 2 || !spareCore(cores, load)) return 0;
  return Math.min(cores, big, concurrency);
}

/** fileWorkers with the load measured now (src/io/cpu-load.ts), only when the answer depends on it. */
export async function fileWorkersNow(sizes: readonly number[], concurrency: number, env = process.env.SATUDATA_WORKERS): Promise<number> {
  const cores = availableParallelism();
  const settled = env === 'never' || env === 'always' || sizes.length < 2 || cores < 2 || concurrency < 2 || sizes.filter((b) => b >= workerMinBytes()).length < 2;
  return fileWorkers(sizes, concurrency, env, cores, settled ? 0 : await busyCores(cores));
}

/** The `shard` option of validateSource for one CSV file. */
/** `signal`: at the time limit the worker is terminated (and its shard is not validated here instead). */
export function csvSharder(info: SourceInfo, standard: () => Standard | undefined, maxErrors: number, signal?: AbortSignal) {
  // While the first rows are read and the layout decided, not after: the worker is started and plans the
  // split (one pass over the first half, ~0.03 s; its modules load after), and the load is measured (this
  // process's own CPU time is not counted) from the worker's start until the layout is decided. All were on the critical
  // path before the second thread began; planned on this thread, beside its rows, the plan took 0.4 s.
  const env = process.env.SATUDATA_SHARD;
  const cores = availableParallelism();
  const started = info.format === 'csv' && info.bytes >= minBytes() && env !== 'never' && cores >= 2
    ? takeStartedWorker(info.path, info.bytes) ?? startWorker(info.path, info.bytes)
    : null;
  return async (ready: ShardReady): Promise<ShardHandle | null> => {
    // (UTF-16: a line break is two bytes, which the byte-level split does not look for)
    if (!started || !ready.shardable || !ready.schema || info.format !== 'csv' || isUtf16(info.encoding) || signal?.aborted) {
      void started?.worker?.terminate();
      return null;
    }
    // (SATUDATA_SHARD=always splits whatever the load: nothing to wait for)
    const pays = splitPays(info.bytes, env, cores, env === 'always' ? 0 : await started.load());
    const split = pays ? await started.split() : null;
    if (!split || signal?.aborted) {
      void started.worker?.terminate();
      return null;
    }
    const job: TailJob = {
      path: info.path, bytes: info.bytes, encoding: info.encoding, delimiter: info.delimiter,
      startByte: split.startByte, firstRecord: split.records, firstLine: split.lines,
      layout: ready.layout, fieldColumns: ready.fieldColumns, conventions: ready.conventions, schema: ready.schema, standard: standard(), maxErrors,
    };
    // one region index for both threads: the worker adopts this thread's instead of building its own
    if (ready.schema.fields.some((f) => (f['satudata:kode'] as { daftar?: string } | undefined)?.daftar === 'wilayah')) job.regions = share();
    const inWorker = new Promise<TailResult>((resolve, reject) => {
      const worker = started.worker;
      if (!worker || started.gone !== undefined) return reject(started.gone ?? new Error('shard worker did not start'));
      worker.once('message', (m: { state?: TailResult; error?: string }) => {
        if (m.state) resolve(m.state);
        else reject(new Error(m.error ?? 'shard worker failed'));
        void worker.terminate();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`shard worker exited (${code})`)));
      signal?.addEventListener('abort', () => {
        void worker.terminate();
        reject(signal.reason);
      }, { once: true });
      // from here the worker's answer is awaited: it keeps the process alive
      worker.ref();
      worker.postMessage(job);
    });
    let cancelled = false;
    // a worker that cannot run (or fails) costs time, not correctness: the shard is validated here instead
    const result = inWorker.catch((err) => {
      if (signal?.aborted || cancelled) throw err;
      if (process.env.SATUDATA_DEBUG) process.stderr.write(`shard worker: ${String(err)}\n`);
      return runTail(job, signal);
    });
    result.catch(() => undefined); // the first shard may stop (time limit) before it awaits this
    return {
      stopAfter: split.records,
      start: { byte: split.startByte, line: split.lines },
      result,
      cancel: () => {
        cancelled = true;
        void started.worker?.terminate();
      },
    };
  };
}
