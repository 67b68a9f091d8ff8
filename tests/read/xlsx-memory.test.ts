/** XLSX memory stays flat: a generated 300k-row workbook (Excel's order: the sheet before sharedStrings.xml)
 *  is read in a child process; after a full GC at 90% of the rows, what is still held (heap + buffers) must
 *  not contain the sheet XML read so far, and peak RSS stays under the bound. */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { ROOT } from '../support/cli.js';
import { tempDir } from '../hostile/support.js';
import { dataWorkbook } from '../support/xlsx-gen.js';

const dir = tempDir('satudata-xlsx-memory-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 300_000;
const CHILD = `
import { openSource } from ${JSON.stringify(pathToFileURL(join(ROOT, 'dist/read/open.js')).href)};
const src = await openSource(process.argv[1]);
let rows = 0, held = 0;
for await (const b of src.batches()) {
  rows += b.length;
  if (held === 0 && rows >= ${ROWS * 0.9}) {
    globalThis.gc();
    const m = process.memoryUsage();
    held = m.heapUsed + m.arrayBuffers;
  }
}
// the peak of this process's own memory (VmHWM): getrusage's maxRSS keeps the high-water mark of the process
// before exec (the test worker that spawned it, fat after many tests), so it is not this reader's figure
const { readFileSync } = await import('node:fs');
let hwm = 0;
try { hwm = Number(/VmHWM:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0) / 1024; } catch {}
console.log(JSON.stringify({ rows, heldMb: held / 1048576, rssMb: hwm || process.resourceUsage().maxRSS / 1024 }));
`;

it('reading a 300k-row workbook holds no sheet XML and stays under 250 MB RSS', () => {
  const file = join(dir, 'rows-300k.xlsx');
  writeFileSync(file, dataWorkbook(ROWS));
  const r = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', CHILD, file], { encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  const m = JSON.parse(r.stdout) as { rows: number; heldMb: number; rssMb: number };
  console.log(`XLSX MEMORY ${ROWS} rows: held after GC ${m.heldMb.toFixed(1)} MB, peak RSS ${m.rssMb.toFixed(0)} MB`);
  expect(m.rows).toBe(ROWS + 1);
  // 270k rows of sheet XML are ~90 MB; the reader may hold a batch, the shared strings and the parser
  expect(m.heldMb).toBeLessThan(40);
  expect(m.rssMb).toBeLessThan(250);
}, 60_000);
