/**
 * A small, fast, streaming XML scanner for the parts of an .xlsx (sheets, shared strings, styles, rels,
 * workbook). It finds tags with indexOf instead of walking a character state machine (saxes), checks that
 * tags nest and match, refuses DOCTYPE/ENTITY (`xml-entity`), bounds the element depth (`xml-nesting`) and
 * the length of a tag, decodes the five XML entities and character references, and hands text to the
 * handler only while it asks for it (`capture`). Attributes are parsed only when the handler asks.
 */
import { ReadError } from './table.js';
import { currentLimits } from './limits.js';

export interface ScanHandler {
  /** Text is delivered (possibly in pieces) only while this is true. */
  capture: boolean;
  /** An element opens: its local name; its attributes are in `src` between `from` and `to` (see attributes()). */
  open(name: string, src: string, from: number, to: number): void;
  close(name: string): void;
  text(text: string): void;
  /**
   * Optional (a sheet's hot path): reads a whole `<c …>…</c>` starting at src[i] in place and returns the index
   * after it, or 0 to leave it to open/text/close. Asked only where an element may open at that depth; what it
   * takes it must take whole and well-formed (sheet-cell.ts).
   */
  simpleCell?(src: string, i: number, n: number): number;
}

/** A tag longer than this (characters) is not XML an .xlsx writer produces. */
const MAX_TAG = 1024 * 1024;

export class XmlScanner {
  private rest = '';
  /** Qualified names of the open elements, and their local names. */
  private readonly stack: string[] = [];
  private readonly locals: string[] = [];
  private readonly maxDepth: number;
  private seenRoot = false;
  private readonly simple: boolean;

  constructor(private readonly h: ScanHandler, private readonly part: string, maxDepth = currentLimits().maxXmlDepth) {
    this.maxDepth = maxDepth;
    this.simple = typeof h.simpleCell === 'function';
  }

  private corrupt(what: string): ReadError {
    return new ReadError('corrupt-file', { detail: `${this.part}: ${what}` });
  }

  /** Keeps the unfinished tail (from `i`) for the next chunk. */
  private keep(s: string, i: number): void {
    if (s.length - i > MAX_TAG) throw this.corrupt('tag too long');
    this.rest = s.slice(i);
  }

  write(chunk: string): void {
    const r = this.rest;
    if (r.length === 0) return this.scan(chunk, 0);
    this.rest = '';
    // The unfinished tail of the last chunk is completed with this chunk's start (up to its first '<') and read
    // on its own; the chunk is then read in place from there. Reading `rest + chunk` whole would make every
    // chunk a concatenated string, which the scanner reads ~30% slower than the decoder's flat one. A tail that
    // is a comment or CDATA (which may hold '<'), or one still unfinished, is read joined to the whole chunk.
    const b = r.charCodeAt(0) === 60 && r.charCodeAt(1) === 33 ? -1 : chunk.indexOf('<');
    if (b < 0) return this.scan(r + chunk, 0);
    this.scan(r + chunk.slice(0, b), 0);
    if (this.rest.length === 0) return this.scan(chunk, b);
    const left = this.rest;
    this.rest = '';
    this.scan(left + chunk.slice(b), 0);
  }

  /** Reads s from `start` (an element's or a text's start); an unfinished end is kept in `rest`. */
  private scan(s: string, start: number): void {
    const n = s.length;
    const h = this.h;
    let i = start;
    while (i < n) {
      if (s.charCodeAt(i) !== 60) {
        const lt = s.indexOf('<', i);
        const end = lt < 0 ? n : lt;
        if (h.capture) {
          let stop = end;
          if (lt < 0) {
            // an entity cut by the chunk boundary waits for the next chunk
            const amp = s.lastIndexOf('&', end - 1);
            if (amp >= i && s.indexOf(';', amp) < 0) stop = amp;
            // so is a CR that may be the first half of a CRLF (read as one LF)
            if (stop > i && s.charCodeAt(stop - 1) === 13) stop--;
          }
          if (stop > i) h.text(this.decode(s.slice(i, stop)));
          if (stop < end) {
            this.keep(s, stop);
            return;
          }
        }
        if (lt < 0) return;
        i = lt;
      }
      if (i + 1 >= n) {
        this.keep(s, i);
        return;
      }
      const c = s.charCodeAt(i + 1);
      if (c === 47) {
        // </name>
        const gt = s.indexOf('>', i + 2);
        if (gt < 0) {
          this.keep(s, i);
          return;
        }
        let e = gt;
        while (e > i + 2 && isSpace(s.charCodeAt(e - 1))) e--;
        const open = this.stack.pop();
        if (open === undefined || open.length !== e - i - 2 || !s.startsWith(open, i + 2)) {
          const name = s.slice(i + 2, e);
          throw this.corrupt(open === undefined ? `unexpected </${name}>` : `</${name}> closes <${open}>`);
        }
        h.close(this.locals.pop()!);
        i = gt + 1;
      } else if (c === 33) {
        if (s.startsWith('<!--', i)) {
          const e = s.indexOf('-->', i + 4);
          if (e < 0) {
            this.keep(s, i);
            return;
          }
          i = e + 3;
        } else if (s.startsWith('<![CDATA[', i)) {
          const e = s.indexOf(']]>', i + 9);
          if (e < 0) {
            this.keep(s, i);
            return;
          }
          if (h.capture) h.text(normalizeNewlines(s.slice(i + 9, e)));
          i = e + 3;
        } else if (n - i < 9 && ('<![CDATA['.startsWith(s.slice(i)) || '<!--'.startsWith(s.slice(i)))) {
          this.keep(s, i);
          return;
        } else {
          throw new ReadError('xml-entity', { part: this.part });
        }
      } else if (c === 63) {
        const e = s.indexOf('?>', i + 2);
        if (e < 0) {
          this.keep(s, i);
          return;
        }
        i = e + 2;
      } else {
        if (c === 99 && this.simple && this.stack.length !== 0 && this.stack.length + 2 <= this.maxDepth) {
          const next = h.simpleCell!(s, i, n);
          if (next > 0) {
            i = next;
            continue;
          }
        }
        // <name attr="v" ...> or <name .../>; a '>' inside a quoted value does not end the tag
        let j = i + 1;
        let q = 0;
        for (; j < n; j++) {
          const d = s.charCodeAt(j);
          if (q !== 0) {
            if (d === q) q = 0;
          } else if (d === 62) break;
          else if (d === 34 || d === 39) q = d;
        }
        if (j >= n) {
          this.keep(s, i);
          return;
        }
        let k = i + 1;
        while (k < j) {
          const d = s.charCodeAt(k);
          if (d === 47 || isSpace(d)) break;
          k++;
        }
        const name = nameAt(s, i + 1, k);
        if (name === '') throw this.corrupt('empty tag');
        const selfClosing = s.charCodeAt(j - 1) === 47;
        if (this.stack.length === 0 && this.seenRoot) throw this.corrupt('second root element');
        this.seenRoot = true;
        if (this.stack.length + 1 > this.maxDepth) throw new ReadError('xml-nesting', { part: this.part, limit: this.maxDepth });
        const local = localName(name);
        h.open(local, s, k, selfClosing ? j - 1 : j);
        if (selfClosing) h.close(local);
        else {
          this.stack.push(name);
          this.locals.push(local);
        }
        i = j + 1;
      }
    }
  }

