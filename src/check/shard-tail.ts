/** Validates the second shard of a large CSV (in the shard worker, or in this thread if the worker fails). */
import { openCsv } from '../read/csv-reader.js';
import { validateSource, type TailState } from './validate-table.js';
import { rulesExtension } from './rules.js';
import { referenceExtension } from './reference.js';
import type { TailJob } from './shard.js';
import type { HashPrefix } from '../read/table.js';

/**
 * `signal`: in this thread (a worker that could not run), the time limit stops the shard too. `prefix`: the
 * SHA-256 of the bytes before the shard (the worker's plan): the shard's reader completes it (TailState.sha256).
 */
export async function runTail(job: TailJob, signal?: AbortSignal, prefix?: HashPrefix): Promise<TailState> {
  const source = await openCsv(job.path, {
    bytes: job.bytes,
    head: new Uint8Array(0),
    ...(job.encoding ? { encoding: job.encoding } : {}),
    ...(job.delimiter ? { delimiter: job.delimiter } : {}),
    range: { startByte: job.startByte, firstRecord: job.firstRecord, firstLine: job.firstLine },
  });
  let state: TailState | undefined;
  await validateSource(source, {
    schema: job.schema,
    maxErrors: job.maxErrors,
    ...(signal ? { signal } : {}),
    // the same per-row extensions the first shard runs (a sharded file has no jurisdiction checks)
    extensions: [...(job.standard ? [rulesExtension(job.standard.info)] : []), referenceExtension(job.standard?.info ?? {}, {})],
    standardInfo: () => job.standard?.info,
    tail: { layout: job.layout, fieldColumns: job.fieldColumns, ...(job.conventions ? { conventions: job.conventions } : {}), ...(prefix ? { hashPrefix: prefix } : {}), collect: (s) => (state = s) },
  });
  return state!;
}
