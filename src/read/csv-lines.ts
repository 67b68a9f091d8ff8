/**
 * Reads given lines (1-based) of a text file, decoded as the file is. For a few lines of a large file; `from`:
 * a byte where a line starts and the lines before it (the wanted ones are after it).
 */
import { readChunks } from '../io/read-chunks.js';
import { decodeCp1252, isUtf16, StreamDecoder, type TextEncoding } from './decode.js';

export async function readLines(path: string, encoding: TextEncoding | undefined, wanted: Set<number>, from?: { byte: number; line: number }): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (wanted.size === 0) return out;
  if (isUtf16(encoding)) return readUtf16Lines(path, encoding, wanted);
  // (a loop, not Math.max(...wanted): a large split file can ask for hundreds of thousands of lines)
  let last = 0;
  for (const n of wanted) if (n > last) last = n;
  let line = from ? from.line + 1 : 1;
  let partial: Buffer[] = [];
  const decode = (b: Buffer) => {
    const text = encoding === 'windows-1252' ? decodeCp1252(b) : b.toString('utf8');
    return text.replace(/\r$/, '').replace(/^\ufeff/, '');
  };
  for await (const chunk of readChunks(path, { chunk: 1 << 20, start: from?.byte ?? 0 })) {
    let start = 0;
    for (let lf = chunk.indexOf(0x0a); lf >= 0; lf = chunk.indexOf(0x0a, start)) {
      if (wanted.has(line)) out.set(line, decode(Buffer.concat([...partial, chunk.subarray(start, lf)])));
      partial = [];
      line++;
      start = lf + 1;
      if (line > last) return out;
    }
    if (wanted.has(line)) partial.push(Buffer.from(chunk.subarray(start)));
  }
  if (partial.length && wanted.has(line)) out.set(line, decode(Buffer.concat(partial)));
  return out;
}

/** readLines for UTF-16, where a line break is two bytes: the text decoded, then split (never split into shards). */
async function readUtf16Lines(path: string, encoding: 'utf-16le' | 'utf-16be', wanted: Set<number>): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let last = 0;
  for (const n of wanted) if (n > last) last = n;
  const decoder = new StreamDecoder(encoding, false);
  let line = 1;
  let partial = '';
  const take = (text: string): boolean => {
    let start = 0;
    for (let lf = text.indexOf('\n'); lf >= 0; lf = text.indexOf('\n', start)) {
      if (wanted.has(line)) out.set(line, (partial + text.slice(start, lf)).replace(/\r$/, '').replace(/^\ufeff/, ''));
      partial = '';
      line++;
      start = lf + 1;
      if (line > last) return true;
    }
    if (wanted.has(line)) partial += text.slice(start);
    return false;
  };
  for await (const chunk of readChunks(path, { chunk: 1 << 20 })) if (take(decoder.decode(chunk, line - 1))) return out;
  take(decoder.end());
  if (partial && wanted.has(line)) out.set(line, partial.replace(/\r$/, '').replace(/^\ufeff/, ''));
  return out;
}
