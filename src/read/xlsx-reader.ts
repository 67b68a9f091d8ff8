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
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { looksLikeFormula } from '../report/safe-cell.js';
import { CellKind, ReadError, cellAddress, type MergeRange, type RawRow, type RowSource, type SourceInfo } from './table.js';
import { BATCH_SIZE, columnIndexOf, decodeRange, errorDetail, isBuiltinDateFormatId, isDateFormat } from './workbook-common.js';
import { requestedSheetIndex, serialToIso, sheetState } from './workbook-common.js';
import { checkZip, currentLimits, declaredCells, InflateMeter } from './limits.js';

type SaxNode = { name: string; attributes: Record<string, string> };
interface SaxParser {
  on(event: 'opentag' | 'closetag', handler: (node: SaxNode) => void): void;
  on(event: 'text' | 'doctype', handler: (text: string) => void): void;
  write(chunk: string): unknown;
  close(): unknown;
}
type SaxParserCtor = new (opts?: { position?: boolean }) => SaxParser;

// saxes: the SAX parser exceljs itself uses (a direct dependency at the same version).
const { SaxesParser } = createRequire(import.meta.url)('saxes') as { SaxesParser: SaxParserCtor };

/** The parts of exceljs's (untyped) streaming WorkbookReader used here. */
interface ReaderInternals {
  model?: { sheets?: WbSheet[] };
  properties?: { model?: { date1904?: boolean } };
  sharedStrings?: unknown[];
  workbookRels?: { Id: string; Target: string }[];
  styles: { model?: { styles?: { numFmtId?: number }[] }; getStyleModel(id: number): { numFmt?: unknown } | null };
  parse(): AsyncGenerator<{ eventType: string; value: unknown }>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<never>;
  _parseRels(entry: Readable): Promise<void>;
}
type WbSheet = { name: string; id: number; rId: string; state: string };
/** What exceljs yields per worksheet: name/state matched from workbook.xml, the XML as chunks. */
type WorksheetPart = { name?: string; iterator: AsyncIterable<Buffer | string> & SpoolStream };
/** A sheet spooled by exceljs to a temp file comes as an fs.ReadStream. */
type SpoolStream = { destroy?: () => void; on?: (event: 'error', listener: (err: unknown) => void) => unknown };

/** Drops a spooled sheet stream. exceljs deletes its temp file right after, possibly before the stream has
 *  opened it: the late ENOENT must not become an uncaught 'error' event. */
function discard(stream: SpoolStream | undefined): void {
  if (typeof stream?.destroy !== 'function') return;
  stream.on?.('error', noop);
  stream.destroy();
}

const CLOSED = Symbol('closed');
const TRUNCATED = 'berkas terpotong / file is truncated';
const noop = () => {};

/** Local name of a possibly prefixed XML name ('x:row' → 'row'). */
function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Hardening shared by every XML part parsed here: no DOCTYPE (entities), bounded element depth. */
function guardXml(parser: SaxParser, part: string): void {
  const maxDepth = currentLimits().maxXmlDepth;
  let depth = 0;
  parser.on('doctype', () => {
    throw new ReadError('xml-entity', { part });
  });
  // saxes keeps one handler per event: wrap the handlers registered after this call.
  const on = parser.on.bind(parser) as (event: string, handler: (arg: never) => void) => void;
  (parser as { on: unknown }).on = (event: string, handler: (arg: never) => void) => {
    if (event === 'opentag') {
      on(event, (node: never) => {
        if (++depth > maxDepth) throw new ReadError('xml-nesting', { part, limit: maxDepth });
        handler(node);
      });
    } else if (event === 'closetag') {
      on(event, (node: never) => {
        depth--;
        handler(node);
      });
    } else on(event, handler);
  };
}

/** OOXML escapes characters as _xHHHH_ (e.g. _x000D_ for CR). */
function decodeEscapes(s: string): string {
  return s.indexOf('_x') < 0 ? s : s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** Feeds an entry/stream through saxes with a streaming UTF-8 decoder. */
async function saxParse(input: AsyncIterable<Buffer | string>, parser: SaxParser): Promise<void> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of input) parser.write(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
  const tail = decoder.decode();
  if (tail) parser.write(tail);
  parser.close();
}

