/** A CSV validated in two shards reports `bps-code` once per column, with the cells of both shards counted. */
import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../src/check/validate-file.js';
import { standardById } from '../../src/standards/resolve.js';
import { foldOncePerColumn } from '../../src/check/shard-merge.js';
import type { Issue } from '../../src/report/issue.js';

afterEach(() => {
  delete process.env.SATUDATA_SHARD_MIN_BYTES;
  delete process.env.SATUDATA_SHARD;
});

describe('merging the second shard', () => {
  it('joins the lines of one column at its first cell, counts added; other columns and codes untouched', () => {
    const sink = {
      issues: [
        { code: 'bps-code', severity: 'error', col: 1, field: 'kode_wilayah', cell: 'A3', row: 3, params: { code: '5201010', count: 400 } },
        { code: 'type-error', severity: 'error', col: 4, cell: 'D5', row: 5 },
        { code: 'bps-code', severity: 'error', col: 1, field: 'kode_wilayah', cell: 'A403', row: 403, params: { code: '5201011', count: 600 } },
        { code: 'bps-code', severity: 'error', col: 2, field: 'kode_lain', cell: 'B403', row: 403, params: { code: '5201012', count: 5 } },
      ] as Issue[],
      errors: 4, warnings: 0, infos: 0,
    };
    foldOncePerColumn(sink);
    expect(sink.issues.map((i) => [i.code, i.cell, i.params?.count])).toEqual([['bps-code', 'A3', 1000], ['type-error', 'D5', undefined], ['bps-code', 'B403', 5]]);
    expect(sink.issues[0]!.params).toMatchObject({ code: '5201010' });
    expect(sink.errors).toBe(3);
  });

  it('a BPS-coded CSV split over two threads: one bps-code line counting every cell, as in a single pass', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'satudata-shard-bps-'));
    const path = join(dir, 'bps.csv');
    const lines = ['kode_wilayah,nama_kecamatan,tahun,laki_laki,perempuan,jumlah'];
    for (let i = 0; i < 1000; i++) lines.push(`5201${String(i).padStart(3, '0')},Sekotong,2023,1,1,2`);
    writeFileSync(path, lines.join('\n') + '\n');
    const std = await standardById('penduduk-jenis-kelamin-kecamatan');
    const [single] = await validateFile(path, { dataStandard: std, maxErrors: 5000, metadata: false });
    process.env.SATUDATA_SHARD_MIN_BYTES = '1';
    process.env.SATUDATA_SHARD = 'always';
    const [sharded] = await validateFile(path, { dataStandard: std, maxErrors: 5000, metadata: false });
    for (const r of [single!, sharded!]) {
      const bps = r.issues.filter((i) => i.code === 'bps-code');
      expect(bps).toHaveLength(1);
      expect(bps[0]).toMatchObject({ cell: 'A2', params: { count: 1000 } });
    }
    expect(sharded!.stats.errors).toBe(single!.stats.errors);
  });
});
