/**
 * Worker thread: validates the second shard of a large CSV and posts its state back (see shard.ts). It is
 * started ahead of its job (its modules load while the first thread decides the layout) and waits for the job
 * as a message; one that never gets a job ends itself after a minute.
 */
import { parentPort } from 'node:worker_threads';
import { runTail } from './shard-tail.js';
import type { TailJob } from './shard.js';
import { adopt } from '../standards/region-index.js';
import { KeyIndex } from './key-index.js';

const idle = setTimeout(() => process.exit(0), 60_000);

parentPort!.once('message', (job: TailJob) => {
  clearTimeout(idle);
  if (job.regions) adopt(job.regions);
  runTail(job).then(
    // the key logs' chunks are moved to the parent, not copied (tens of MB on a large file)
    (state) => parentPort!.postMessage({ state }, [...KeyIndex.buffers(state.pk), ...state.uniques.flatMap((u) => KeyIndex.buffers(u))]),
    (err) => parentPort!.postMessage({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
  );
});
