/** Worker thread: validates the second shard of a large CSV and posts its state back (see shard.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { runTail } from './shard-tail.js';
import type { TailJob } from './shard.js';

runTail(workerData as TailJob).then(
  (state) => parentPort!.postMessage({ state }),
  (err) => parentPort!.postMessage({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
);
