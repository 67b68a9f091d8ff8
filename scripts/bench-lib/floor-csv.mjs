/** Parse-only floor: stream the CSV through csv-parse (default options, columns: false) and count records. */
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';

const [path] = process.argv.slice(2);
let records = 0;
const parser = createReadStream(path).pipe(parse({ columns: false }));
for await (const _record of parser) records++;
process.stdout.write(JSON.stringify({ records, dataRows: records - 1 }) + '\n');
