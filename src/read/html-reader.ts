/**
 * Reader for HTML tables saved as .xls (web exports). A small tolerant, linear-time table parser:
 * <table>/<tr>/<td>/<th> with colspan/rowspan expanded into a grid (spanned positions other than the
 * top-left are ''), tags stripped, entities decoded, <br> → '\n', text otherwise kept as written.
 *
 * Several tables are stacked vertically in document order. A table whose cells hold tables is a layout
 * table (the BPS "frozen header" export: header tables and body tables side by side in divs): each of its
 * rows places its cells' blocks side by side, each cell's tables stacked vertically.
 * A rowspan reaching past a table's last row extends that table with rows (so side-by-side blocks align).
 */
import { ReadError, type MergeRange, type RawRow, type RowSource, type SourceInfo } from './table.js';
import { batchesOf, requestedSheetIndex } from './workbook-common.js';

const SHEET = 'Tabel';
const MAX_SPAN = 1000;
const MAX_COLS = 16384;
/** Deeper tables are ignored (their cells go to the enclosing table): nesting copies blocks once per level. */
const MAX_DEPTH = 8;
/** Grid cells allowed (spans can multiply a small file into a huge grid). */
const MAX_CELLS = 20_000_000;

class Budget {
  used = 0;
  take(n: number): void {
    this.used += n;
    if (this.used > MAX_CELLS) {
      throw new ReadError('format-error', { detected: 'tabel HTML terlalu besar / HTML table too large' });
    }
  }
}

/** A rectangular piece of the grid: rows (possibly shorter than width) and 1-based spans relative to it. */
interface Block {
  rows: string[][];
  width: number;
  spans: MergeRange[];
}
interface Cell {
  text: string;
  colspan: number;
  rowspan: number;
  tables: Block[] | null;
}
interface Table {
  rows: Cell[][];
  row: Cell[] | null;
  cell: Cell | null;
  /** The cell this table sits in (null: the document). */
  container: Cell | null;
}

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', shy: '\u00ad',
  copy: '©', reg: '®', trade: '™', deg: '°', plusmn: '±', micro: 'µ', middot: '·', para: '¶', sect: '§',
  sup1: '¹', sup2: '²', sup3: '³', frac14: '¼', frac12: '½', frac34: '¾', times: '×', divide: '÷',
  ndash: '–', mdash: '—', hellip: '…', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„',
  bull: '•', laquo: '«', raquo: '»', euro: '€', cent: '¢', pound: '£', yen: '¥', iexcl: '¡', iquest: '¿',
  aacute: 'á', agrave: 'à', acirc: 'â', auml: 'ä', eacute: 'é', egrave: 'è', ecirc: 'ê', euml: 'ë',
  iacute: 'í', oacute: 'ó', ouml: 'ö', uacute: 'ú', uuml: 'ü', ntilde: 'ñ', ccedil: 'ç',
  Aacute: 'Á', Eacute: 'É', Iacute: 'Í', Oacute: 'Ó', Uacute: 'Ú', Ntilde: 'Ñ', Ccedil: 'Ç', Ouml: 'Ö', Uuml: 'Ü',
};
/** Entities browsers also accept without the semicolon. */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg', 'deg', 'sup2', 'sup3', 'times']);
/** Numeric references 0x80–0x9F mean Windows-1252 characters (HTML standard). */
const CP1252 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*)(;?)/g, (m, ref: string, semi: string) => {
    if (ref.charCodeAt(0) === 35) {
      const hex = ref[1] === 'x' || ref[1] === 'X';
      const digits = ref.slice(hex ? 2 : 1);
      const code = digits.length > 8 ? Infinity : parseInt(digits, hex ? 16 : 10);
      if (code >= 0x80 && code <= 0x9f) return CP1252[code - 0x80]!;
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
      return String.fromCodePoint(code);
    }
    const ch = NAMED[ref];
    return ch !== undefined && (semi || LEGACY.has(ref)) ? ch : m;
  });
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12;
}

function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 45 || c === 58 || c === 95;
}

function clampSpan(v: string | undefined): number {
  const n = v === undefined ? 1 : parseInt(v, 10);
  return n >= 1 ? Math.min(n, MAX_SPAN) : 1;
}

