/** The smaller hostile-CSV cases of issue 13, each measured in a child process (exit code, one coded line, no
 *  stack trace, peak RSS, wall time). Sizes are kept small with the documented SATUDATA_MAX_* knobs. */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { codes, observe, runMeasured, tempDir, write, type Measured } from './support.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(name: string, m: Measured, exits: number[], rssMb: number, seconds: number) {
  observe(name, m);
  expect(exits, m.stderr).toContain(m.code);
  expect(m.stderr).not.toMatch(/\bat .*\.js:\d+|internal-error/);
  if (!Number.isNaN(m.rssMb)) expect(m.rssMb).toBeLessThan(rssMb);
  expect(m.seconds).toBeLessThan(seconds);
}

describe('hostile CSV (issue 13)', () => {
  it('a 10 MB line of delimiters → too-many-columns at once (column counting is linear, stops at the limit)', () => {
    const file = join(dir, 'commas.csv');
    writeFileSync(file, 'a' + ','.repeat(10 * 1024 * 1024) + '\n');
    const m = runMeasured(['validate', file, '--format', 'json']);
    check('CSV 10 MB of delimiters', m, [2], 150, 8);
    expect(codes(m)).toContain('too-many-columns');
  });

  it('six quoted fields at the record limit (records spanning many chunks) → read in linear time, bounded memory', () => {
    const limit = 2 * 1024 * 1024;
    const field = '"' + 'y'.repeat(limit - 16) + '"';
    const file = join(dir, 'six-fields.csv');
    writeFileSync(file, 'a\n' + `${field}\n`.repeat(6));
    const m = runMeasured(['validate', file, '--format', 'json'], { SATUDATA_MAX_RECORD_CHARS: String(limit) });
    check('six quoted 2 MiB fields', m, [0, 1], 200, 8);
    expect(codes(m)).not.toContain('record-too-long');
  });

  it('one record of six such fields → record-too-long, and no spurious no-final-newline', () => {
    const limit = 1024 * 1024;
    const field = '"' + 'y'.repeat(limit - 16) + '"';
    const file = join(dir, 'six-in-one.csv');
    writeFileSync(file, 'a,b,c,d,e,f\n' + Array(6).fill(field).join(',') + '\n');
    const m = runMeasured(['validate', file, '--format', 'json'], { SATUDATA_MAX_RECORD_CHARS: String(limit) });
    check('record of six 1 MiB fields', m, [1], 200, 8);
    expect(codes(m)).toContain('record-too-long');
    expect(codes(m)).not.toContain('no-final-newline');
  });

  it('an unclosed quote that runs to the record limit → no spurious no-final-newline', () => {
    const file = join(dir, 'unclosed.csv');
    writeFileSync(file, 'kode,nama\n1,"Ampenan\n' + '2,Mataram\n'.repeat(20_000));
    const m = runMeasured(['validate', file, '--format', 'json'], { SATUDATA_MAX_RECORD_CHARS: '65536' });
    check('unclosed quote', m, [1], 200, 8);
    expect(codes(m).some((c) => c === 'record-too-long' || c === 'quote-error')).toBe(true);
    expect(codes(m)).not.toContain('no-final-newline');
  });

  it('a file that is only a byte-order mark → empty-file, exit 2', () => {
    const m = runMeasured(['validate', write(dir, 'bom-only.csv', '\ufeff'), '--format', 'json']);
    check('BOM-only file', m, [2], 200, 8);
    expect(codes(m)).toContain('empty-file');
  });
});
