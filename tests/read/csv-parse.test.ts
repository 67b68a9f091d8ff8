import { describe, expect, it } from 'vitest';
import { csvParser, parseCsvRecords } from '../../src/read/csv-parse.js';

describe('csv-parse, loaded when first needed', () => {
  it('parses a whole text into records keyed by the header', () => {
    expect(parseCsvRecords('kode,nama\n52.01, Lombok Barat \n\n52.02,Lombok Tengah\n', { skip_empty_lines: true, trim: true })).toEqual([
      { kode: '52.01', nama: 'Lombok Barat' },
      { kode: '52.02', nama: 'Lombok Tengah' },
    ]);
  });

  it('streams records with its options (here a stray quote inside a field, relaxed)', async () => {
    const parser = csvParser({ delimiter: ';', relax_quotes: true });
    const records: string[][] = [];
    parser.on('data', (r: string[]) => records.push(r));
    const done = new Promise((resolve, reject) => parser.on('end', resolve).on('error', reject));
    parser.end('1;Mataram "kota"\n2;Bima\n');
    await done;
    expect(records).toEqual([['1', 'Mataram "kota"'], ['2', 'Bima']]);
  });
});
