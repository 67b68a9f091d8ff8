/** fix reads its source twice: a file saved in between (or during the second pass) is refused, nothing written. */
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planFix } from '../../src/fix/plan.js';
import { ReadError } from '../../src/read/table.js';
import { standardById } from '../../src/standards/resolve.js';
import { messyTable } from './messy-table.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-fix-2p-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fix: both passes read the same file', () => {
  it('a file changed while its outputs are written: source-error "berubah", no output, no temporary', async () => {
    const input = join(dir, 'berubah.csv');
    writeFileSync(input, messyTable(15_000));
    const outDir = join(dir, 'hasil');
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    let changed = false;
    const poll = setInterval(() => {
      if (existsSync(outDir) && readdirSync(outDir).some((f) => f.includes('.tmp-'))) {
        clearInterval(poll);
        appendFileSync(input, '99;Gerung;1.000;1.000;2.000;100,00\n');
        changed = true;
      }
    }, 1);
    const err = await planFix(input, std, join(outDir, 'rapi.csv')).then(() => null, (e: unknown) => e);
    clearInterval(poll);
    expect(changed).toBe(true);
    expect(err).toBeInstanceOf(ReadError);
    expect((err as ReadError).code).toBe('source-error');
    expect((err as ReadError).params.reason).toBe('@reason.changed-while-read');
    expect(readdirSync(outDir)).toEqual([]);
  });
});
