/** Streaming CSV reader: encoding and delimiter detection, fast tokenizer, csv-parse for malformed input. */
import type { Hash } from 'node:crypto';
import { nodeCrypto } from '../io/node-crypto.js';
import { csvParser } from './csv-parse.js';
import { CsvTokenizer, MalformedCsv, TooManyCells } from './csv-tokenizer.js';
import { detectDelimiter } from './csv-dialect.js';
import { detectEncoding, isUtf16, StreamDecoder, type TextEncoding } from './decode.js';
import { cellAddress, ReadError, type HashPrefix, type RawRow, type RowSource, type SourceInfo } from './table.js';
import { currentLimits } from './limits.js';
import { looksLikeFormula } from '../io/safe-cell.js';
import { readChunks } from '../io/read-chunks.js';

const BATCH = 512;
/** A batch is also handed on once its cells hold this many characters (a few huge records are not held together). */
const BATCH_CHARS = 1 << 22;

export interface CsvOptions {
  bytes: number;
  head: Uint8Array;
  delimiter?: string;
  encoding?: TextEncoding;
  /** A single line longer than this (in characters) stops reading with an error. */
  maxRecordChars?: number;
  /** Read from this byte (a record boundary) on, numbering records from `firstRecord + 1` (a second shard). */
  range?: { startByte: number; firstRecord: number; firstLine: number };
}

export async function openCsv(path: string, opts: CsvOptions): Promise<RowSource> {
  const detected = detectEncoding(opts.head);
  const encoding = opts.encoding ?? detected.encoding;
  const headText = new StreamDecoder(encoding, detected.bom).decode(opts.head, 0).replace(/^\ufeff/, '');
  const delimiter = opts.delimiter ?? detectDelimiter(headText);
  const lastByte = opts.head.length === opts.bytes ? lastUnit(opts.head, encoding) : undefined;
  const info: SourceInfo = {
    path,
    format: 'csv',
    bytes: opts.bytes,
    encoding,
    bom: detected.bom,
    delimiter,
    merges: [],
    notes: [],
  };
  const maxRecordChars = opts.maxRecordChars ?? currentLimits().maxRecordChars;
  const maxColumns = currentLimits().maxColumns;
  let chunks: AsyncGenerator<Buffer, void, undefined> | null = null;
  const range = opts.range;
  /** Records after this one are left to another shard (see stopAfter). */
  let stopAt = Infinity;
  // the file's SHA-256, from the bytes as they are read (see hashWhileReading)
  let hasher: Hash | null = null;
  let hashed = 0;
  let digest: string | undefined;

  async function* batches(): AsyncIterable<RawRow[]> {
    chunks = readChunks(path, range ? { start: range.startByte } : {});
    const decoder = new StreamDecoder(encoding, detected.bom && !range);
    const tok = new CsvTokenizer(delimiter, maxColumns);
    let batch: RawRow[] = [];
    let batchChars = 0;
    let n = range?.firstRecord ?? 0;
    if (range) tok.line = range.firstLine + 1;
    let width = 0;
    let first = !range;
    let last = range ? undefined : lastByte;
    let stopped = false;
    let fallback: CsvParseFallback | null = null;
    let complete = true;
    let formulas = 0;
    let firstFormula: { cell: string; line: number; value: string } | undefined;
    const emit = (cells: string[], line: number, noMarkup = false): void => {
      if (n >= stopAt) {
        stopped = true;
        return;
      }
      n++;
      if (cells.length > width) {
        width = cells.length;
        if (width > maxColumns) throw new ReadError('too-many-columns', { row: n, count: width, limit: maxColumns });
      }
      for (let i = 0; i < cells.length; i++) {
        batchChars += cells[i]!.length;
        const c = cells[i]!.charCodeAt(0);
        if ((c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d) && looksLikeFormula(cells[i]!)) {
          if (formulas++ === 0) firstFormula = { cell: cellAddress(i, n), line, value: cells[i]!.slice(0, 80) };
        }
      }
      batch.push({ n, line, cells, noMarkup });
    };
    const feed = (text: string, final: boolean): void => {
      if (fallback) {
        fallback.write(text, final);
        return;
      }
      try {
        tok.push(text, final, emit);
      } catch (err) {
        if (err instanceof TooManyCells) throw new ReadError('too-many-columns', { row: n + 1, count: `${maxColumns + 1}+`, limit: maxColumns });
        if (!(err instanceof MalformedCsv)) throw err;
        fallback = new CsvParseFallback(delimiter, err.line, emit, info, maxRecordChars);
        fallback.write(err.rest, final);
      }
    };
    // Text waits here until it is at least as long as the partial record the tokenizer holds: a record that
    // spans many chunks (a 16 MiB quoted field, a 10 MB line of delimiters) is then re-scanned a logarithmic
    // number of times, not once per chunk (linear time instead of quadratic).
    let held = '';
    const pump = (text: string, final: boolean): void => {
      held = held ? held + text : text;
      if (!final && !fallback && held.length < Math.max(1 << 15, tok.pendingLength)) return;
      const t = held;
      held = '';
      feed(t, final);
    };
    let nul: number | undefined;
    // (a chunk is valid until the next one is read: it is hashed and decoded here, never kept)
    for await (const chunk of chunks) {
      if (hasher) {
        hasher.update(chunk);
        hashed += chunk.length;
      }
      if (nul === undefined && !isUtf16(encoding) && chunk.indexOf(0) >= 0) nul = tok.line;
      let text = decoder.decode(chunk, tok.line - 1);
      if (first) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        first = false;
      }
      last = lastUnit(chunk, encoding);
      pump(text, false);
      if (fallback) await (fallback as CsvParseFallback).drain();
      if (batch.length >= BATCH || batchChars >= BATCH_CHARS) {
        yield batch;
        batch = [];
        batchChars = 0;
      }
      if (stopped) {
        complete = false;
        break;
      }
      if (!fallback && tok.pendingLength + held.length > maxRecordChars) {
        // held text may finish the partial record: tokenize it before judging the record's length
        const t = held;
        held = '';
        feed(t, false);
      }
      if (!fallback && tok.pendingLength > maxRecordChars) {
        info.notes.push({ code: 'record-too-long', params: { limit: maxRecordChars, line: tok.line }, line: tok.line });
        complete = false;
        break;
      }
    }
    if (complete) pump(decoder.end(), true);
    if (fallback) await (fallback as CsvParseFallback).end();
    if (batch.length) yield batch;
    if (firstFormula) info.notes.push({ code: 'formula-injection', params: { cell: firstFormula.cell, value: firstFormula.value, count: formulas }, line: firstFormula.line });
    if (nul !== undefined && !decoder.invalid) info.notes.push({ code: 'encoding-error', params: { detail: 'NUL 0x00', line: nul }, line: nul });
    if (decoder.invalid) info.notes.push({ code: 'encoding-error', params: { ...decoder.invalid }, line: decoder.invalid.line });
    info.width = width;
    // (only known when the whole file was read: a read stopped by a limit did not see the last byte)
    if (complete) info.finalNewline = last === 0x0a || last === 0x0d;
    const kinds = [tok.crlf > 0, tok.lf > 0, tok.cr > 0].filter(Boolean).length;
    info.lineEnding = kinds > 1 ? 'mixed' : tok.crlf ? 'crlf' : tok.cr ? 'cr' : 'lf';
  }

  return {
    info,
    batches,
    stopAfter(record: number) {
      stopAt = record;
    },
    hashWhileReading(prefix?: HashPrefix) {
      if (!range) hasher ??= nodeCrypto().createHash('sha256');
      else if (prefix && prefix.bytes === range.startByte && !hasher) {
        hasher = prefix.hash;
        hashed = prefix.bytes;
      }
      return () => {
        if (!hasher || hashed !== opts.bytes) return undefined;
        digest ??= hasher.digest('hex');
        return digest;
      };
    },
    async close() {
      await (chunks as AsyncGenerator<Buffer, void, undefined> | null)?.return();
    },
  };
}

