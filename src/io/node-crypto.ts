/**
 * node:crypto, loaded on first use. Importing it loads node:stream too (~14 ms on the main thread, profiled),
 * and a CSV split over two threads is hashed by its shard worker: on this thread nothing may ever need it.
 */
import { createRequire } from 'node:module';

type NodeCrypto = typeof import('node:crypto');

let loaded: NodeCrypto | undefined;

export function nodeCrypto(): NodeCrypto {
  return (loaded ??= createRequire(import.meta.url)('node:crypto') as NodeCrypto);
}
