/**
 * csv-parse, loaded the first time it is needed. Most runs never call it (the CSV reader has its own
 * tokenizer; csv-parse reads only a malformed file, a code list or a SIPD mapping), and loading its ES
 * modules took ~15 ms of every run, once more in each worker thread. Its CommonJS build is one file
 * (~6 ms), loaded synchronously, so the callers stay synchronous.
 */
import { createRequire } from 'node:module';
import type { Options, Parser } from 'csv-parse';

const load = createRequire(import.meta.url);
let streaming: ((options: Options) => Parser) | undefined;
let sync: ((input: string, options: Options) => unknown) | undefined;

/** csv-parse's streaming parser (a Transform). */
export function csvParser(options: Options): Parser {
  streaming ??= (load('csv-parse') as typeof import('csv-parse')).parse as (options: Options) => Parser;
  return streaming(options);
}

/** The records of a whole CSV text with a header row, by csv-parse (`columns: true`). */
export function parseCsvRecords(input: string, options: Omit<Options, 'columns'> = {}): Record<string, string>[] {
  sync ??= (load('csv-parse/sync') as typeof import('csv-parse/sync')).parse as (input: string, options: Options) => unknown;
  return sync(input, { ...options, columns: true }) as Record<string, string>[];
}
