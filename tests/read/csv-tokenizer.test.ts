import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvTokenizer, MalformedCsv } from '../../src/read/csv-tokenizer.js';

function tokenize(text: string, delimiter = ',', chunk = 0): { rows: string[][]; lines: number[] } {
  const tok = new CsvTokenizer(delimiter);
  const rows: string[][] = [];
  const lines: number[] = [];
  const emit = (cells: string[], line: number) => {
    rows.push(cells);
    lines.push(line);
  };
  if (chunk > 0) {
    for (let i = 0; i < text.length; i += chunk) tok.push(text.slice(i, i + chunk), false, emit);
    tok.push('', true, emit);
  } else tok.push(text, true, emit);
  return { rows, lines };
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
