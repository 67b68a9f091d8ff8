/** The streamed change log equals a whole, stably sorted log: loose changes first, then the head's by row, then
 *  the body in order, each totals row's line (settled last) in its place, across spool chunks of many MB. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ChangeLog, CHANGES_KEPT, rowOf } from '../../src/fix/change-log.js';
import { changeLogText } from '../../src/fix/write.js';
import type { Change } from '../../src/fix/types.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-changelog-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ChangeLog', () => {
  it('writes what a stable sort of all changes by row would, totals lines completed at the end', async () => {
    const head: Change[] = [
      { cell: 'C2', rule: 'value-from-title', old: '', new: '2023' },
      { cell: 'C1', rule: 'drop-title-row', old: 'JUDUL', new: '' },
      { cell: '', rule: 'value-from-option', old: '', new: 'x' },
      { cell: 'A4', rule: 'rename-column', old: 'Kode', new: 'kode_wilayah' },
    ];
    const body: Change[] = [];
    const totals: Change[] = [];
    // multi-byte text so that chunk boundaries fall inside characters; a totals row every 7,000 rows
    for (let n = 5; n < 40_000; n++) {
      if (n % 7000 === 0) {
        const c = { cell: `B${n}`, rule: 'drop-total-row' as const, old: `Jumlah ké-${n}`, new: '' };
        body.push(c);
        totals.push(c);
      } else {
        body.push({ cell: `C${n}`, rule: 'number-id', old: `${n}.000 éè—`, new: `${n}000` });
        if (n % 5000 === 0) body.push({ cell: '', rule: 'recompute', old: 'a', new: `loose ${n}` });
      }
    }
    const log = new ChangeLog(join(dir, 'log.csv'), (s) => join(dir, `spool.${s}`));
    log.setHead(head);
    for (const c of body) {
      if (c.rule === 'drop-total-row') log.addLater(c);
      else log.add(c);
    }
    const results = totals.map((_, i) => (i % 2 ? 'total-ok' : `total-mismatch: jumlah ${i}≠${i + 1}`));
    log.settle((i) => results[i]!);
    const done = await log.finish(join(dir, 'log.csv'));
    totals.forEach((c, i) => (c.new = results[i]!));
    const all = [...head, ...body];
    const sorted = [...all].sort((a, b) => rowOf(a.cell) - rowOf(b.cell));
    expect(readFileSync(join(dir, 'log.csv'), 'utf8')).toBe(changeLogText(sorted));
    expect(done.count).toBe(all.length);
    expect(done.kept).toEqual(sorted.slice(0, CHANGES_KEPT));
    expect(done.byRule.get('number-id')).toBe(body.filter((c) => c.rule === 'number-id').length);
    expect([...done.byRule.keys()]).toEqual([...new Set(sorted.map((c) => c.rule))]);
  });
});
