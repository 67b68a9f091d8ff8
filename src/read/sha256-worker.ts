/** Worker thread: hashes a file with SHA-256 while the main thread validates it (a second core's work). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

const h = createHash('sha256');
createReadStream(workerData as string, { highWaterMark: 1 << 20 })
  .on('data', (chunk) => h.update(chunk as Buffer))
  .on('error', (err) => parentPort!.postMessage({ error: (err as NodeJS.ErrnoException).code ?? err.message }))
  .on('end', () => parentPort!.postMessage({ sha256: h.digest('hex') }));