/** Replacement for WorkbookReader#_parseWorkbook: sheet list with states, and date1904 ("1" or "true"). */
async function parseWorkbookPart(this: ReaderInternals, entry: Readable): Promise<void> {
  const sheets: WbSheet[] = [];
  let date1904 = false;
  const parser = new SaxesParser({ position: false });
  guardXml(parser, 'xl/workbook.xml');
  parser.on('opentag', (node) => {
    const name = localName(node.name);
    const a = node.attributes;
    if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
    else if (name === 'sheet') {
      const idKey = Object.keys(a).find((k) => k === 'id' || k.endsWith(':id'));
      sheets.push({ name: a.name ?? '', id: Number(a.sheetId), rId: idKey ? a[idKey]! : '', state: sheetState(a.state) });
    }
  });
  await saxParse(entry, parser);
  this.model = { sheets };
  this.properties = { model: { date1904 } };
}

/** Replacement for WorkbookReader#_parseSharedStrings: plain strings (rich runs joined, phonetic runs skipped). */
async function* parseSharedStringsPart(this: ReaderInternals, entry: Readable): AsyncGenerator<never> {
  const list: string[] = [];
  this.sharedStrings = list;
  let text = '';
  let inT = false;
  let phonetic = 0;
  const parser = new SaxesParser({ position: false });
  guardXml(parser, 'xl/sharedStrings.xml');
  parser.on('opentag', (node) => {
    const name = localName(node.name);
    if (name === 't') inT = phonetic === 0;
    else if (name === 'si') text = '';
    else if (name === 'rPh') phonetic++;
  });
  parser.on('text', (t) => void (inT && (text += t)));
  parser.on('closetag', (node) => {
    const name = localName(node.name);
    if (name === 't') inT = false;
    else if (name === 'si') list.push(decodeEscapes(text));
    else if (name === 'rPh') phonetic--;
  });
  await saxParse(entry, parser);
}

