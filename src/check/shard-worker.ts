/** Worker thread: validates the second shard of a large CSV and posts its state back (see shard.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { runTail } from './shard-tail.js';
import type { TailJob } from './shard.js';
import { adopt } from '../standards/region-index.js';

const job = workerData as TailJob;
if (job.regions) adopt(job.regions);

runTail(job).then(
  (state) => parentPort!.postMessage({ state }),
  (err) => parentPort!.postMessage({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
);