  /** The end of the part: every element must be closed. */
  end(): void {
    if (this.rest.trim() !== '' || this.stack.length > 0 || !this.seenRoot) throw this.corrupt('XML ends early');
  }

  private decode(t: string): string {
    return decodeXmlText(t, this.part);
  }
}

/** The element name at s[from, to): the names of a sheet's hot path without a new string each time. */
function nameAt(s: string, from: number, to: number): string {
  const len = to - from;
  if (len === 1) {
    const c = s.charCodeAt(from);
    if (c === 99) return 'c';
    if (c === 118) return 'v';
    if (c === 116) return 't';
    if (c === 102) return 'f';
    if (c === 114) return 'r';
  } else if (len === 3 && s.charCodeAt(from) === 114 && s.charCodeAt(from + 1) === 111 && s.charCodeAt(from + 2) === 119) return 'row';
  else if (len === 2 && s.charCodeAt(from) === 105 && s.charCodeAt(from + 1) === 115) return 'is';
  return s.slice(from, to);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13;
}

/** Local name of a possibly prefixed XML name ('x:row' → 'row'). */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function normalizeNewlines(t: string): string {
  return t.indexOf('\r') < 0 ? t : t.replace(/\r\n?/g, '\n');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML text with its entities and character references decoded (CRLF/CR read as LF, as XML says). */
export function decodeXmlText(t: string, part: string): string {
  if (t.indexOf('&') < 0) return normalizeNewlines(t);
  return normalizeNewlines(t).replace(/&([^;&]*);?/g, (m, ref: string) => {
    if (m[m.length - 1] === ';') {
      const named = NAMED[ref];
      if (named !== undefined) return named;
      const code = ref.charCodeAt(0) === 35 ? (ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)) : NaN;
      if (code >= 0 && code <= 0x10ffff) return String.fromCodePoint(code);
    }
    throw new ReadError('corrupt-file', { detail: `${part}: XML entity ${m.slice(0, 20)}` });
  });
}

/** The attributes of a tag (qualified names as keys), from the range an open() call gives. */
export function attributes(src: string, from: number, to: number, part = 'xml'): Record<string, string> {
  const out: Record<string, string> = {};
  let i = from;
  while (i < to) {
    while (i < to && isSpace(src.charCodeAt(i))) i++;
    if (i >= to) break;
    const eq = src.indexOf('=', i);
    if (eq < 0 || eq >= to) throw new ReadError('corrupt-file', { detail: `${part}: attribute without value` });
    let ne = eq;
    while (ne > i && isSpace(src.charCodeAt(ne - 1))) ne--;
    const name = src.slice(i, ne);
    let v = eq + 1;
    while (v < to && isSpace(src.charCodeAt(v))) v++;
    const q = src.charCodeAt(v);
    if (q !== 34 && q !== 39) throw new ReadError('corrupt-file', { detail: `${part}: unquoted attribute` });
    const close = src.indexOf(q === 34 ? '"' : "'", v + 1);
    if (close < 0 || close >= to) throw new ReadError('corrupt-file', { detail: `${part}: unterminated attribute` });
    const raw = src.slice(v + 1, close);
    out[name] = raw.indexOf('&') < 0 ? raw : decodeXmlText(raw, part);
    i = close + 1;
  }
  return out;
}
