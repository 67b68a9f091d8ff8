import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLines } from '../../src/read/csv-lines.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-lines-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readLines', () => {
  const text = '\ufeffkode,nama\r\n52.01,Lombok Barat\r\n52.02,Lombok Tengah\n52.03,Lombok Timur';
  const path = join(dir, 'a.csv');
  writeFileSync(path, text);

  it('reads the wanted lines by number (BOM and CR dropped, the last line without a newline)', async () => {
    const got = await readLines(path, 'utf-8', new Set([1, 3, 4]));
    expect([...got]).toEqual([[1, 'kode,nama'], [3, '52.02,Lombok Tengah'], [4, '52.03,Lombok Timur']]);
  });

  it('reads from a given byte with the lines before it counted', async () => {
    const byte = Buffer.byteLength('\ufeffkode,nama\r\n52.01,Lombok Barat\r\n');
    const got = await readLines(path, 'utf-8', new Set([3, 4]), { byte, line: 2 });
    expect([...got]).toEqual([[3, '52.02,Lombok Tengah'], [4, '52.03,Lombok Timur']]);
  });

  it('decodes a windows-1252 file', async () => {
    const cp = join(dir, 'b.csv');
    writeFileSync(cp, Buffer.from([0x6b, 0x0a, 0x4c, 0x61, 0x6e, 0x67, 0x6b, 0x61, 0x85, 0x0a]));
    expect((await readLines(cp, 'windows-1252', new Set([2]))).get(2)).toBe('Langka…');
  });

  it('reads the lines of a UTF-16 file, where a line break is two bytes', async () => {
    const u16 = join(dir, 'c.csv');
    writeFileSync(u16, Buffer.from('\ufeffkode\tnama\r\n52.01\tLombok Barat\r\n52.02\tLombok Tengah', 'utf16le'));
    expect([...(await readLines(u16, 'utf-16le', new Set([1, 3])))]).toEqual([[1, 'kode\tnama'], [3, '52.02\tLombok Tengah']]);
  });
});
