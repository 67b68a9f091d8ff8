/**
 * Repository mode on several cores: a small pool of worker threads (file-worker.ts), each validating whole
 * files one at a time and posting back their TableReports; results keep the input order. How many workers,
 * if any, is decided by fileWorkers (shard.ts), the one place that decides parallelism.
 *
 * Everything the single-thread path guarantees holds: the same reports (options are cloned, not shared), the
 * per-file time limit (the worker stops the file itself; if its thread does not answer within the limit plus
 * a grace, it is terminated and the file reported as `time-limit`), one region index for all threads (shared
 * memory), an exception in a worker becomes a coded `check-failed` issue, a worker that dies is replaced (its
 * file reported, the pool never waits for it), and a worker that cannot start at all costs time, not
 * correctness: the files are validated on this thread instead. Files are never split again inside a worker.
 */
import { Worker } from 'node:worker_threads';
import type { TableReport } from '../report/issue.js';
import { currentLimits } from '../read/limits.js';
import { share, type RegionIndexShare } from '../standards/region-index.js';
import type { TableSchema } from '../standards/schema.js';
import { ALL_SHEETS, STOP_GRACE_MS, unreadableReport, type FileOptions } from './validate-file.js';

/** What a worker needs to validate one file: plain data (structured-cloned), no callbacks. */
export type FileTaskOptions = Omit<FileOptions, 'onProgress' | 'signal' | 'extensions' | 'shard' | 'resolveSchema' | 'standardInfo' | 'onRow'>;

export interface FileTask {
  id: number;
  path: string;
  opts: FileTaskOptions;
  /** The parent's region index (shared memory), with a worker's first file when any file may need it. */
  regions?: RegionIndexShare;
}

export type FromWorker =
  | { ready: true }
  | { id: number; rows: number }
  | { id: number; tables: TableReport[] }
  | { id: number; error: string };

export interface PoolOptions {
  workers: number;
  onProgress?: (path: string, rows: number) => void;
  /** Validates a file on this thread (when no worker can start). */
  runHere: (path: string, opts: FileTaskOptions) => Promise<TableReport[]>;
  /** The worker script (tests); default file-worker.js beside this module. */
  script?: URL;
  /** Extra seconds a worker may take beyond the file's time limit before it is terminated. */
  graceSeconds?: number;
  /**
   * This thread validates files too, as one of the `workers` threads (one worker fewer is started): it is
   * idle otherwise, and its modules are loaded already. Its files are never split and are hashed from the
   * bytes their reader reads, like a worker's.
   */
  alsoHere?: boolean;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  /** Whether the worker has been sent the region index. */
  regions?: boolean;
  task?: { index: number; started: number; timer?: NodeJS.Timeout };
}

