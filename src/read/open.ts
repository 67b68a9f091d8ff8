/** Opens any supported file: sniffs the content, picks the reader, and maps low-level failures to coded errors. */
import { open as fsOpen, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { sniff } from './sniff.js';
import { ReadError, type RowSource } from './table.js';
import { detectEncoding, StreamDecoder } from './decode.js';
import { fsReason } from '../io/fs-reason.js';

export interface OpenOptions {
  sheet?: string | number;
  delimiter?: string;
  /** Aborted at the time limit: a workbook stops inflating and parsing at its next chunk. */
  signal?: AbortSignal;
}

const HEAD_BYTES = 64 * 1024;

/** The size of a data file; a `source-error` ReadError when it is missing, a folder or cannot be seen. */
export async function statSource(path: string): Promise<number> {
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    throw new ReadError('source-error', { reason: fsReason(err) });
  }
  if (st.isDirectory()) throw new ReadError('source-error', { reason: '@reason.directory' });
  return st.size;
}

export async function openSource(path: string, opts: OpenOptions = {}): Promise<RowSource> {
  const bytes = await statSource(path);
  if (bytes === 0) throw new ReadError('empty-file');
  let head: Uint8Array;
  try {
    const fh = await fsOpen(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(HEAD_BYTES, bytes));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      head = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (err) {
    throw new ReadError('source-error', { reason: fsReason(err) });
  }
  if (head.length === bytes && onlyBomAndBlanks(head)) throw new ReadError('empty-file');
  const kind = sniff(head);
  switch (kind) {
    case 'xlsx': {
      const { openXlsx } = await import('./xlsx-reader.js');
      return openXlsx(path, { sheet: opts.sheet, bytes, ...(opts.signal ? { signal: opts.signal } : {}) });
    }
    case 'ole2': {
      const { openXls } = await import('./xls-reader.js');
      const src = await openXls(path, { sheet: opts.sheet, bytes });
      src.info.notes.push({ code: 'legacy-xls' });
      return src;
    }
    case 'html': {
      const { readFile } = await import('node:fs/promises');
      const raw = await readFile(path);
      const { encoding, bom } = detectEncoding(raw.subarray(0, HEAD_BYTES));
      const text = new StreamDecoder(encoding, bom).decode(raw, 0);
      const { openHtml } = await import('./html-reader.js');
      const src = await openHtml(path, { sheet: opts.sheet, bytes, text });
      const ext = extname(path).toLowerCase();
      if (ext === '.xls' || ext === '.xlsx') src.info.notes.push({ code: 'html-as-xls', params: { ext } });
      return src;
    }
    case 'text': {
      const { openCsv } = await import('./csv-reader.js');
      return openCsv(path, { bytes, head, delimiter: opts.delimiter });
    }
    case 'empty':
      throw new ReadError('empty-file');
    case 'zip':
      throw new ReadError('corrupt-file', { detail: '@detected.zip' });
    case 'pdf':
      throw new ReadError('format-error', { detected: '@detected.pdf' });
    default:
      throw new ReadError('format-error', { detected: '@detected.binary' });
  }
}

/** A whole file that is a byte-order mark and nothing else (perhaps blank lines): an empty file, not a table. */
function onlyBomAndBlanks(head: Uint8Array): boolean {
  let i = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) i = 3;
  else if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) i = 2;
  else return false;
  for (; i < head.length; i++) if (head[i] !== 0x20 && head[i] !== 0x09 && head[i] !== 0x0a && head[i] !== 0x0d && head[i] !== 0) return false;
  return true;
}
