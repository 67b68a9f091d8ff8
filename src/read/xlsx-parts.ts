/**
 * The XML parts of an .xlsx parsed here instead of by exceljs (see xlsx-reader.ts for why): workbook.xml
 * (sheet list, states, date1904 as "1" or "true"), sharedStrings.xml (rich runs joined, phonetic runs skipped)
 * and the sheets themselves, straight into RawRows with merges, hidden rows, formula errors and dates —
 * all through saxes (the SAX parser exceljs itself uses) with a streaming UTF-8 decoder and XML hardening.
 */
import { createRequire } from 'node:module';
import type { Readable } from 'node:stream';
import { looksLikeFormula } from '../io/safe-cell.js';
import { CellKind, ReadError, cellAddress, type MergeRange, type RawRow, type SourceInfo } from './table.js';
import { BATCH_SIZE, columnIndexOf, decodeRange, isBuiltinDateFormatId, isDateFormat, serialToIso, sheetState } from './workbook-common.js';
import { currentLimits, declaredCells } from './limits.js';
import { attributes, XmlScanner, type ScanHandler } from './xml-scan.js';
import { digitsIn, scanCell, type CellTag } from './sheet-cell.js';

type SaxNode = { name: string; attributes: Record<string, string> };
interface SaxParser {
  on(event: 'opentag' | 'closetag', handler: (node: SaxNode) => void): void;
  on(event: 'text' | 'cdata' | 'doctype', handler: (text: string) => void): void;
  write(chunk: string): unknown;
  close(): unknown;
}
type SaxParserCtor = new (opts?: { position?: boolean }) => SaxParser;

// saxes: the SAX parser exceljs itself uses (a direct dependency at the same version).
const { SaxesParser } = createRequire(import.meta.url)('saxes') as { SaxesParser: SaxParserCtor };

/** The parts of exceljs's (untyped) streaming WorkbookReader used here. */
export interface ReaderInternals {
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
export type WorksheetPart = { name?: string; iterator: AsyncIterable<Buffer | string> & SpoolStream };
/** A sheet spooled by exceljs to a temp file comes as an fs.ReadStream. */
export type SpoolStream = { destroy?: () => void; on?: (event: 'error', listener: (err: unknown) => void) => unknown };

/** Drops a spooled sheet stream. exceljs deletes its temp file right after, possibly before the stream has
 *  opened it: the late ENOENT must not become an uncaught 'error' event. */
export function discard(stream: SpoolStream | undefined): void {
  if (typeof stream?.destroy !== 'function') return;
  stream.on?.('error', noop);
  stream.destroy();
}

export const CLOSED = Symbol('closed');
export const TRUNCATED = 'berkas terpotong / file is truncated';
export const noop = () => {};

/** Local name of a possibly prefixed XML name ('x:row' → 'row'). */
function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Elements of a sheet whose attributes the parser reads. */
const ATTR_ELEMENTS = new Set(['c', 'row', 'dimension', 'mergeCell']);
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/** Hardening shared by every XML part parsed here: no DOCTYPE (entities), bounded element depth. */
function guardXml(parser: SaxParser, part: string, wrapDepth = true): void {
  const maxDepth = currentLimits().maxXmlDepth;
  let depth = 0;
  parser.on('doctype', () => {
    throw new ReadError('xml-entity', { part });
  });
  // the sheet parser counts depth in its own handlers (a wrapper per element costs the hot path)
  if (!wrapDepth) return;
  // saxes keeps one handler per event: wrap the handlers registered after this call.
  const on = parser.on.bind(parser) as (event: string, handler: (arg: never) => void) => void;
  // a part that registers no closetag handler (workbook.xml) still counts its closing tags
  on('closetag', () => void depth--);
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
export function decodeEscapes(s: string): string {
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
  parser.on('cdata', (t) => void (inT && (text += t)));
  parser.on('closetag', (node) => {
    const name = localName(node.name);
    if (name === 't') inT = false;
    else if (name === 'si') list.push(decodeEscapes(text));
    else if (name === 'rPh') phonetic--;
  });
  await saxParse(entry, parser);
}

export function patchReader(reader: ReaderInternals): void {
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
export function dateStyleLookup(styles: ReaderInternals['styles']): (s: number) => boolean {
  const cache: (boolean | undefined)[] = [];
  return (s) => {
    const known = cache[s];
    if (known !== undefined) return known;
    const id = styles.model?.styles?.[s]?.numFmtId;
    const fmt = styles.getStyleModel(s)?.numFmt;
    return (cache[s] = (typeof id === 'number' && isBuiltinDateFormatId(id)) || (typeof fmt === 'string' && isDateFormat(fmt)));
  };
}

/**
 * Whether a number as written in the XML is already the text JavaScript gives for it (String(+v) === v), so
 * that the costly number-to-text conversion can be skipped: an optional '-', an integer part without leading
 * zeros, an optional fraction not ending in 0, at most 15 significant digits (each such decimal is the
 * shortest text of its double), and no exponent form (|x| < 1e21, and not below 1e-6).
 */
export function isCanonicalNumber(v: string): boolean {
  const n = v.length;
  let i = v.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n) return false;
  let digits = 0;
  let c = v.charCodeAt(i);
  if (c === 48) {
    i++;
  } else {
    for (; i < n; i++) {
      c = v.charCodeAt(i);
      if (c < 48 || c > 57) break;
      digits++;
    }
    if (digits === 0) return false;
  }
  if (i === n) return digits > 0 ? digits <= 15 : v === '0';
  if (v.charCodeAt(i) !== 46 || i === n - 1 || v.charCodeAt(n - 1) === 48) return false;
  let leadingZeros = digits === 0;
  let zeros = 0;
  for (i++; i < n; i++) {
    c = v.charCodeAt(i);
    if (c < 48 || c > 57) return false;
    if (leadingZeros && c === 48) zeros++;
    else {
      leadingZeros = false;
      digits++;
    }
  }
  return digits <= 15 && zeros < 6 && !(v.charCodeAt(0) === 45 && digits === 0);
}

/** SAX handler for one sheet's XML, producing RawRows into `rows` and ranges into `merges`. */
export class SheetParser implements ScanHandler {
  rows: RawRow[] = [];
  width = 0;
  /** Last row number the sheet XML lists, with or without values. */
  lastRow = 0;
  private depth = 0;
  private readonly maxDepth: number;
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
  private valueText = '';
  /** Whether text goes to the current value (read by the fast scanner as a ScanHandler). */
  capture = false;
  private hasValue = false;
  private inIs = false;
  private phonetic = 0;
  private readonly maxColumns = currentLimits().maxColumns;
  /** Text cells that a spreadsheet would run as a formula (=, +, -, @): the first one and how many. */
  formulaText?: { cell: string; value: string; count: number };

  /** `fast`: parse with the indexOf scanner (xml-scan.ts) instead of saxes; the cell logic is the same. */
  constructor(
    private readonly sharedStrings: readonly string[],
    private readonly isDateStyle: (s: number) => boolean,
    private readonly date1904: boolean,
    private readonly merges: MergeRange[],
    fast = false,
  ) {
    this.maxDepth = currentLimits().maxXmlDepth;
    if (fast) {
      const scanner = new XmlScanner(this, 'worksheet', this.maxDepth);
      this.parser = { on: () => undefined, write: (chunk: string) => scanner.write(chunk), close: () => scanner.end() };
      return;
    }
    this.parser = new SaxesParser({ position: false });
    guardXml(this.parser, 'worksheet', false);
    this.parser.on('opentag', (node) => {
      if (++this.depth > this.maxDepth) throw new ReadError('xml-nesting', { part: 'worksheet', limit: this.maxDepth });
      this.openTag(node.name, node.attributes);
    });
    this.parser.on('closetag', (node) => {
      this.depth--;
      this.closeTag(node.name);
    });
    this.parser.on('text', (t) => void (this.capture && (this.valueText += t)));
    this.parser.on('cdata', (t) => void (this.capture && (this.valueText += t)));
  }

  feed(chunk: Buffer | string): void {
    this.parser.write(typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true }));
  }

