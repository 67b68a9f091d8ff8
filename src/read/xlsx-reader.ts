/**
 * XLSX reader on exceljs's streaming WorkbookReader.
 *
 * exceljs streams the zip, routes its parts, parses the rels and styles and (for Excel-written files, whose
 * sheets come before sharedStrings.xml) spools sheets to temp files. Three parts are parsed here instead:
 *  - xl/workbook.xml: exceljs reads date1904 only when written "1" (not "true") and keeps no raw sheet list;
 *  - xl/sharedStrings.xml and the sheets: exceljs decodes each zip chunk with a non-streaming TextDecoder (a
 *    UTF-8 character split across chunks becomes U+FFFD), its WorksheetReader ignores <mergeCell> and
 *    row/@hidden, turns a cached formula error into NaN, and builds Row/Cell objects per cell.
 * The sheet XML is parsed with saxes (the SAX parser exceljs itself uses) straight into RawRows.
 */
import { createReadStream, type ReadStream } from 'node:fs';
// exceljs is loaded only when this fallback reads a workbook (its ~700 modules cost ~0.28 s to load)
type ExcelJSModule = typeof import('exceljs');
import { ReadError, type RawRow, type RowSource, type SourceInfo } from './table.js';
import { errorDetail, requestedSheetIndex } from './workbook-common.js';
import { checkZip, ZipMeter, type ZipEntry } from './limits.js';
import { CLOSED, dateStyleLookup, discard, noop, noteSheetEnd, parsedBatches, patchReader, SheetParser, TRUNCATED, type ReaderInternals, type SpoolStream, type WorksheetPart } from './xlsx-parts.js';
type ZipStream = {
  emit(event: string | symbol, ...args: unknown[]): boolean;
  push?: (chunk: unknown) => boolean;
  _readableState?: { endEmitted?: boolean; ended?: boolean };
};

/**
 * unzipper's Parse emits 'end' as soon as its input is consumed, while entries it already pushed may still
 * wait in its (paused) readable buffer; exceljs's iterateStream then stops and silently loses them
 * (seen intermittently on small files: a workbook.xml, sharedStrings.xml or styles.xml after the sheets).
 * Turn that early 'end' into push(null), so that 'end' comes after the buffered entries.
 */
function fixEarlyEnd(zip: ZipStream): void {
  const state = zip._readableState;
  if (!state || typeof zip.push !== 'function') return;
  const emit = zip.emit;
  zip.emit = function (this: ZipStream, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'end' && !state.endEmitted) {
      if (!state.ended) zip.push!(null);
      return true;
    }
    if (event === 'close' && !state.endEmitted) return true;
    return emit.call(this, event, ...args);
  };
}

function toReadError(err: unknown): ReadError {
  if (err instanceof ReadError) return err;
  const e = err as NodeJS.ErrnoException | undefined;
  if (e && typeof e.code === 'string' && typeof e.syscall === 'string') {
    return new ReadError('source-error', { reason: errorDetail(err) });
  }
  const msg = errorDetail(err);
  const detail = /invalid signature/i.test(msg)
    ? 'bukan arsip zip / not a zip archive'
    : /FILE_ENDED|unexpected end/i.test(msg) ? TRUNCATED : msg;
  return new ReadError('corrupt-file', { detail });
}

class XlsxSource implements RowSource {
  readonly info: SourceInfo;
  private readonly input: ReadStream;
  private readonly reader: ReaderInternals;
  private parts?: AsyncGenerator<{ eventType: string; value: unknown }>;
  /** Set once the source fails (stream error) or is closed; pending race() calls are rejected with it. */
  private failure?: { reason: unknown };
  private readonly waiters = new Set<(reason: unknown) => void>();
  private closed = false;
  private zip?: SpoolStream & { reachedCD?: boolean };
  private sheetIter?: AsyncIterator<Buffer | string>;
  private sheetStream?: SpoolStream;
  private parser?: SheetParser;
  private sheetDone = true;
  private iterated = false;
  private spooled = false;
  /** Every entry exceljs inflates (sheets it spools to disk included) is metered here. */
  private readonly meter = new ZipMeter();

  constructor(ExcelJS: ExcelJSModule, path: string, bytes: number, private readonly request: string | number | undefined, private readonly declared: Map<string, ZipEntry>) {
    this.info = { path, format: 'xlsx', bytes, merges: [], notes: [] };
    this.input = createReadStream(path);
    this.input.on('error', (err) => this.rejectStop(err));
    // Errors of the unzip stream do not reach the entry streams; catch them where they are emitted.
    const pipe = this.input.pipe.bind(this.input);
    this.input.pipe = ((dest: NodeJS.WritableStream & ZipStream, o?: { end?: boolean }) => {
      this.zip = dest;
      dest.on('error', (err: unknown) => this.rejectStop(err));
      fixEarlyEnd(dest);
      this.meterEntries(dest);
      return pipe(dest, o);
    }) as ReadStream['pipe'];
    const options = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;
    this.reader = new ExcelJS.stream.xlsx.WorkbookReader(this.input, options) as unknown as ReaderInternals;
    patchReader(this.reader);
  }

