/** EPIPE is a normal end: a reader that goes away (`| head -1`) ends the command quietly, exit 0 or the code it
 *  already had, never a stack trace. The read end of the child's stdout is closed before it writes. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BIN, ROOT } from '../support/cli.js';
import { tempDir } from './support.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function closedPipe(args: string[]): Promise<{ code: number | null; stderr: string; seconds: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, NO_COLOR: '1', CI: 'true', SATUDATA_LANG: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy(); // the reader is gone before the first byte
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stderr, seconds: (performance.now() - t0) / 1000 }));
  });
}

describe('writing to a closed pipe', () => {
  it.each([
    [['standards', 'list'], [0]],
    [['kode', 'cari', 'a', '--limit', '2000'], [0]],
    [['validate', 'fixtures'], [0, 1]],
  ])('%j | head -1 ends quietly', async (args, exits) => {
    const r = await closedPipe(args);
    expect(exits, r.stderr).toContain(r.code);
    expect(r.stderr).not.toMatch(/EPIPE|\bat .*\.js:\d+|internal-error/);
    expect(r.seconds).toBeLessThan(20);
  });

  it('a closed pipe in the middle of `package a b` leaves no temporary behind', async () => {
    const meta = JSON.parse(readFileSync(join(ROOT, 'fixtures/package/penduduk-kecamatan.metadata.json'), 'utf8'));
    for (const name of ['a', 'b', 'c']) {
      copyFileSync(join(ROOT, 'fixtures/package/penduduk-kecamatan.csv'), join(dir, `${name}.csv`));
      writeFileSync(join(dir, `${name}.metadata.json`), JSON.stringify({ ...meta, slug: `penduduk-${name}` }));
    }
    const out = join(dir, 'out');
    const r = await closedPipe(['package', ...['a', 'b', 'c'].map((n) => join(dir, `${n}.csv`)), '--standard', 'penduduk-jenis-kelamin-kecamatan', '--out', out]);
    expect([0, 1], r.stderr).toContain(r.code);
    expect(r.stderr).not.toMatch(/EPIPE|\bat .*\.js:\d+/);
    expect(readdirSync(out).filter((f) => f.startsWith('.'))).toEqual([]);
  });
});
