/**
 * Reads given lines (1-based) of a text file, decoded as the file is. For a few lines of a large file; `from`:
 * a byte where a line starts and the lines before it (the wanted ones are after it).
 */
import { readChunks } from '../io/read-chunks.js';
import { decodeCp1252 } from './decode.js';

export async function readLines(path: string, encoding: 'utf-8' | 'windows-1252' | undefined, wanted: Set<number>, from?: { byte: number; line: number }): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (wanted.size === 0) return out;
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