function patchReader(reader: ReaderInternals): void {
  const parseRels = reader._parseRels;
  reader._parseWorkbook = parseWorkbookPart;
  reader._parseSharedStrings = parseSharedStringsPart;
  // exceljs matches a sheet to its relationship by the literal target 'worksheets/sheetN.xml'.
  reader._parseRels = async function (this: ReaderInternals, entry: Readable) {
    await parseRels.call(this, entry);
    for (const rel of this.workbookRels ?? []) {
      if (typeof rel.Target === 'string') rel.Target = rel.Target.replace(/^\//, '').replace(/^xl\//, '');
    }
  };
}

/** Date-formatted style ids, looked up once per style. */
function dateStyleLookup(styles: ReaderInternals['styles']): (s: number) => boolean {
  const cache: (boolean | undefined)[] = [];
  return (s) => {
    const known = cache[s];
    if (known !== undefined) return known;
    const id = styles.model?.styles?.[s]?.numFmtId;
    const fmt = styles.getStyleModel(s)?.numFmt;
    return (cache[s] = (typeof id === 'number' && isBuiltinDateFormatId(id)) || (typeof fmt === 'string' && isDateFormat(fmt)));
  };
}

/** SAX handler for one sheet's XML, producing RawRows into `rows` and ranges into `merges`. */
class SheetParser {
  rows: RawRow[] = [];
  width = 0;
  /** Last row number the sheet XML lists, with or without values. */
  lastRow = 0;
  private readonly parser: SaxParser;
  private readonly decoder = new TextDecoder('utf-8');
  // current row, current cell, and where text goes
  private n = 0;
  private hidden = false;
  private cells: string[] = [];
  private kinds: CellKind[] = [];
  private col = -1;
  private type: string | undefined = undefined;
  private style = 0;
  private text = '';
  private capture = false;
  private hasValue = false;
  private inIs = false;
  private phonetic = 0;
  private readonly maxColumns = currentLimits().maxColumns;
  /** Text cells that a spreadsheet would run as a formula (=, +, -, @): the first one and how many. */
  formulaText?: { cell: string; value: string; count: number };

  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly isDateStyle: (s: number) => boolean,
    private readonly date1904: boolean,
    private readonly merges: MergeRange[],
    private readonly meter?: InflateMeter,
  ) {
    this.parser = new SaxesParser({ position: false });
    guardXml(this.parser, 'worksheet');
    this.parser.on('opentag', (node) => this.open(node.name, node.attributes));
    this.parser.on('closetag', (node) => this.close(node.name));
    this.parser.on('text', (t) => void (this.capture && (this.text += t)));
  }

  feed(chunk: Buffer | string): void {
    this.meter?.add(chunk.length, 'worksheet');
    this.parser.write(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
  }

  end(): void {
    const tail = this.decoder.decode();
    if (tail) this.parser.write(tail);
    this.parser.close();
  }

  private open(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'c':
        this.col = a.r ? columnIndexOf(a.r) : this.col + 1;
        this.type = a.t;
        this.style = a.s ? +a.s : 0;
        this.text = '';
        this.hasValue = false;
        break;
      case 'v':
        this.text = '';
        this.capture = true;
        break;
      case 'row':
        this.n = a.r ? +a.r : this.n + 1;
        if (this.n > this.lastRow) this.lastRow = this.n;
        this.hidden = a.hidden === '1' || a.hidden === 'true';
        this.col = -1;
        break;
      case 'is':
        this.inIs = true;
        this.text = '';
        break;
      case 't':
        if (this.inIs && this.phonetic === 0) this.capture = true;
        break;
      case 'rPh':
        this.phonetic++;
        break;
      case 'dimension': {
        const cells = a.ref ? declaredCells(a.ref) : 0;
        const max = currentLimits().maxDeclaredCells;
        if (cells > max) throw new ReadError('sheet-too-large', { ref: a.ref!, cells, limit: max });
        break;
      }
      case 'mergeCell': {
        const range = a.ref ? decodeRange(a.ref) : undefined;
        if (range) this.merges.push(range);
        break;
      }
      default:
        if (name.indexOf(':') >= 0) this.open(localName(name), a);
    }
  }

  private close(name: string): void {
    switch (name) {
      case 'v':
      case 'is':
        this.capture = this.inIs = false;
        this.hasValue = true;
        break;
      case 'c':
        if (this.hasValue) this.cell();
        break;
      case 'row':
        if (this.cells.length > 0) {
          const row: RawRow = { n: this.n, cells: this.cells, kinds: this.kinds };
          if (this.hidden) row.hidden = true;
          this.rows.push(row);
          if (this.cells.length > this.width) this.width = this.cells.length;
          this.cells = [];
          this.kinds = [];
        }
        break;
      case 't':
        this.capture = false;
        break;
      case 'rPh':
        this.phonetic--;
        break;
      default:
        if (name.indexOf(':') >= 0) this.close(localName(name));
    }
  }

  private cell(): void {
    const v = this.text;
    let text = v;
    let kind = CellKind.String;
    switch (this.type) {
      case 's':
        text = this.sharedStrings[+v] ?? '';
        break;
      case 'str':
      case 'inlineStr':
        text = decodeEscapes(v);
        break;
      case 'b':
        text = v === '1' || v === 'true' ? 'TRUE' : 'FALSE';
        kind = CellKind.Boolean;
        break;
      case 'e':
        kind = CellKind.Error;
        break;
      case 'd': {
        // ISO 8601 date cell (t="d"): keep date and time to the second, drop a midnight time.
        const m = /^(\d{4}-\d\d-\d\d)(?:T(\d\d:\d\d:\d\d))?/.exec(v);
        text = m ? (m[2] && m[2] !== '00:00:00' ? m[1] + 'T' + m[2] : m[1]!) : v;
        kind = m ? CellKind.Date : CellKind.String;
        break;
      }
      default: {
        const num = +v;
        if (v === '' || num !== num) break; // not a number: keep the text
        const iso = this.style !== 0 && this.isDateStyle(this.style) ? serialToIso(num, this.date1904) : undefined;
        text = iso ?? String(num);
        kind = iso === undefined ? CellKind.Number : CellKind.Date;
      }
    }
    const col = this.col;
    if (text === '' || col < 0) return;
    if (col >= this.maxColumns) throw new ReadError('too-many-columns', { row: this.n, count: col + 1, limit: this.maxColumns });
    if (kind === CellKind.String && looksLikeFormula(text)) {
      if (this.formulaText) this.formulaText.count++;
      else this.formulaText = { cell: cellAddress(col, this.n), value: text.slice(0, 80), count: 1 };
    }
    const cells = this.cells;
    const kinds = this.kinds;
    while (cells.length < col) {
      cells.push('');
      kinds.push(CellKind.Empty);
    }
    cells[col] = text;
    kinds[col] = kind;
  }
}

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
  private readonly stop: Promise<never>;
  private rejectStop: (reason: unknown) => void = noop;
  private closed = false;
  private zip?: SpoolStream & { reachedCD?: boolean };
  private sheetIter?: AsyncIterator<Buffer | string>;
  private sheetStream?: SpoolStream;
  private parser?: SheetParser;
  private sheetDone = true;
  private iterated = false;
  private spooled = false;
  /** Largest uncompressed size the zip declares for a worksheet part. */
  declaredSheetBytes?: number;

  constructor(path: string, bytes: number, private readonly request: string | number | undefined) {
    this.info = { path, format: 'xlsx', bytes, merges: [], notes: [] };
    this.stop = new Promise<never>((_resolve, reject) => (this.rejectStop = reject));
    this.stop.catch(noop);
    this.input = createReadStream(path);
    this.input.on('error', (err) => this.rejectStop(err));
    // Errors of the unzip stream do not reach the entry streams; catch them where they are emitted.
    const pipe = this.input.pipe.bind(this.input);
    this.input.pipe = ((dest: NodeJS.WritableStream & ZipStream, o?: { end?: boolean }) => {
      this.zip = dest;
      dest.on('error', (err: unknown) => this.rejectStop(err));
      fixEarlyEnd(dest);
      return pipe(dest, o);
    }) as ReadStream['pipe'];
    const options = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;
    this.reader = new ExcelJS.stream.xlsx.WorkbookReader(this.input, options) as unknown as ReaderInternals;
    patchReader(this.reader);
  }

  /** Awaits p unless the source fails (stream error) or is closed first. */
  private race<T>(p: Promise<T>): Promise<T> {
    p.catch(noop);
    return Promise.race([p, this.stop]);
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
        const model = this.reader.model?.sheets;
        if (!model) throw new ReadError('corrupt-file', { detail: 'xl/workbook.xml tidak ada / xl/workbook.xml missing' });
        sheets.push(...model.map((s) => ({ name: s.name, state: s.state })));
        this.info.sheets = sheets;
        this.info.dateSystem = this.reader.properties?.model?.date1904 ? 1904 : 1900;
        target = requestedSheetIndex(this.request, sheets);
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
    this.parser = new SheetParser(strings, dateStyleLookup(this.reader.styles), date1904, this.info.merges, new InflateMeter(this.info.bytes, this.declaredSheetBytes));
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
      let delivered = 0;
      for (;;) {
        if (parser.rows.length >= BATCH_SIZE || (this.sheetDone && parser.rows.length > 0)) {
          const out = parser.rows;
          parser.rows = [];
          delivered += out.length;
          for (let i = 0; i < out.length; i += BATCH_SIZE) yield out.length <= BATCH_SIZE ? out : out.slice(i, i + BATCH_SIZE);
        }
        if (this.sheetDone || this.closed) break;
        await this.step();
      }
      if (parser.formulaText) this.info.notes.push({ code: 'formula-injection', params: { ...parser.formulaText }, row: Number(parser.formulaText.cell.replace(/^[A-Z]+/, '')) });
      await this.drainRest();
      const chosen = this.info.sheets?.find((s) => s.name === this.info.sheet);
      if (chosen && chosen.empty === undefined) chosen.empty = delivered === 0;
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
    // Let exceljs delete the temp files of the sheets still waiting (it does so as its generator resumes).
    const parts = this.parts;
    if (this.spooled && parts) {
      this.parts = undefined;
      void (async () => {
        for (let r = await parts.next(); !r.done; r = await parts.next()) {
          if (r.value.eventType === 'worksheet') discard((r.value.value as WorksheetPart).iterator);
        }
      })().catch(noop);
    }
  }
}

/** Opens an .xlsx workbook and reads up to the first row of the chosen sheet. */
export async function openXlsx(path: string, opts: { sheet?: string | number; bytes: number }): Promise<RowSource> {
  if (opts.bytes === 0) throw new ReadError('empty-file');
  let declared: number | undefined;
  try {
    const entries = await checkZip(path, opts.bytes);
    const sheets = entries.filter((e) => /^xl\/worksheets\/[^/]+\.xml$/i.test(e.name));
    if (sheets.length) declared = Math.max(...sheets.map((e) => e.uncompressed));
  } catch (err) {
    throw toReadError(err);
  }
  const source = new XlsxSource(path, opts.bytes, opts.sheet);
  source.declaredSheetBytes = declared;
  try {
    await source.open();
  } catch (err) {
    await source.close();
    throw toReadError(err);
  }
  return source;
}
