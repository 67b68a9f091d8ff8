/** Size and SHA-256 of a file or a buffer (streamed for files). */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';

export interface Digest {
  bytes: number;
  sha256: string;
}

export function digestBytes(bytes: Uint8Array | string): Digest {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  return { bytes: buf.byteLength, sha256: createHash('sha256').update(buf).digest('hex') };
}

export async function digestFile(path: string): Promise<Digest> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return { bytes: (await stat(path)).size, sha256: hash.digest('hex') };
}
