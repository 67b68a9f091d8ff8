/** A field bound to a code list is checked the same with or without a standard's `satudata` block: a plain
 *  Table Schema with `satudata:kode` fields gets its region codes and names checked, in one thread or two. */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it } from 'vitest';
import { validateFile } from '../../src/check/validate-file.js';
import type { TableSchema } from '../../src/standards/schema.js';
import { tempDir } from '../hostile/support.js';

const dir = tempDir('satudata-ref-plain-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete process.env.SATUDATA_SHARD_MIN_BYTES;
  delete process.env.SATUDATA_SHARD;
});

const schema = {
  fields: [
    { name: 'kode_kecamatan', type: 'string', 'satudata:kode': { daftar: 'wilayah', tingkat: 'kecamatan', nama: 'nama_kecamatan' } },
    { name: 'nama_kecamatan', type: 'string' },
    { name: 'jumlah', type: 'integer' },
  ],
} as unknown as TableSchema;

function codesOf(report: { issues: { code: string; row?: number }[] }): string[] {
  return report.issues.filter((i) => i.code !== 'metadata-missing').map((i) => `${i.code}@${i.row}`).sort();
}

it('checks codes and names of a plain Table Schema without a satudata block', async () => {
  const file = join(dir, 'kec.csv');
  writeFileSync(file, 'kode_kecamatan,nama_kecamatan,jumlah\n52.71.01,Ampenan,10\n52.71.99,Tidak Ada,3\n52.71.02,Sekarbela,4\n527105,Selaparang,5\n');
  const [r] = await validateFile(file, { schema, maxErrors: 100, metadata: false });
  expect(codesOf(r!)).toEqual(['code-format@5', 'name-mismatch@4', 'unknown-code@3']);
  expect(r!.references).toEqual({ wilayah: expect.any(String) });
});

it('the second shard of a split CSV checks them too', async () => {
  process.env.SATUDATA_SHARD_MIN_BYTES = '100000';
  process.env.SATUDATA_SHARD = 'always';
  const file = join(dir, 'kec-big.csv');
  const good = '52.71.01,Ampenan,10\n';
  const n = Math.ceil(400_000 / good.length);
  writeFileSync(file, 'kode_kecamatan,nama_kecamatan,jumlah\n' + good.repeat(n) + '52.71.99,Tidak Ada,3\n');
  const [r] = await validateFile(file, { schema, maxErrors: 100, metadata: false });
  expect(codesOf(r!)).toEqual([`unknown-code@${n + 2}`]);
});
