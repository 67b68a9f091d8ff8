/** `fix --time-limit`: the work stops, a coded `time-limit` error is given, and nothing half-written is left. */
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFixFile } from '../../src/fix/run.js';
import { planFix } from '../../src/fix/plan.js';
import { ReadError } from '../../src/read/table.js';
import { standardById } from '../../src/standards/resolve.js';
import { messyTable } from './messy-table.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-fix-tl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('fix --time-limit', () => {
  it('aborts a run that takes longer: time-limit, no output, no change log, no temporary', async () => {
    const input = join(dir, 'besar.csv');
    writeFileSync(input, messyTable(15_000));
    const outDir = join(dir, 'hasil');
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const started = performance.now();
    const err = await runFixFile(input, std, join(outDir, 'rapi.csv'), { timeLimitSeconds: 0.05 }).then(() => null, (e: unknown) => e);
    const seconds = (performance.now() - started) / 1000;
    expect(err).toBeInstanceOf(ReadError);
    expect((err as ReadError).code).toBe('time-limit');
    expect((err as ReadError).params).toEqual({ seconds: 0.05 });
    // stopped at its next batch, well before the whole run would have ended
    expect(seconds).toBeLessThan(0.05 + 2);
    expect(existsSync(outDir) ? readdirSync(outDir) : []).toEqual([]);
  });

  it('an abort while the outputs are being written removes their temporaries (nothing half-written)', async () => {
    const input = join(dir, 'tengah.csv');
    writeFileSync(input, messyTable(15_000));
    const outDir = join(dir, 'tengah');
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const abort = new AbortController();
    const reason = new ReadError('time-limit', { seconds: 1 });
    let seen: string[] = [];
    // abort once the second pass has the tidy file's temporary (the change log's spool may appear before it)
    const poll = setInterval(() => {
      const now = existsSync(outDir) ? readdirSync(outDir) : [];
      if (now.some((f) => f.startsWith('.rapi.csv.tmp-'))) {
        seen = now;
        clearInterval(poll);
        abort.abort(reason);
      }
    }, 1);
    const err = await planFix(input, std, join(outDir, 'rapi.csv'), { signal: abort.signal }).then(() => null, (e: unknown) => e);
    clearInterval(poll);
    expect(seen.some((f) => f.startsWith('.rapi.csv.tmp-'))).toBe(true);
    expect(err).toBe(reason);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('a run within the limit writes both outputs', async () => {
    const input = join(dir, 'kecil.csv');
    writeFileSync(input, messyTable(20));
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const r = await runFixFile(input, std, join(dir, 'ok', 'rapi.csv'), { timeLimitSeconds: 60 });
    expect(r.plan.rowCount).toBe(20);
    expect(readdirSync(join(dir, 'ok')).sort()).toEqual(['rapi.csv', 'rapi.csv.perubahan.csv']);
  });
});
