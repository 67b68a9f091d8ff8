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

/** `share`: the part of the bytes the first shard takes (it also reads the head, decides the layout and merges). */
export async function planCsvSplit(path: string, bytes: number, share = 0.5): Promise<CsvSplit | null> {
  const middle = Math.floor(bytes * share);
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
    if (q < 0 && !inQuote) {
      // no quote in the chunk (most files): every line break ends a record; counted in one loop, not one
      // search per line (the plan is on the critical path, before the second thread starts)
      const lf = offset + chunk.length > middle ? chunk.indexOf(0x0a, Math.max(0, middle - offset)) : -1;
      if (lf < 0) {
        const n = countLineBreaks(chunk, chunk.length);
        lines += n;
        records += n;
        offset += chunk.length;
        continue;
      }
      const n = countLineBreaks(chunk, lf + 1);
      lines += n;
      records += n;
      return offset + lf + 1 < bytes ? { startByte: offset + lf + 1, records, lines } : null;
    }
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

/** Line feeds in chunk[0, end). */
function countLineBreaks(chunk: Buffer, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (chunk[i] === 0x0a) n++;
  return n;
}
