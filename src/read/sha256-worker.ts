/** Worker thread: hashes a file with SHA-256 while the main thread validates it (a second core's work). */
import { parentPort, workerData } from 'node:worker_threads';
import { sha256Of } from './sha256.js';

sha256Of(workerData as string).then(
  (sha256) => parentPort!.postMessage({ sha256 }),
  (err: NodeJS.ErrnoException) => parentPort!.postMessage({ error: err.code ?? err.message }),
);