  /**
   * Meters every entry unzipper pushes: each inflated chunk is counted before it is written into the entry
   * (whether exceljs parses it or spools it to a temp file). Past a limit, or once closed, the read stops.
   */
  private meterEntries(zip: ZipStream): void {
    const push = zip.push;
    if (typeof push !== 'function') return;
    zip.push = (entry: unknown) => {
      const e = entry as { path?: string; vars?: { flags?: number; compressedSize?: number; uncompressedSize?: number }; write?: (chunk: Buffer, ...rest: unknown[]) => boolean } | null;
      if (e && typeof e === 'object' && typeof e.write === 'function') {
        const name = String(e.path ?? '?');
        const v = e.vars ?? {};
        const sizesKnown = ((v.flags ?? 0) & 8) === 0;
        const cd = this.declared.get(name);
        const declared = cd ? cd.uncompressed : sizesKnown ? v.uncompressedSize : undefined;
        const compressed = cd ? cd.compressed : sizesKnown ? (v.compressedSize ?? 0) : 0;
        const meter = this.meter.entry(name, compressed, declared);
        const write = e.write.bind(e);
        e.write = (chunk: Buffer, ...rest: unknown[]) => {
          const err = this.closed ? CLOSED : meter.check(chunk.length);
          if (err) {
            this.rejectStop(err);
            this.input.destroy();
            discard(this.zip);
            return false;
          }
          return write(chunk, ...rest);
        };
      }
      return push.call(zip, entry);
    };
  }

  private rejectStop(reason: unknown): void {
    if (this.failure) return;
    this.failure = { reason };
    for (const reject of this.waiters) reject(reason);
    this.waiters.clear();
  }

  /**
   * Awaits p unless the source fails (stream error) or is closed first. Each call registers its own waiter
   * and removes it when p settles: nothing keeps a settled chunk reachable (Promise.race against one
   * never-settling promise kept every chunk of sheet XML alive until the file closed).
   */
  private race<T>(p: Promise<T>): Promise<T> {
    p.catch(noop);
    if (this.failure) return Promise.reject(this.failure.reason);
    return new Promise<T>((resolve, reject) => {
      this.waiters.add(reject);
      p.then(
        (v) => {
          this.waiters.delete(reject);
          resolve(v);
        },
        (e: unknown) => {
          this.waiters.delete(reject);
          reject(e);
        },
      );
    });
  }

  /** Reads up to the chosen sheet's first row, so that sheet, sheets and dateSystem are known. */
  async open(): Promise<void> {
    const parts = (this.parts = this.reader.parse());
    let target: number | undefined;
    let listed = false;
    for (;;) {
      const r = await this.race(parts.next());
      if (r.done) break;
      if (r.value.eventType !== 'worksheet') continue;
      const part = r.value.value as WorksheetPart;
      if (typeof part.iterator.destroy === 'function') {
        this.spooled = true; // the zip was read to its end, sheets wait in temp files
        this.checkComplete();
      }
      const sheets = this.info.sheets ?? [];
      if (!listed) {
        listed = true;
        try {
          const model = this.reader.model?.sheets;
          if (!model) throw new ReadError('corrupt-file', { detail: 'xl/workbook.xml tidak ada / xl/workbook.xml missing' });
          sheets.push(...model.map((s) => ({ name: s.name, state: s.state })));
          this.info.sheets = sheets;
          this.info.dateSystem = this.reader.properties?.model?.date1904 ? 1904 : 1900;
          target = requestedSheetIndex(this.request, sheets);
        } catch (err) {
          // This sheet's spooled stream may still be opening its temp file, which exceljs is about to delete.
          discard(part.iterator);
          throw err;
        }
      }
      const idx = sheets.findIndex((s) => s.name === part.name);
      const wanted = idx >= 0 && (target === undefined ? sheets[idx]!.state === 'visible' : idx === target);
      if (!wanted) {
        discard(part.iterator);
        continue;
      }
      this.startSheet(part);
      if (target !== undefined) {
        this.info.sheet = sheets[idx]!.name;
        return;
      }
      // Default choice: the first visible sheet with a value. Read until its first row (or its end).
      while (!this.sheetDone && this.parser!.rows.length === 0) await this.step();
      if (this.parser!.rows.length > 0) {
        sheets[idx]!.empty = false;
        this.info.sheet = sheets[idx]!.name;
        return;
      }
      sheets[idx]!.empty = true;
      this.info.merges.length = 0;
    }
    this.checkComplete();
    if (!listed) {
      if (!this.reader.model) throw new ReadError('corrupt-file', { detail: 'zip tanpa buku kerja Excel / zip without an Excel workbook' });
      throw new ReadError('corrupt-file', { detail: 'tidak ada sheet yang terbaca / no readable worksheet' });
    }
    const sheets = this.info.sheets!;
    if (target !== undefined) {
      throw new ReadError('corrupt-file', { detail: `sheet "${sheets[target]!.name}" tanpa data / has no worksheet data` });
    }
    // No visible sheet has a value: report the first visible one, with no rows.
    const first = sheets.find((s) => s.state === 'visible') ?? sheets[0];
    this.info.sheet = first?.name;
    this.parser = undefined;
    this.sheetDone = true;
  }

