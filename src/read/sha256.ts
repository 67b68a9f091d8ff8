/** SHA-256 of a file, computed on another thread so hashing a large file costs the validator no time. */
import { Worker } from 'node:worker_threads';
import { nodeCrypto } from '../io/node-crypto.js';
import { readChunks } from '../io/read-chunks.js';

/** Files smaller than this are hashed inline: starting a worker costs more than hashing them. */
export const HASH_WORKER_MIN_BYTES = 8 * 1024 * 1024;

/** `signal`: on abort (the time limit) the worker is terminated and the hash is undefined. */
export function sha256File(path: string, bytes: number, signal?: AbortSignal): Promise<string | undefined> {
  if (bytes < HASH_WORKER_MIN_BYTES) return hashInline(path);
  if (signal?.aborted) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    // a small heap: it reads through two 256 KiB buffers (the default young generation would commit up to 48 MB)
    const worker = new Worker(new URL('./sha256-worker.js', import.meta.url), { workerData: path, resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 } });
    const stop = () => {
      resolve(undefined);
      void worker.terminate();
    };
    signal?.addEventListener('abort', stop, { once: true });
    worker.once('message', (m: { sha256?: string }) => {
      signal?.removeEventListener('abort', stop);
      resolve(m.sha256);
      void worker.terminate();
    });
    worker.once('error', () => resolve(undefined));
  });
}

/** SHA-256 (hex) of a file, streamed; rejects with the file-system error. The one streaming hash of the tool. */
export async function sha256Of(path: string): Promise<string> {
  const h = nodeCrypto().createHash('sha256');
  for await (const chunk of readChunks(path, { chunk: 1 << 18 })) h.update(chunk);
  return h.digest('hex');
}

function hashInline(path: string): Promise<string | undefined> {
  return sha256Of(path).catch(() => undefined);
}
