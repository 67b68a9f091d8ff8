/**
 * Property-based tests (fast-check): the number and date parsers and the code normaliser round-trip random
 * values; the CSV tokenizer round-trips random records; the readers never throw anything but a coded
 * ReadError on random bytes (CSV-looking, zip/XLSX-looking, anything).
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseNumber, parsePlainInteger, parsePlainNumber, classifyNumber } from '../../src/check/numbers.js';
import { parseLooseDate, parseMonthYear, excelSerialToIso, daysInMonth } from '../../src/check/dates.js';
import { normaliseCode } from '../../src/standards/regions.js';
import { CsvTokenizer, MalformedCsv } from '../../src/read/csv-tokenizer.js';
import { openSource } from '../../src/read/open.js';
import { ReadError } from '../../src/read/table.js';

const ID = { decimalChar: ',', groupChar: '.', bareNumber: true };
const EN = { decimalChar: '.', groupChar: ',', bareNumber: true };
const BULAN = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

const dateArb = fc.record({ y: fc.integer({ min: 1900, max: 2100 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) }).filter(({ y, m, d }) => d <= daysInMonth(y, m));

describe('number parsers', () => {
  it('integers written the Indonesian way (1.234.567) and the English way (1,234,567) round-trip', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (n) => {
        expect(parseNumber(n.toLocaleString('id-ID'), ID, true)).toBe(n);
        expect(parseNumber(n.toLocaleString('en-US'), EN, true)).toBe(n);
        expect(parseNumber(String(n), { decimalChar: '.', groupChar: '', bareNumber: true }, true)).toBe(n);
        expect(parsePlainInteger(String(n))).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('decimals with a decimal comma round-trip to 6 places', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }), (x) => {
        const text = x.toLocaleString('id-ID', { maximumFractionDigits: 6, useGrouping: true });
        const back = parseNumber(text, ID, false);
        expect(Math.abs(back - Number(x.toFixed(6)))).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(x)));
        expect(parsePlainNumber(String(x)) === x).toBe(true); // -0 and 0 alike
      }),
      { numRuns: 1000 },
    );
  });

  it('plain number texts (signs, leading zeros, up to 18 digits, a point anywhere, exponents) parse to exactly Number(text)', () => {
    const digits = (min: number, max: number) => fc.stringMatching(new RegExp(`^[0-9]{${min},${max}}$`));
    const text = fc.tuple(fc.constantFrom('', '-', '+'), digits(0, 12), fc.boolean(), digits(0, 9), fc.constantFrom('', 'e5', 'E-3'))
      .map(([sign, int, point, frac, exp]) => `${sign}${int}${point ? '.' : ''}${point ? frac : ''}${exp}`)
      .filter((s) => /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(s));
    fc.assert(
      fc.property(text, (s) => {
        expect(Object.is(parsePlainNumber(s), Number(s))).toBe(true);
      }),
      { numRuns: 5000 },
    );
    for (const s of ['-0', '-0.0', '0.1', '0.3', '58.28', '123456789012.345', '9007199254740993', '.5', '5.', '+.25']) expect(Object.is(parsePlainNumber(s), Number(s))).toBe(true);
  });

  it('random text never throws and gives a number or NaN', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.constantFrom(ID, EN), fc.boolean(), (s, fmt, int) => {
        const v = parseNumber(s, fmt, int);
        expect(typeof v).toBe('number');
        classifyNumber(s);
        parsePlainNumber(s);
        parsePlainInteger(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('date parsers', () => {
  it('D/M/YYYY, D-M-YYYY and "D Bulan YYYY" round-trip to ISO', () => {
    fc.assert(
      fc.property(dateArb, fc.constantFrom('/', '-', '.'), ({ y, m, d }, sep) => {
        const iso = `${y}-${pad(m)}-${pad(d)}`;
        expect(parseLooseDate(`${d}${sep}${m}${sep}${y}`)).toBe(iso);
        expect(parseLooseDate(`${pad(d)}${sep}${pad(m)}${sep}${y}`)).toBe(iso);
        expect(parseLooseDate(`${m}/${d}/${y}`, 'mdy')).toBe(iso);
        expect(parseLooseDate(`${d} ${BULAN[m - 1]} ${y}`)).toBe(iso);
        expect(parseLooseDate(iso)).toBe(iso);
        expect(parseMonthYear(`${BULAN[m - 1]} ${y}`)).toBe(`${y}-${pad(m)}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('Excel serials map to consecutive days (1900 system, after the Lotus leap-day bug)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 80000 }), (s) => {
        const a = excelSerialToIso(s)!;
        const b = excelSerialToIso(s + 1)!;
        expect(Date.parse(b) - Date.parse(a)).toBe(86400000);
      }),
      { numRuns: 500 },
    );
  });

  it('random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        parseLooseDate(s);
        parseLooseDate(s, 'mdy');
        parseMonthYear(s);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normaliseCode', () => {
  const code = fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 1, maxLength: 3 }).chain((parts) =>
    fc.option(fc.integer({ min: 0, max: 9999 }), { nil: undefined }).map((desa) => [...parts.map((p) => pad(p)), ...(parts.length === 3 && desa !== undefined ? [pad(desa, 4)] : [])]),
  );

  it('dotted, undotted and float forms give back the same dotted code', () => {
    fc.assert(
      fc.property(code, (parts) => {
        const dotted = parts.join('.');
        const digits = parts.join('');
        expect(normaliseCode(dotted)).toEqual({ code: dotted, form: 'dotted' });
        // two digits are already the canonical provinsi code
        expect(normaliseCode(` ${digits} `)).toEqual({ code: dotted, form: parts.length === 1 ? 'dotted' : 'undotted' });
        expect(normaliseCode(`${digits}.0`)).toEqual({ code: dotted, form: 'float' });
      }),
      { numRuns: 1000 },
    );
  });

  it('random text never throws', () => {
    fc.assert(fc.property(fc.string({ maxLength: 20 }), (s) => void normaliseCode(s)), { numRuns: 2000 });
  });
});

describe('CSV tokenizer', () => {
  const cell = fc.string({ unit: fc.constantFrom('a', 'B', '1', ',', ';', '"', '\n', '\r\n', ' ', 'é', '𝄞', '.'), maxLength: 8 });
  const records = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 8 });
  const quote = (c: string) => (/[",\r\n]/.test(c) || c === '' ? `"${c.replace(/"/g, '""')}"` : c);

  it('random records written as CSV come back the same, whatever the chunking', () => {
    fc.assert(
      fc.property(records, fc.integer({ min: 1, max: 7 }), (recs, chunk) => {
        const text = recs.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n';
        const got: string[][] = [];
        const tok = new CsvTokenizer(',');
        for (let i = 0; i < text.length; i += chunk) tok.push(text.slice(i, i + chunk), false, (cells) => got.push(cells));
        tok.push('', true, (cells) => got.push(cells));
        expect(got).toEqual(recs);
      }),
      { numRuns: 1000 },
    );
  });

  it('random text either tokenizes or raises MalformedCsv, nothing else', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ';', 'x'), maxLength: 40 }), (s) => {
        try {
          new CsvTokenizer(',').push(s, true, () => undefined);
        } catch (err) {
          expect(err).toBeInstanceOf(MalformedCsv);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('readers on random bytes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-prop-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;

  async function readAll(bytes: Uint8Array, ext: string): Promise<void> {
    const path = join(dir, `r${n++}${ext}`);
    writeFileSync(path, bytes);
    try {
      const src = await openSource(path);
      try {
        for await (const batch of src.batches()) void batch;
      } finally {
        await src.close();
      }
    } catch (err) {
      if (!(err instanceof ReadError)) throw err;
    }
  }

  const zipLike = fc.uint8Array({ maxLength: 600 }).map((b) => Buffer.concat([Buffer.from('PK\x03\x04\x14\x00\x00\x00\x08\x00', 'latin1'), Buffer.from('[Content_Types].xml xl/workbook.xml'), b]));
  const textLike = fc.string({ unit: fc.constantFrom('a', ',', ';', '"', '\n', '\r', '1', '.', '\t', 'é', '\u0000', '\ufffd'), maxLength: 200 }).map((s) => Buffer.from(s));

  it('random bytes, CSV-like text and zip-like bytes give rows or a ReadError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.uint8Array({ maxLength: 600 }), textLike, zipLike), fc.constantFrom('.csv', '.xlsx', '.xls'), async (bytes, ext) => {
        await readAll(bytes, ext);
      }),
      { numRuns: 150 },
    );
  }, 60000);
});
