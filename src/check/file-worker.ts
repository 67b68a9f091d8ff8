/**
 * Worker thread of repository mode (see file-pool.ts): validates the files it is sent, one at a time, and
 * posts back each file's TableReports. It adopts the parent's region index (shared memory, sent with its
 * first file) and never splits
 * a file again (the parent starts it with SATUDATA_SHARD=never).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { adopt } from '../standards/region-index.js';
import { validateFile } from './validate-file.js';
import type { FileTask, FromWorker } from './file-pool.js';

const data = workerData as { progress: boolean };

/** Progress goes to the parent at most this often per file. */
const PROGRESS_MS = 200;

const post = (m: FromWorker) => parentPort!.postMessage(m);

parentPort!.on('message', (task: FileTask) => {
  if (task.regions) adopt(task.regions);
  let last = 0;
  const onProgress = data.progress
    ? (rows: number) => {
        const now = performance.now();
        if (now - last < PROGRESS_MS) return;
        last = now;
        post({ id: task.id, rows });
      }
    : undefined;
  // the cores are busy with files: each file is hashed from the bytes its reader reads, not on a thread of its own
  validateFile(task.path, { ...task.opts, hashWhileReading: true, ...(onProgress ? { onProgress } : {}) }).then(
    (tables) => post({ id: task.id, tables }),
    (err: unknown) => post({ id: task.id, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }),
  );
});

// loaded: the parent may send files (a worker that never gets here makes the parent validate them itself)
post({ ready: true });