export async function validateInWorkers(items: ReadonlyArray<{ path: string; opts: FileTaskOptions }>, o: PoolOptions): Promise<TableReport[][]> {
  const out: TableReport[][] = new Array(items.length);
  const script = o.script ?? new URL('./file-worker.js', import.meta.url);
  // one region index for every thread (about 3 MB; 0.3 s to build): built here once, while the workers start,
  // and only when a file may check region codes; each worker adopts it with its first file
  const needRegions = items.some((it) => mayCheckRegions(it.opts));
  let regions: RegionIndexShare | undefined;
  const grace = o.graceSeconds ?? STOP_GRACE_MS / 1000 + 2;
  let next = 0;
  let done = 0;
  let broken = false;
  const slots = new Set<Slot>();

  return new Promise<TableReport[][]>((resolve) => {
    const finish = (index: number, tables: TableReport[]) => {
      if (out[index]) return;
      out[index] = tables;
      if (++done === items.length) {
        for (const s of slots) void s.worker.terminate();
        slots.clear();
        resolve(out);
      }
    };
    const fail = (index: number, detail: string) => finish(index, [unreadableReport(items[index]!.path, 'check-failed', { detail: detail.slice(0, 300) }, performance.now())]);
    // this thread validates files from the same queue, one at a time: beside the workers (`alsoHere`: never
    // split, hashed as read), or all that are left when no worker can start (as without workers)
    const here = async (extra?: Pick<FileTaskOptions, 'split' | 'hashWhileReading'>) => {
      while (next < items.length) {
        const i = next++;
        const item = items[i]!;
        try {
          finish(i, await o.runHere(item.path, extra ? { ...item.opts, ...extra } : item.opts));
        } catch (err) {
          fail(i, err instanceof Error ? `${err.name}: ${err.message}` : String(err));
        }
      }
    };
    const feed = (slot: Slot) => {
      if (next >= items.length) {
        slots.delete(slot);
        void slot.worker.terminate();
        return;
      }
      const index = next++;
      const item = items[index]!;
      slot.task = { index, started: performance.now() };
      const all = typeof item.opts.sheet === 'string' && ALL_SHEETS.has(item.opts.sheet.toLowerCase());
      if (!all) {
        // the worker stops the file at its time limit itself; a thread that does not answer is terminated
        const seconds = item.opts.timeLimitSeconds ?? currentLimits().timeLimitSeconds;
        const started = slot.task.started;
        slot.task.timer = setTimeout(() => {
          drop(slot);
          finish(index, [unreadableReport(item.path, 'time-limit', { seconds }, started)]);
        }, (seconds + grace) * 1000);
      }
      if (needRegions && !slot.regions) {
        regions ??= share();
        slot.regions = true;
      }
      slot.worker.postMessage({ id: index, path: item.path, opts: item.opts, ...(slot.regions && regions ? { regions } : {}) } satisfies FileTask);
    };
    // a worker that ended (terminated, crashed, exited): its file is reported, a new worker takes the rest
    const drop = (slot: Slot) => {
      if (!slots.delete(slot)) return;
      clearTimeout(slot.task?.timer);
      void slot.worker.terminate();
      if (next < items.length) spawn();
    };
    const spawn = () => {
      if (broken) return;
      const worker = new Worker(script, { workerData: { progress: Boolean(o.onProgress) }, env: { ...process.env, SATUDATA_SHARD: 'never' } });
      const slot: Slot = { worker, ready: false };
      slots.add(slot);
      worker.on('message', (m: FromWorker) => {
        if ('ready' in m) {
          slot.ready = true;
          feed(slot);
          return;
        }
        if (!slot.task || m.id !== slot.task.index) return;
        const item = items[m.id]!;
        if ('rows' in m) {
          o.onProgress?.(item.path, m.rows);
          return;
        }
        clearTimeout(slot.task.timer);
        slot.task = undefined;
        if ('tables' in m) finish(m.id, m.tables);
        else fail(m.id, m.error);
        if (done < items.length) feed(slot);
      });
      const ended = (why: string) => {
        if (!slots.has(slot)) return;
        const task = slot.task;
        slot.task = undefined;
        if (!slot.ready) {
          // the worker could not even start: no more workers; this thread does the work
          slots.delete(slot);
          if (!broken) {
            broken = true;
            if (process.env.SATUDATA_DEBUG) process.stderr.write(`file worker: ${why}\n`);
            void here();
          }
          return;
        }
        if (task) fail(task.index, why);
        drop(slot);
      };
      worker.on('error', (err) => ended(`${err.name}: ${err.message}`));
      worker.on('exit', (code) => ended(`worker exit ${code}`));
    };
    if (items.length === 0) return resolve(out);
    const threads = Math.max(1, Math.min(o.workers, items.length));
    for (let k = 0; k < (o.alsoHere ? Math.max(1, threads - 1) : threads); k++) spawn();
    if (o.alsoHere) void here({ split: false, hashWhileReading: true });
  });
}

/** Whether validating with these options may look up region codes (a bound field, or a standard still to match). */
function mayCheckRegions(opts: FileTaskOptions): boolean {
  const schema: TableSchema | undefined = opts.schema ?? opts.dataStandard?.schema;
  if (!schema) return opts.autoStandard !== false;
  return schema.fields.some((f) => (f['satudata:kode'] as { daftar?: string } | undefined)?.daftar === 'wilayah');
}