/** Hands the rest of a malformed CSV to csv-parse (relax_quotes), keeping record and line numbers. */
class CsvParseFallback {
  private parser;
  private done: Promise<void>;
  constructor(delimiter: string, firstLine: number, emit: (cells: string[], line: number) => void, info: SourceInfo, maxRecordChars: number) {
    this.parser = csvParser({ delimiter, relax_quotes: true, relax_column_count: true, skip_empty_lines: false, info: true, bom: false, max_record_size: maxRecordChars });
    this.parser.on('readable', () => {
      let rec: { record: string[]; info: { lines: number; raw?: string } } | null;
      while ((rec = this.parser.read()) !== null) {
        // info.lines is the line where the record ends; count its own breaks back
        emit(rec.record, firstLine + startLineOffset(rec.info.lines, rec.record));
      }
    });
    this.done = new Promise((resolve) => {
      this.parser.on('error', (err: Error & { code?: string; lines?: number }) => {
        const line = firstLine + (err.lines ?? 1) - 1;
        if (err.code === 'CSV_MAX_RECORD_SIZE') info.notes.push({ code: 'record-too-long', params: { limit: maxRecordChars, line }, line });
        else info.notes.push({ code: 'quote-error', params: { detail: err.code ?? err.message }, line: firstLine + (err.lines ?? 1) - 1 });
        resolve();
      });
      this.parser.on('end', () => resolve());
    });
  }
  write(text: string, final: boolean): void {
    if (text) this.parser.write(text);
    if (final) this.parser.end();
  }
  async drain(): Promise<void> {
    await new Promise((r) => setImmediate(r));
  }
  async end(): Promise<void> {
    await this.done;
  }
}

function startLineOffset(endLines: number, record: string[]): number {
  let breaks = 0;
  for (const c of record) for (let i = 0; i < c.length; i++) if (c.charCodeAt(i) === 10) breaks++;
  return endLines - 1 - breaks;
}

/** The file's last character unit as far as a line break goes: its last byte, or UTF-16's last two. */
function lastUnit(bytes: Uint8Array, encoding: TextEncoding): number | undefined {
  const n = bytes.length;
  if (!isUtf16(encoding)) return bytes[n - 1];
  if (n < 2) return undefined;
  return encoding === 'utf-16le' ? bytes[n - 2]! | (bytes[n - 1]! << 8) : (bytes[n - 2]! << 8) | bytes[n - 1]!;
}