  /** A zip that ended without its central directory was cut off (exactly between two entries). */
  private checkComplete(): void {
    if (this.zip && this.zip.reachedCD !== true) throw new ReadError('corrupt-file', { detail: TRUNCATED });
  }

  private startSheet(part: WorksheetPart): void {
    this.sheetStream = part.iterator;
    this.sheetIter = part.iterator[Symbol.asyncIterator]();
    const strings = (this.reader.sharedStrings ?? []) as string[];
    const date1904 = this.info.dateSystem === 1904;
    this.parser = new SheetParser(strings, dateStyleLookup(this.reader.styles), date1904, this.info.merges);
    this.sheetDone = false;
  }

  /** Parses one more chunk of the current sheet. */
  private async step(): Promise<void> {
    const c = await this.race(this.sheetIter!.next());
    if (c.done) {
      this.parser!.end();
      this.sheetDone = true;
      this.sheetIter = undefined;
    } else {
      this.parser!.feed(c.value);
    }
    if (this.parser!.width > (this.info.width ?? 0)) this.info.width = this.parser!.width;
    this.info.lastRow = this.parser!.lastRow;
  }

  async *batches(): AsyncGenerator<RawRow[]> {
    if (this.iterated) throw new Error('batches() can only be iterated once');
    this.iterated = true;
    try {
      const parser = this.parser;
      if (!parser) return;
      const delivered = yield* parsedBatches(parser, () => this.sheetDone, () => this.closed, () => this.step());
      await this.drainRest();
      noteSheetEnd(this.info, parser, delivered);
    } catch (err) {
      if (err === CLOSED || this.closed) return;
      throw toReadError(err);
    } finally {
      await this.close();
    }
  }

  /**
   * After the sheet: read the rest of the zip (skipping other sheets; exceljs then deletes their temp files)
   * so that a file cut off after the chosen sheet is still reported as truncated.
   */
  private async drainRest(): Promise<void> {
    if (!this.parts) return;
    for (;;) {
      const r = await this.race(this.parts.next());
      if (r.done) break;
      if (r.value.eventType === 'worksheet') discard((r.value.value as WorksheetPart).iterator);
    }
    this.checkComplete();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.rejectStop(CLOSED);
    this.sheetStream?.on?.('error', noop);
    this.sheetIter?.return?.().catch(noop);
    discard(this.sheetStream);
    this.input.destroy();
    discard(this.zip);
    // Let exceljs delete the temp files of the sheets still waiting: it does so as its generator resumes, with
    // no I/O to wait for (the zip was read to its end), so close() returns with the temp files gone.
    const parts = this.parts;
    if (this.spooled && parts) {
      this.parts = undefined;
      try {
        for (let r = await parts.next(); !r.done; r = await parts.next()) {
          if (r.value.eventType === 'worksheet') discard((r.value.value as WorksheetPart).iterator);
        }
      } catch {
        // a temp file already gone: nothing left to delete
      }
    }
  }
}

/**
 * Opens an .xlsx workbook and reads up to the first row of the chosen sheet: with the lean reader
 * (xlsx-lean.ts) when the zip has a central directory, else (or with SATUDATA_XLSX_READER=exceljs) with
 * exceljs's streaming reader, metered the same way.
 */
export async function openXlsx(path: string, opts: { sheet?: string | number; bytes: number; reader?: 'lean' | 'exceljs'; signal?: AbortSignal }): Promise<RowSource> {
  if (opts.bytes === 0) throw new ReadError('empty-file');
  let entries: ZipEntry[];
  try {
    entries = await checkZip(path, opts.bytes);
  } catch (err) {
    throw toReadError(err);
  }
  const reader = opts.reader ?? (process.env.SATUDATA_XLSX_READER === 'exceljs' ? 'exceljs' : 'lean');
  if (reader === 'lean') {
    const { openLeanXlsx } = await import('./xlsx-lean.js');
    try {
      const lean = await openLeanXlsx(path, opts.bytes, entries, opts.sheet, opts.signal);
      if (lean) return wrapErrors(lean);
    } catch (err) {
      throw toReadError(err);
    }
  }
  const { default: ExcelJS } = (await import('exceljs')) as unknown as { default: ExcelJSModule };
  const source = new XlsxSource(ExcelJS, path, opts.bytes, opts.sheet, new Map(entries.map((e) => [e.name, e])));
  opts.signal?.addEventListener('abort', () => void source.close(), { once: true });
  try {
    await source.open();
  } catch (err) {
    await source.close();
    throw toReadError(err);
  }
  return source;
}

/** Read failures of a source's batches as coded ReadErrors. */
function wrapErrors(src: RowSource): RowSource {
  const batches = src.batches.bind(src);
  src.batches = async function* () {
    try {
      yield* batches();
    } catch (err) {
      throw toReadError(err);
    }
  };
  return src;
}
