/** Terminal injection: values, labels and file names with ESC/OSC sequences, CR, line feeds and bidi overrides are
 *  printed escaped by the pretty output (one helper, src/report/terminal-safe.ts). Files generated here. */
import { afterAll, describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { runMeasured, tempDir, write } from './support.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('terminal-safe pretty output', () => {
  it('a title row, a label and a file name carrying ESC[2J, an OSC title, CR/LF and a bidi override', () => {
    const evil = 'JUDUL\u001b[2J\u001b]0;pwned\u0007\r✔ Valid\n✔ Valid \u202eLAVID';
    const csv = `"${evil}",,\nkode,"nama\u001b[31m",nilai\n1,Ampenan,10\n2,Mataram,20\n`;
    const file = write(dir, 'data\u001b[2J.csv', csv);
    const m = runMeasured(['validate', file, '--format', 'pretty']);
    expect([0, 1]).toContain(m.code);
    expect(m.stdout).not.toMatch(RAW_CONTROL);
    expect(m.stdout).toContain('\\x1b[2J');
    // the only lines starting with a verdict are the real ones (the table's and the summary)
    const fake = m.stdout.split('\n').filter((l) => /^\s*✔ Valid\b/.test(l) && !/—/.test(l));
    expect(fake).toEqual([]);
    expect(m.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(m.seconds).toBeLessThan(20);
  });

  it('a coded error line escapes the file name it names', () => {
    const m = runMeasured(['validate', join(dir, 'missing\u001b]0;x\u0007.csv')]);
    expect(m.code).toBe(2);
    expect(m.stderr + m.stdout).not.toMatch(RAW_CONTROL);
    expect(m.stderr + m.stdout).toContain('\\x1b]0;x\\x07');
  });
});
