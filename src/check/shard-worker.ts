/** Worker thread: validates the second shard of a large CSV and posts its state back (see shard.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { runTail } from './shard-tail.js';
import type { TailJob } from './shard.js';
import { adopt } from '../standards/region-index.js';
import { KeyIndex } from './key-index.js';

const job = workerData as TailJob;
if (job.regions) adopt(job.regions);

runTail(job).then(
  // the key logs' chunks are moved to the parent, not copied (tens of MB on a large file)
  (state) => parentPort!.postMessage({ state }, [...KeyIndex.buffers(state.pk), ...state.uniques.flatMap((u) => KeyIndex.buffers(u))]),
  (err) => parentPort!.postMessage({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
);
