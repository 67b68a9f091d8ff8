import { describe, expect, it } from 'vitest';
import { oneCsvToValidate } from '../../src/cli/early-start.js';

describe('oneCsvToValidate (the guess bin/satudata.js makes before commander parses)', () => {
  it('names the one .csv of validate or periksa, options and --lang around it', () => {
    expect(oneCsvToValidate(['validate', 'data.csv'])).toBe('data.csv');
    expect(oneCsvToValidate(['periksa', '--schema', 's.json', 'DATA.CSV', '--format', 'json'])).toBe('DATA.CSV');
    expect(oneCsvToValidate(['--lang', 'en', 'validate', 'a/b.csv'])).toBe('a/b.csv');
    expect(oneCsvToValidate(['--lang=en', 'validate', 'b.csv', '--no-infos'])).toBe('b.csv');
  });

  it('guesses nothing for another command, no file, two files or a workbook', () => {
    expect(oneCsvToValidate(['fix', 'data.csv'])).toBeNull();
    expect(oneCsvToValidate(['package', 'validate.csv'])).toBeNull();
    expect(oneCsvToValidate(['validate'])).toBeNull();
    expect(oneCsvToValidate(['validate', 'a.csv', 'b.csv'])).toBeNull();
    expect(oneCsvToValidate(['validate', 'data.xlsx'])).toBeNull();
    expect(oneCsvToValidate(['--help'])).toBeNull();
    expect(oneCsvToValidate([])).toBeNull();
  });
});