/** Expands a plain table's rows into a grid. */
function gridBlock(rows: Cell[][], budget: Budget): Block {
  const out: string[][] = [];
  const spans: MergeRange[] = [];
  const carry: number[] = [];
  let width = 0;
  for (let r = 0; r < rows.length || carry.some((x) => x > 0); r++) {
    const line: string[] = [];
    for (let c = 0; c < carry.length; c++) {
      if (carry[c]! > 0) {
        carry[c]!--;
        line[c] = ''; // covered by a rowspan from above
        if (carry[c] === 0) carry[c] = -1; // covered in this row, free from the next
      }
    }
    let c = 0;
    for (const cell of rows[r] ?? []) {
      while (carry[c] !== undefined && carry[c] !== 0) c++;
      if (c >= MAX_COLS) break;
      const cs = Math.min(cell.colspan, MAX_COLS - c);
      const rs = cell.rowspan;
      line[c] = cell.text;
      for (let k = 1; k < cs; k++) line[c + k] = '';
      if (rs > 1) for (let k = 0; k < cs; k++) carry[c + k] = rs - 1;
      if (cs > 1 || rs > 1) spans.push({ top: r + 1, left: c + 1, bottom: r + rs, right: c + cs });
      c += cs;
    }
    for (let k = 0; k < carry.length; k++) if (carry[k] === -1) carry[k] = 0;
    const len = line.length;
    budget.take(len);
    for (let k = 0; k < len; k++) if (line[k] === undefined) line[k] = '';
    if (len > width) width = len;
    out.push(line);
  }
  return { rows: out, width, spans };
}

function stackVertical(blocks: Block[]): Block {
  if (blocks.length === 1) return blocks[0]!;
  const rows: string[][] = [];
  const spans: MergeRange[] = [];
  let width = 0;
  for (const b of blocks) {
    const dy = rows.length;
    for (const s of b.spans) spans.push({ top: s.top + dy, left: s.left, bottom: s.bottom + dy, right: s.right });
    for (const row of b.rows) rows.push(row);
    if (b.width > width) width = b.width;
  }
  return { rows, width, spans };
}

function stackHorizontal(blocks: Block[], budget: Budget): Block {
  if (blocks.length === 1) return blocks[0]!;
  const height = blocks.reduce((h, b) => Math.max(h, b.rows.length), 0);
  budget.take(height * blocks.reduce((w, b) => w + b.width, 0));
  const rows: string[][] = [];
  for (let r = 0; r < height; r++) rows.push([]);
  const spans: MergeRange[] = [];
  let dx = 0;
  blocks.forEach((b, i) => {
    const last = i === blocks.length - 1;
    for (let r = 0; r < height; r++) {
      const row = rows[r]!;
      const src = b.rows[r] ?? [];
      for (const v of src) row.push(v);
      if (!last) for (let k = src.length; k < b.width; k++) row.push('');
    }
    for (const s of b.spans) spans.push({ top: s.top, left: s.left + dx, bottom: s.bottom, right: s.right + dx });
    dx += b.width;
  });
  return { rows, width: dx, spans };
}

/** A table whose cells hold tables: per row, the cells' blocks side by side. */
function layoutBlock(rows: Cell[][], budget: Budget): Block {
  const lines: Block[] = [];
  for (const row of rows) {
    const parts: Block[] = [];
    for (const cell of row) {
      const hasText = cell.text.trim() !== '';
      const own: Block[] = hasText ? [{ rows: [[cell.text]], width: 1, spans: [] }] : [];
      if (cell.tables) own.push(...cell.tables);
      if (own.length > 0) parts.push(stackVertical(own));
    }
    if (parts.length > 0) lines.push(stackHorizontal(parts, budget));
  }
  return lines.length > 0 ? stackVertical(lines) : { rows: [], width: 0, spans: [] };
}

