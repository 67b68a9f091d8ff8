/**
 * The npm `tableschema` (v1 API) validating a CSV: Table.load + table.iter({cast, forceCast}), so that a row
 * with cast/constraint errors or a primary-key violation comes back as an error object instead of stopping
 * the iteration. Counts rows and errors; stops after `limit` data rows (0 = all).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Table } = require('tableschema');

const [path, schemaPath, limitArg = '0'] = process.argv.slice(2);
const limit = Number(limitArg);
const schema = JSON.parse(readFileSync(schemaPath, 'utf8'));
// The delimiter must be given: tableschema's csv-sniffer picks '.' on this data (the dots of kode_wilayah
// such as 52.01.01.2001) and then fails with "Data source parsing error".
const table = await Table.load(path, { schema, delimiter: ',' });
let rows = 0, errorRows = 0, errors = 0;
const kinds = {};
const finish = () => {
  process.stdout.write(JSON.stringify({ rows, errorRows, errors, kinds, limited: Boolean(limit) }) + '\n');
  // Exit here: leaving the loop early (break → the iterator's return()) never settles in this package.
  process.exit(0);
};
for await (const item of await table.iter({ cast: true, forceCast: true })) {
  rows++;
  if (item instanceof Error) {
    errorRows++;
    const n = item.errors && item.errors.length ? item.errors.length : 1;
    errors += n;
    const key = item.errors && item.errors.length ? 'cast/constraint' : item.message.includes('unique') ? 'unique' : 'other';
    kinds[key] = (kinds[key] ?? 0) + n;
  }
  if (limit && rows >= limit) finish();
}
finish();
