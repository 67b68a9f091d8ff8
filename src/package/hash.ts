/** Size and SHA-256 of a file or a buffer (streamed for files). */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { sha256Of } from '../read/sha256.js';

export interface Digest {
  bytes: number;
  sha256: string;
}

export function digestBytes(bytes: Uint8Array | string): Digest {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return { bytes: buf.byteLength, sha256: createHash('sha256').update(buf).digest('hex') };
}

export async function digestFile(path: string): Promise<Digest> {
  const sha256 = await sha256Of(path);
  return { bytes: (await stat(path)).size, sha256 };
}