/** Parses the tables of an HTML document into one grid. Undefined when there is no <table>. */
export function parseHtmlTables(html: string): Block | undefined {
  const stack: Table[] = [];
  const doc: Block[] = [];
  let seen = 0;
  let ignored = 0;
  const budget = new Budget();

  const closeCell = (t: Table) => {
    if (t.cell) {
      (t.row ??= []).push(t.cell);
      t.cell = null;
    }
  };
  const closeRow = (t: Table) => {
    closeCell(t);
    if (t.row) {
      t.rows.push(t.row);
      t.row = null;
    }
  };
  const finish = (t: Table) => {
    closeRow(t);
    const block = t.rows.some((row) => row.some((c) => c.tables)) ? layoutBlock(t.rows, budget) : gridBlock(t.rows, budget);
    if (t.container) (t.container.tables ??= []).push(block);
    else doc.push(block);
  };

  const startTag = (name: string, attrs: Record<string, string>) => {
    const t = stack[stack.length - 1];
    switch (name) {
      case 'table':
        seen++;
        if (stack.length >= MAX_DEPTH) ignored++;
        else stack.push({ rows: [], row: null, cell: null, container: t ? (t.cell ?? t.container) : null });
        break;
      case 'tr':
      case 'tbody':
      case 'thead':
      case 'tfoot':
        if (t) {
          closeRow(t);
          if (name === 'tr') t.row = [];
        }
        break;
      case 'td':
      case 'th':
        if (t) {
          closeCell(t);
          t.row ??= [];
          t.cell = { text: '', colspan: clampSpan(attrs.colspan), rowspan: clampSpan(attrs.rowspan), tables: null };
        }
        break;
      case 'br':
        if (t?.cell) t.cell.text += '\n';
        break;
    }
  };
  const endTag = (name: string) => {
    const t = stack[stack.length - 1];
    if (!t) return;
    switch (name) {
      case 'table':
        if (ignored > 0) ignored--;
        else finish(stack.pop()!);
        break;
      case 'tr':
      case 'tbody':
      case 'thead':
      case 'tfoot':
        closeRow(t);
        break;
      case 'td':
      case 'th':
        closeCell(t);
        break;
    }
  };
  const text = (s: string) => {
    const t = stack[stack.length - 1];
    if (t?.cell) t.cell.text += decodeEntities(s);
  };

  const len = html.length;
  let i = 0;
  while (i < len) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    if (lt > i) text(html.slice(i, lt));
    i = lt;
    const c1 = html.charCodeAt(i + 1);
    if (c1 === 33 /* ! */) {
      if (html.startsWith('<!--', i)) {
        const e = html.indexOf('-->', i + 4);
        i = e < 0 ? len : e + 3;
      } else {
        const e = html.indexOf('>', i + 2);
        i = e < 0 ? len : e + 1;
      }
      continue;
    }
    if (c1 === 63 /* ? */) {
      const e = html.indexOf('>', i + 2);
      i = e < 0 ? len : e + 1;
      continue;
    }
    const closing = c1 === 47; /* / */
    let j = closing ? i + 2 : i + 1;
    const nameStart = j;
    const first = html.charCodeAt(j);
    if (!((first >= 97 && first <= 122) || (first >= 65 && first <= 90))) {
      if (closing) {
        const e = html.indexOf('>', j); // '</ >' and the like: a bogus comment
        i = e < 0 ? len : e + 1;
      } else {
        text('<');
        i++;
      }
      continue;
    }
    while (j < len && isNameChar(html.charCodeAt(j))) j++;
    const name = html.slice(nameStart, j).toLowerCase();
    // Attributes (only colspan/rowspan are kept); quoted values may hold '>'.
    const attrs: Record<string, string> = {};
    while (j < len) {
      let c = html.charCodeAt(j);
      if (c === 62 /* > */) break;
      if (isSpace(c) || c === 47) {
        j++;
        continue;
      }
      const an = j;
      while (j < len && ((c = html.charCodeAt(j)), !isSpace(c) && c !== 62 && c !== 47 && c !== 61)) j++;
      if (j === an) j++; // a lone '='
      const attrName = html.slice(an, j).toLowerCase();
      while (j < len && isSpace(html.charCodeAt(j))) j++;
      if (html.charCodeAt(j) !== 61 /* = */) continue;
      j++;
      while (j < len && isSpace(html.charCodeAt(j))) j++;
      let value: string;
      const q = html.charCodeAt(j);
      if (q === 34 || q === 39) {
        const e = html.indexOf(q === 34 ? '"' : "'", j + 1);
        value = html.slice(j + 1, e < 0 ? len : e);
        j = e < 0 ? len : e + 1;
      } else {
        const vs = j;
        while (j < len && ((c = html.charCodeAt(j)), !isSpace(c) && c !== 62)) j++;
        value = html.slice(vs, j);
      }
      if (attrName === 'colspan' || attrName === 'rowspan') attrs[attrName] = value.trim();
    }
    i = j + 1;
    if (closing) {
      endTag(name);
      continue;
    }
    startTag(name, attrs);
    if (name === 'script' || name === 'style' || name === 'textarea' || name === 'title') {
      // Raw text up to the matching end tag.
      let k = i;
      for (;;) {
        const e = html.indexOf('</', k);
        if (e < 0) {
          i = len;
          break;
        }
        if (html.slice(e + 2, e + 2 + name.length).toLowerCase() === name) {
          i = e;
          break;
        }
        k = e + 2;
      }
    }
  }
  while (stack.length > 0) finish(stack.pop()!);
  return seen === 0 ? undefined : stackVertical(doc.length > 0 ? doc : [{ rows: [], width: 0, spans: [] }]);
}

/** Opens an HTML table export (already decoded to text). */
export async function openHtml(
  path: string,
  opts: { sheet?: string | number; bytes: number; text: string },
): Promise<RowSource> {
  const sheets = [{ name: SHEET, state: 'visible' }];
  requestedSheetIndex(opts.sheet, sheets);
  const grid = parseHtmlTables(opts.text);
  if (!grid) throw new ReadError('format-error', { detected: 'HTML tanpa tabel' });
  const rows: RawRow[] = [];
  let width = 0;
  grid.rows.forEach((cells, i) => {
    if (!cells.some((v) => v !== '')) return;
    rows.push({ n: i + 1, cells });
    if (cells.length > width) width = cells.length;
  });
  const info: SourceInfo = {
    path,
    format: 'html',
    bytes: opts.bytes,
    sheet: SHEET,
    sheets: sheets.map((s) => ({ ...s, empty: rows.length === 0 })),
    merges: [],
    spans: grid.spans,
    width,
    notes: [],
  };
  let released = false;
  return {
    info,
    async *batches() {
      for await (const batch of batchesOf(rows)) {
        if (released) return;
        yield batch;
      }
    },
    async close() {
      released = true;
    },
  };
}
