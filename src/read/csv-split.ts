/**
 * Plans splitting a large CSV into two shards that validate in parallel: the split is the first record
 * boundary after the middle of the file — a line break outside quotes (quote characters toggle, and escaped
 * quotes come in pairs). The first shard stops after the records before it; the second starts reading at
 * the byte after it. Only CRLF/LF line ends (a lone CR also ends records). One pass of native searches over
 * the first half of the file.
 */
import { createReadStream } from 'node:fs';

export interface CsvSplit {
  /** Byte where the second shard starts. */
  startByte: number;
  /** Records before it, header and title rows included. */
  records: number;
  /** Lines before it (more than records when quoted values hold line breaks). */
  lines: number;
}

export async function planCsvSplit(path: string, bytes: number): Promise<CsvSplit | null> {
  const middle = Math.floor(bytes / 2);
  let offset = 0;
  let records = 0;
  let lines = 0;
  let inQuote = false;
  let prevCr = false;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, end: Math.min(bytes, middle + (8 << 20)) }) as AsyncIterable<Buffer>) {
    if (prevCr && chunk[0] !== 0x0a) return null;
    for (let cr = chunk.indexOf(0x0d); cr >= 0; cr = chunk.indexOf(0x0d, cr + 1)) {
      if (cr + 1 < chunk.length && chunk[cr + 1] !== 0x0a) return null;
    }
    prevCr = chunk[chunk.length - 1] === 0x0d;
    let q = chunk.indexOf(0x22);
    let lf = chunk.indexOf(0x0a);
    while (lf >= 0) {
      if (q >= 0 && q < lf) {
        inQuote = !inQuote;
        q = chunk.indexOf(0x22, q + 1);
        continue;
      }
      lines++;
      if (!inQuote) {
        records++;
        if (offset + lf >= middle) return offset + lf + 1 < bytes ? { startByte: offset + lf + 1, records, lines } : null;
      }
      lf = chunk.indexOf(0x0a, lf + 1);
    }
    // quotes after the chunk's last line break still toggle
    for (; q >= 0; q = chunk.indexOf(0x22, q + 1)) inQuote = !inQuote;
    offset += chunk.length;
  }
  return null;
}