  end(): void {
    const tail = this.decoder.decode();
    if (tail) this.parser.write(tail);
    this.parser.close();
  }

  /** ScanHandler (fast scanner): an element opens. */
  open(name: string, src: string, from: number, to: number): void {
    if (name === 'c') this.openCell(src, from, to);
    else if (name === 'row') this.openRow(src, from, to);
    else this.openTag(name, ATTR_ELEMENTS.has(name) ? attributes(src, from, to, 'worksheet') : NO_ATTRS);
  }

  /** ScanHandler (fast scanner): an element closes. */
  close(name: string): void {
    this.closeTag(name);
  }

  private readonly tag: CellTag = { next: 0, col: -1, style: 0, type: undefined, vFrom: -1, vTo: -1 };

  /** ScanHandler (fast scanner): a whole `<c>` of the simple shape (sheet-cell.ts), as open/text/close would give it. */
  simpleCell(src: string, i: number, n: number): number {
    const t = this.tag;
    if (!scanCell(src, i, n, t)) return 0;
    this.col = t.col >= 0 ? t.col : this.col + 1;
    this.type = t.type;
    this.style = t.style;
    if (t.vFrom >= 0) {
      if (t.type === 's') {
        // a shared string's index read from the digits in place (no string for it)
        const index = digitsIn(src, t.vFrom, t.vTo);
        if (index >= 0) {
          this.valueText = '';
          this.hasValue = true;
          this.capture = this.inIs = false;
          this.place(this.sharedStrings[index] ?? '', CellKind.String);
          return t.next;
        }
      }
      this.valueText = src.slice(t.vFrom, t.vTo);
      this.capture = this.inIs = false;
      this.hasValue = true;
      this.cell();
    } else {
      this.valueText = '';
      this.hasValue = false;
    }
    return t.next;
  }

  /** ScanHandler (fast scanner): text while `capture` is on. */
  text(t: string): void {
    this.valueText += t;
  }

