/** The time limit stops the work (issue 13.2): after the `time-limit` issue nothing keeps running — no
 *  parsing, no shard worker, no hash worker — and the CLI exits within the limit + 2 s. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { validateFile } from '../../src/check/validate-file.js';
import { codes, observe, repeatedDeflate, runMeasured, SHEET_HEAD, SHEET_TAIL, tempDir, write, xlsxParts, zip } from '../hostile/support.js';

const dir = tempDir('satudata-time-limit-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const saved = { ...process.env };
afterEach(() => {
  for (const k of ['SATUDATA_MAX_RATIO', 'SATUDATA_SHARD_MIN_BYTES', 'SATUDATA_SHARD']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

const ROW = '<row><c t="inlineStr"><is><t>Mataram</t></is></c><c><v>12</v></c><c><v>3.5</v></c></row>';
/** A genuine (honestly declared) 300 MB sheet: seconds of parsing; the ratio limit is lifted for it. */
function slowWorkbook(): string {
  const head = SHEET_HEAD + '<row><c t="inlineStr"><is><t>nama</t></is></c><c t="inlineStr"><is><t>l</t></is></c><c t="inlineStr"><is><t>p</t></is></c></row>';
  const raw = repeatedDeflate(head, ROW.repeat(Math.ceil((1024 * 1024) / ROW.length)), 300, SHEET_TAIL);
  return write(dir, 'slow.xlsx', zip(xlsxParts({ name: 'xl/worksheets/sheet1.xml', raw })));
}

/** CPU time (ms, all threads of this process) spent during `ms` of wall time from now. */
async function cpuDuring(ms: number): Promise<number> {
  await new Promise((r) => setTimeout(r, 100)); // a terminated worker takes a moment to go
  const before = process.cpuUsage();
  await new Promise((r) => setTimeout(r, ms));
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}

describe('--time-limit stops the work', () => {
  it('a workbook: the parse stops at the limit and nothing runs afterwards', async () => {
    process.env.SATUDATA_MAX_RATIO = '100000';
    const file = slowWorkbook();
    const t0 = performance.now();
    const [report] = await validateFile(file, { maxErrors: 1000, timeLimitSeconds: 0.5, metadata: false, autoStandard: false });
    const wall = (performance.now() - t0) / 1000;
    expect(report!.issues.map((i) => i.code)).toEqual(['time-limit']);
    expect(wall).toBeLessThan(0.5 + 2);
    expect(await cpuDuring(500)).toBeLessThan(250); // still parsing would be ~500 ms of CPU per busy thread
  });

  it('a CSV split in two shards: the second stops too (its worker terminated, or its in-thread fallback aborted)', async () => {
    process.env.SATUDATA_SHARD_MIN_BYTES = '1000000';
    process.env.SATUDATA_SHARD = 'always';
    const line = '5201,Mataram,2024,12,3.5\n';
    const file = join(dir, 'big.csv');
    writeFileSync(file, 'kode,nama,tahun,l,p\n' + line.repeat(Math.ceil((24 * 1024 * 1024) / line.length)));
    const schema = { fields: [{ name: 'kode', type: 'string' }, { name: 'nama', type: 'string' }, { name: 'tahun', type: 'integer' }, { name: 'l', type: 'integer' }, { name: 'p', type: 'number' }] };
    const [report] = await validateFile(file, { maxErrors: 1000, timeLimitSeconds: 0.3, metadata: false, autoStandard: false, schema: schema as never });
    expect(report!.issues.map((i) => i.code)).toEqual(['time-limit']);
    expect(await cpuDuring(500)).toBeLessThan(250); // still parsing would be ~500 ms of CPU per busy thread
  });

  it('the CLI reports time-limit and exits within the limit + 2 s', () => {
    const file = slowWorkbook();
    const m = runMeasured(['validate', file, '--format', 'json', '--time-limit', '1'], { SATUDATA_MAX_RATIO: '100000' });
    observe('time limit 1 s on a 300 MB sheet', m);
    expect(codes(m)).toEqual(['time-limit']);
    expect([1, 2]).toContain(m.code);
    // 1 s of limit + 2 s; node's own start-up on a loaded 2-core machine is on top
    expect(m.seconds).toBeLessThan(1 + 2 + 1);
  });
});
