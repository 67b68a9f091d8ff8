import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readChunks } from '../../src/io/read-chunks.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-chunks-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

function file(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

const data = Buffer.from(Array.from({ length: 100_003 }, (_, i) => (i * 7919) % 251));

describe('readChunks', () => {
  it('gives the file whole, in order, through two reused buffers (each copied before the next is read)', async () => {
    const path = file('a.bin', data);
    const parts: Buffer[] = [];
    const seen = new Set<ArrayBufferLike>();
    for await (const chunk of readChunks(path, { chunk: 4096 })) {
      expect(chunk.length).toBeLessThanOrEqual(4096);
      parts.push(Buffer.from(chunk));
      seen.add(chunk.buffer);
    }
    expect(Buffer.concat(parts).equals(data)).toBe(true);
    expect(parts.length).toBe(Math.ceil(data.length / 4096));
    // the same two buffers for the whole file: no new memory per chunk
    expect(seen.size).toBe(2);
  });

  it('starts at a given byte, and reads an empty file as no chunks', async () => {
    const path = file('b.bin', data);
    const parts: Buffer[] = [];
    for await (const chunk of readChunks(path, { start: 99_000, chunk: 300 })) parts.push(Buffer.from(chunk));
    expect(Buffer.concat(parts).equals(data.subarray(99_000))).toBe(true);
    let n = 0;
    for await (const _ of readChunks(file('empty.bin', Buffer.alloc(0)))) n++;
    expect(n).toBe(0);
  });

  it('stops cleanly when the caller stops early (the read under way is awaited, the file closed)', async () => {
    const path = file('c.bin', data);
    let got = 0;
    for await (const chunk of readChunks(path, { chunk: 1000 })) {
      got += chunk.length;
      if (got >= 3000) break;
    }
    expect(got).toBe(3000);
    // the generator finished: asking again gives nothing
    const it = readChunks(path, { chunk: 1000 });
    await it.next();
    await it.return();
    expect((await it.next()).done).toBe(true);
  });

  it('rejects with the file-system error for a file that is not there', async () => {
    await expect(async () => {
      for await (const _ of readChunks(join(dir, 'tidak-ada.csv'))) void _;
    }).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
