/**
 * A fast tokenizer for well-formed CSV (RFC 4180 plus `;`, tab and `|` delimiters, CR, LF and CRLF).
 *
 * Why not csv-parse for everything: on the 1M-row benchmark csv-parse tops out near 250k rows/s, well
 * under the validator's target, while this loop runs several times faster. It yields exactly the
 * records csv-parse yields (tests compare both on every fixture and on random well-formed CSV).
 * At the first malformed record (a quote inside an unquoted field, text after a closing quote) it
 * stops and hands the rest of the input, from that record on, to csv-parse, which handles the
 * malformed cases better (`relax_quotes`) and reports unrecoverable ones precisely.
 */

export class MalformedCsv extends Error {
  constructor(
    /** The input from the start of the malformed record on (what is left to read). */
    readonly rest: string,
    /** 1-based line where that record starts. */
    readonly line: number,
  ) {
    super('malformed CSV');
  }
}

/** A record with more cells than the tokenizer was allowed to split (the rest is not split: a line of a
 *  million delimiters is refused after `maxCells + 1` cells, not after the million). */
export class TooManyCells extends Error {
  constructor(
    /** 1-based line where that record starts. */
    readonly line: number,
    /** Cells counted before stopping (more than the limit). */
    readonly count: number,
  ) {
    super('too many cells');
  }
}

export interface TokenizedRecord {
  cells: string[];
  /** 1-based line where the record starts. */
  line: number;
}

export class CsvTokenizer {
  private pending = '';
  /** 1-based line of the next record. */
  line = 1;
  crlf = 0;
  lf = 0;
  cr = 0;
  private readonly d: number;

  /** @param maxCells a record with more cells throws TooManyCells as soon as the extra cell is seen. */
  constructor(
    delimiter: string,
    private readonly maxCells = Infinity,
  ) {
    this.d = delimiter.charCodeAt(0);
  }

  /** Characters held back as a partial record. */
  get pendingLength(): number {
    return this.pending.length;
  }

  /**
   * Tokenizes `text` (appended to what is pending) and calls `emit` for each complete record.
   * With `final`, the last record need not end with a line break.
   * Throws MalformedCsv (with the rest of the input) at the first malformed record.
   */
  push(text: string, final: boolean, emit: (cells: string[], line: number, noMarkup: boolean) => void): void {
    const s = this.pending.length ? this.pending + text : text;
    const n = s.length;
    const d = this.d;
    let i = 0;
    let line = this.line;
    // Fast path state: where the next quote and carriage return are (searched with indexOf, which is
    // much faster than a char loop); a record with neither is split on the delimiter directly.
    let nextQuote = -1;
    let nextCR = -1;
    // and where the next '<' is: a record without one holds no markup (the HTML check then skips its cells)
    let nextLt = -1;
    const dch = String.fromCharCode(d);
    outer: while (i < n) {
      const lineEnd = s.indexOf('\n', i);
      if (lineEnd >= 0) {
        if (nextQuote < i && nextQuote !== n) { nextQuote = s.indexOf('"', i); if (nextQuote < 0) nextQuote = n; }
        if (nextCR < i && nextCR !== n) { nextCR = s.indexOf('\r', i); if (nextCR < 0) nextCR = n; }
        if (nextQuote > lineEnd && nextCR >= lineEnd - 1) {
          let end = lineEnd;
          if (nextCR === lineEnd - 1) {
            end = lineEnd - 1;
            this.crlf++;
          } else this.lf++;
          const cells: string[] = [];
          let p = i;
          for (;;) {
            const q = s.indexOf(dch, p);
            if (q < 0 || q >= end) {
              cells.push(s.slice(p, end));
              break;
            }
            cells.push(s.slice(p, q));
            if (cells.length > this.maxCells) throw new TooManyCells(line, cells.length);
            p = q + 1;
          }
          if (nextLt < i && nextLt !== n) {
            nextLt = s.indexOf('<', i);
            if (nextLt < 0) nextLt = n;
          }
          emit(cells, line, nextLt > lineEnd);
          line++;
          i = lineEnd + 1;
          continue;
        }
      }
      const recordStart = i;
      const startLine = line;
      const cells: string[] = [];
      for (;;) {
        // one field starting at i
        let c = i < n ? s.charCodeAt(i) : -1;
        if (c === 34 /* " */) {
          let j = i + 1;
          let value = '';
          for (;;) {
            const k = s.indexOf('"', j);
            if (k < 0) {
              if (final) throw new MalformedCsv(s.slice(recordStart), startLine);
              i = recordStart;
              line = startLine;
              break outer;
            }
            if (k + 1 < n && s.charCodeAt(k + 1) === 34) {
              value += s.slice(j, k + 1);
              j = k + 2;
              continue;
            }
            if (k + 1 >= n && !final) {
              // a closing quote at the very end: the next chunk may start with a second quote
              i = recordStart;
              line = startLine;
              break outer;
            }
            value += s.slice(j, k);
            i = k + 1;
            break;
          }
          // count line breaks inside the quoted value
          let p = value.indexOf('\n');
          while (p >= 0) {
            line++;
            p = value.indexOf('\n', p + 1);
          }
          if (value.indexOf('\r') >= 0 && value.indexOf('\n') < 0) {
            for (let q = 0; q < value.length; q++) if (value.charCodeAt(q) === 13) line++;
          }
          cells.push(value);
          c = i < n ? s.charCodeAt(i) : -1;
          if (c !== d && c !== 10 && c !== 13 && c !== -1) throw new MalformedCsv(s.slice(recordStart), startLine);
        } else {
          let j = i;
          while (j < n) {
            c = s.charCodeAt(j);
            if (c === d || c === 10 || c === 13) break;
            if (c === 34) throw new MalformedCsv(s.slice(recordStart), startLine);
            j++;
          }
          if (j >= n) c = -1;
          cells.push(s.slice(i, j));
          i = j;
        }
        if (c === d) {
          if (cells.length >= this.maxCells) throw new TooManyCells(startLine, cells.length + 1);
          i++;
          continue;
        }
        if (c === -1) {
          if (!final) {
            i = recordStart;
            line = startLine;
            break outer;
          }
          emit(cells, startLine, false);
          line++;
          i = n;
          break outer;
        }
        // line break
        if (c === 13) {
          if (i + 1 >= n && !final) {
            i = recordStart;
            line = startLine;
            break outer;
          }
          if (i + 1 < n && s.charCodeAt(i + 1) === 10) {
            this.crlf++;
            i += 2;
          } else {
            this.cr++;
            i += 1;
          }
        } else {
          this.lf++;
          i += 1;
        }
        line++;
        emit(cells, startLine, false);
        break;
      }
    }
    this.pending = i < n ? s.slice(i) : '';
    this.line = line;
  }
}
