/**
 * Validating a large CSV on both cores: the first shard (this thread) reads up to the middle of the file;
 * a worker thread validates the rest with the same layout and schema and hands back its issues and the
 * state that needs the whole table (key logs, column states, layout lists), which the first shard merges
 * before it reports — the report is the one a single pass gives.
 *
 * Only offered where the merge is exact: a CSV of at least SHARD_MIN_BYTES (SATUDATA_SHARD_MIN_BYTES) with
 * no quote characters and CRLF/LF line ends (record number = line number), every column mapped to a schema
 * field, no field that keeps all its values (unique), and only per-row extensions.
 */
import { Worker } from 'node:worker_threads';
import { planCsvSplit } from '../read/csv-split.js';
import type { SourceInfo } from '../read/table.js';
import type { Standard } from '../standards/standard.js';
import type { ShardHandle, ShardReady, TailResult } from './validate-table.js';
import { runTail } from './shard-tail.js';

export const SHARD_MIN_BYTES = 32 * 1024 * 1024;

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
}

function minBytes(): number {
  const v = Number(process.env.SATUDATA_SHARD_MIN_BYTES);
  return Number.isFinite(v) && v > 0 ? v : SHARD_MIN_BYTES;
}

/** The `shard` option of validateSource for one CSV file. */
export function csvSharder(info: SourceInfo, standard: () => Standard | undefined, maxErrors: number) {
  return async (ready: ShardReady): Promise<ShardHandle | null> => {
    if (!ready.shardable || !ready.schema || info.format !== 'csv' || info.bytes < minBytes()) return null;
    const split = await planCsvSplit(info.path, info.bytes);
    if (!split) return null;
    const job: TailJob = {
      path: info.path, bytes: info.bytes, encoding: info.encoding, delimiter: info.delimiter,
      startByte: split.startByte, firstRecord: split.records, firstLine: split.lines,
      layout: ready.layout, fieldColumns: ready.fieldColumns, conventions: ready.conventions, schema: ready.schema, standard: standard(), maxErrors,
    };
    const inWorker = new Promise<TailResult>((resolve, reject) => {
      const worker = new Worker(new URL('./shard-worker.js', import.meta.url), { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: 16 } });
      worker.once('message', (m: { state?: TailResult; error?: string }) => {
        if (m.state) resolve(m.state);
        else reject(new Error(m.error ?? 'shard worker failed'));
        void worker.terminate();
      });
      worker.once('error', reject);
    });
    // a worker that cannot run (or fails) costs time, not correctness: the shard is validated here instead
    const result = inWorker.catch((err) => { if (process.env.SATUDATA_DEBUG) process.stderr.write(`shard worker: ${String(err)}\n`); return runTail(job); });
    return { stopAfter: split.records, result };
  };
}
