/**
 * Worker thread: plans the split of a large CSV, validates the second shard and posts its state back (see
 * shard.ts). It is started with the file while the first thread reads the head: it plans the split first
 * (hashing the bytes before it in the same pass) and posts it on its own port (the first thread reads it when
 * the layout is decided), then loads the modules that validate and waits for the job as a message; one that
 * never gets a job ends itself after a minute.
 */
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { createHash } from 'node:crypto';
import { planCsvSplit, type CsvSplit } from '../read/csv-split.js';
import type { HashPrefix } from '../read/table.js';
import type { TailJob } from './shard.js';

const { path, bytes, share, port } = workerData as { path: string; bytes: number; share: number; port: MessagePort };
// The file's SHA-256: the bytes before the split are hashed in the plan's pass, this shard's by its reader as it
// reads them — the first thread then needs no hashing thread of its own.
let split: CsvSplit | null = null;
let prefix: HashPrefix | undefined;
try {
  const hash = createHash('sha256');
  split = planCsvSplit(path, bytes, share, hash);
  if (split) prefix = { hash, bytes: split.startByte };
} catch {
  split = null; // unreadable here: the first thread reads the whole file
}
port.postMessage({ split });
port.close();

const idle = setTimeout(() => process.exit(0), 60_000);
const modules = Promise.all([import('./shard-tail.js'), import('../standards/region-index.js'), import('./key-index.js')]);
modules.catch(() => undefined); // reported with the job

parentPort!.once('message', (job: TailJob) => {
  clearTimeout(idle);
  modules
    .then(([{ runTail }, { adopt }, { KeyIndex }]) => {
      if (job.regions) adopt(job.regions);
      // (the shard's reader takes the prefix only when it ends where the shard starts)
      return runTail(job, undefined, prefix).then((state) => ({ state, transfer: [...KeyIndex.buffers(state.pk), ...state.uniques.flatMap((u) => KeyIndex.buffers(u))] }));
    })
    .then(
      // the key logs' chunks are moved to the parent, not copied (tens of MB on a large file)
      ({ state, transfer }) => parentPort!.postMessage({ state }, transfer),
      (err: unknown) => parentPort!.postMessage({ error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
    );
});