  // attributes of the current <c> or <row>, read by quickAttrs()
  private ar: string | undefined = undefined;
  private at: string | undefined = undefined;
  private as: string | undefined = undefined;
  private ahidden: string | undefined = undefined;

  /** Reads r, t, s and hidden of a tag without building an attribute object (the fast parser's hot path). */
  private quickAttrs(src: string, from: number, to: number): void {
    this.ar = this.at = this.as = this.ahidden = undefined;
    let i = from;
    while (i < to) {
      let c = src.charCodeAt(i);
      while (c === 32 || c === 10 || c === 9 || c === 13) c = src.charCodeAt(++i);
      if (i >= to) break;
      const eq = src.indexOf('=', i);
      const q = src.charCodeAt(eq + 1);
      if (eq < 0 || eq >= to || (q !== 34 && q !== 39)) {
        // unusual spacing or quoting: the general attribute reader
        const a = attributes(src, from, to, 'worksheet');
        this.ar = a.r;
        this.at = a.t;
        this.as = a.s;
        this.ahidden = a.hidden;
        return;
      }
      const end = src.indexOf(q === 34 ? '"' : "'", eq + 2);
      if (end < 0 || end >= to) throw new ReadError('corrupt-file', { detail: 'worksheet: unterminated attribute' });
      const len = eq - i;
      if (len === 1 || (len === 6 && src.startsWith('hidden', i))) {
        let v = src.slice(eq + 2, end);
        if (v.indexOf('&') >= 0) v = attributes(src, i, end + 1, 'worksheet')[src.slice(i, eq)]!;
        const k = src.charCodeAt(i);
        if (len === 6) this.ahidden = v;
        else if (k === 114) this.ar = v;
        else if (k === 116) this.at = v;
        else if (k === 115) this.as = v;
      }
      i = end + 1;
    }
  }

  /** `<c r=".." s=".." t="..">` */
  private openCell(src: string, from: number, to: number): void {
    this.quickAttrs(src, from, to);
    const r = this.ar;
    const st = this.as;
    this.col = r ? columnIndexOf(r) : this.col + 1;
    this.type = this.at;
    this.style = st ? +st : 0;
    this.valueText = '';
    this.hasValue = false;
  }

  /** `<row r=".." hidden="..">` */
  private openRow(src: string, from: number, to: number): void {
    this.quickAttrs(src, from, to);
    const r = this.ar;
    const h = this.ahidden;
    this.n = r ? +r : this.n + 1;
    if (this.n > this.lastRow) this.lastRow = this.n;
    this.hidden = h === '1' || h === 'true';
    this.col = -1;
  }

  private openTag(name: string, a: Record<string, string>): void {
    switch (name) {
      case 'c':
        this.col = a.r ? columnIndexOf(a.r) : this.col + 1;
        this.type = a.t;
        this.style = a.s ? +a.s : 0;
        this.valueText = '';
        this.hasValue = false;
        break;
      case 'v':
        this.valueText = '';
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
        this.valueText = '';
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
        if (name.indexOf(':') >= 0) this.openTag(localName(name), a);
    }
  }

  private closeTag(name: string): void {
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
        if (name.indexOf(':') >= 0) this.closeTag(localName(name));
    }
  }

  private cell(): void {
    const v = this.valueText;
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
        text = iso ?? (isCanonicalNumber(v) ? v : String(num));
        kind = iso === undefined ? CellKind.Number : CellKind.Date;
      }
    }
    this.place(text, kind);
  }

  /** The current cell's text and kind into the row. */
  private place(text: string, kind: CellKind): void {
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

/**
 * The rows a sheet parser has made, handed on in batches of at most BATCH_SIZE while `step` feeds it more XML,
 * until the sheet is done or the source closed. Returns how many rows were delivered. Shared by the lean reader
 * and the exceljs fallback, which differ only in how they feed the parser.
 */
export async function* parsedBatches(parser: SheetParser, sheetDone: () => boolean, closed: () => boolean, step: () => Promise<void>): AsyncGenerator<RawRow[], number> {
  let delivered = 0;
  for (;;) {
    // the last partial batch only once the sheet is read to its end: a source closed early hands on nothing more
    if (parser.rows.length >= BATCH_SIZE || (sheetDone() && parser.rows.length > 0)) {
      const out = parser.rows;
      parser.rows = [];
      delivered += out.length;
      for (let i = 0; i < out.length; i += BATCH_SIZE) yield out.length <= BATCH_SIZE ? out : out.slice(i, i + BATCH_SIZE);
    }
    if (sheetDone() || closed()) return delivered;
    await step();
  }
}

/** What a sheet's end tells about it: formula-like text met in it, and whether the chosen sheet had any row. */
export function noteSheetEnd(info: SourceInfo, parser: SheetParser, delivered: number): void {
  if (parser.formulaText) info.notes.push({ code: 'formula-injection', params: { ...parser.formulaText }, row: Number(parser.formulaText.cell.replace(/^[A-Z]+/, '')) });
  const chosen = info.sheets?.find((s) => s.name === info.sheet);
  if (chosen && chosen.empty === undefined) chosen.empty = delivered === 0;
}
