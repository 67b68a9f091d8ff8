import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvTokenizer, MalformedCsv, TooManyCells } from '../../src/read/csv-tokenizer.js';

function tokenize(text: string, delimiter = ',', chunk = 0): { rows: string[][]; lines: number[]; noMarkup: boolean[] } {
  const tok = new CsvTokenizer(delimiter);
  const rows: string[][] = [];
  const lines: number[] = [];
  const noMarkup: boolean[] = [];
  const emit = (cells: string[], line: number, plain: boolean) => {
    rows.push(cells);
    lines.push(line);
    noMarkup.push(plain);
  };
  if (chunk > 0) {
    for (let i = 0; i < text.length; i += chunk) tok.push(text.slice(i, i + chunk), false, emit);
    tok.push('', true, emit);
  } else tok.push(text, true, emit);
  return { rows, lines, noMarkup };
}

function reference(text: string, delimiter = ','): string[][] {
  return parse(text, { delimiter, relax_column_count: true, skip_empty_lines: false }) as string[][];
}

describe('CsvTokenizer', () => {
  it('reads quoted fields with delimiters, escaped quotes and line breaks', () => {
    const text = 'a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n1,2,3';
    const { rows, lines } = tokenize(text);
    expect(rows).toEqual([['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\nlines'], ['1', '2', '3']]);
    expect(lines).toEqual([1, 2, 4]);
  });

  it('says which records hold no "<" (their cells cannot hold markup), whatever the chunk boundaries', () => {
    const text = 'a,b\n1,<b>x</b>\n2,y\n3,"<i>q</i>"\n4,a<b\n5,z\n6,"plain"\n7,w';
    for (const chunk of [0, 1, 2, 3, 5, 7, 64]) {
      const { rows, noMarkup } = tokenize(text, ',', chunk);
      expect(rows.length, `chunk ${chunk}`).toBe(8);
      rows.forEach((cells, i) => {
        // a record claimed free of '<' really has none (a quoted record is never claimed: it is not scanned whole)
        if (noMarkup[i]) expect(cells.join(',').includes('<'), `chunk ${chunk} row ${i}`).toBe(false);
      });
      expect(noMarkup[1], `chunk ${chunk}`).toBe(false);
      expect(noMarkup[4], `chunk ${chunk}`).toBe(false);
      if (chunk === 0) expect(noMarkup).toEqual([true, false, true, false, false, true, false, false]);
    }
  });

  it('handles ; tab and | delimiters, CR-only line ends and a missing final newline', () => {
    expect(tokenize('a;b\r1;2', ';').rows).toEqual([['a', 'b'], ['1', '2']]);
    expect(tokenize('a\tb\n1\t2\n', '\t').rows).toEqual([['a', 'b'], ['1', '2']]);
    expect(tokenize('a|b\n', '|').rows).toEqual([['a', 'b']]);
  });

  it('gives the same records whatever the chunk boundaries (CRLF and quotes split across chunks)', () => {
    const text = 'kode,nama\r\n"52.01","Lombok ""Barat"""\r\n52.02,"Lombok\r\nTengah"\r\n';
    const whole = tokenize(text).rows;
    for (let chunk = 1; chunk < 12; chunk++) expect(tokenize(text, ',', chunk).rows).toEqual(whole);
  });

  it('counts line-ending styles', () => {
    const tok = new CsvTokenizer(',');
    tok.push('a\r\nb\nc\r\n', true, () => undefined);
    expect([tok.crlf, tok.lf, tok.cr]).toEqual([2, 1, 0]);
  });

  it('stops at a malformed record and hands over the rest of the input', () => {
    const tok = new CsvTokenizer(',');
    const rows: string[][] = [];
    let error: unknown;
    try {
      tok.push('a,b\n1,2\nx,ab"c\n3,4\n', true, (c) => rows.push(c));
    } catch (err) {
      error = err;
    }
    expect(rows).toEqual([['a', 'b'], ['1', '2']]);
    expect(error).toBeInstanceOf(MalformedCsv);
    expect((error as MalformedCsv).rest).toBe('x,ab"c\n3,4\n');
    expect((error as MalformedCsv).line).toBe(3);
  });

  it('yields exactly the records csv-parse yields on random well-formed CSV', () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-zA-Z0-9 .\-]{0,8}$/),
      fc.string({ maxLength: 8 }).map((s) => `"${s.replace(/"/g, '""')}"`),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 6 }).map((cells) => cells.join(','));
    const doc = fc.tuple(fc.array(row, { minLength: 1, maxLength: 20 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.integer({ min: 0, max: 7 }))
      .map(([rows, eol, finalEol, chunk]) => ({ text: rows.join(eol) + (finalEol ? eol : ''), chunk }));
    fc.assert(
      fc.property(doc, ({ text, chunk }) => {
        expect(tokenize(text, ',', chunk).rows).toEqual(reference(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('a cell limit (too-many-columns before splitting everything)', () => {
  it('throws TooManyCells at the first extra cell, on a complete line and on a partial one', () => {
    const tok = new CsvTokenizer(',', 4);
    const rows: string[][] = [];
    tok.push('a,b,c,d\n', false, (c) => rows.push(c));
    expect(rows).toEqual([['a', 'b', 'c', 'd']]);
    const full = (() => { try { new CsvTokenizer(',', 4).push('1,2,3,4,5,6\n', false, () => undefined); } catch (e) { return e; } })();
    expect(full).toBeInstanceOf(TooManyCells);
    expect((full as TooManyCells).count).toBe(5);
    // a 2 MB line of delimiters without its line end yet: refused after 5 cells, not after splitting 2 million
    const partial = (() => { try { new CsvTokenizer(',', 4).push('"q",' + ','.repeat(2_000_000), false, () => undefined); } catch (e) { return e; } })();
    expect(partial).toBeInstanceOf(TooManyCells);
    expect((partial as TooManyCells).count).toBe(5);
  });
});
