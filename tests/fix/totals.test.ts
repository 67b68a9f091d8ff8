/**
 * fix drops totals and subtotal rows only after checking them, and checks them as validate does (one reading of
 * the table: check/aggregate-pass.ts decides which rows each one sums): the problems it lists are validate's
 * total-mismatch findings, cell for cell, with the same parts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runFixFile } from '../../src/fix/run.js';
import { validateFile } from '../../src/check/validate-file.js';
import { standardById } from '../../src/standards/resolve.js';
import type { TableSchema } from '../../src/standards/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-fix-totals-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function both(name: string, text: string, std: Awaited<ReturnType<typeof standardById>> | { schema: TableSchema; info: { id: string } }) {
  const path = join(dir, `${name}.csv`);
  writeFileSync(path, text);
  const fixed = await runFixFile(path, std as never, join(dir, `${name}.rapi.csv`));
  const [validated] = await validateFile(path, { schema: std.schema, ...('path' in std ? { dataStandard: std } : {}), maxErrors: 1000, metadata: false });
  const log = readFileSync(fixed.changeLog, 'utf8').split('\n').filter((l) => l.includes('drop-total-row'));
  return { fixed, validated: validated!, log };
}

describe('fix checks totals as validate does', () => {
  it('kecamatan rows with their code above their desa, and a closing Jumlah: a wrong subtotal against its own desa', async () => {
    const std = await standardById('posyandu-desa-kelurahan');
    const text = [
      'kode_kecamatan,kode_wilayah,nama_desa_kelurahan,tahun,pratama,madya,purnama,mandiri,jumlah_posyandu,posyandu_aktif',
      '52.01.01,52.01.01,KECAMATAN GERUNG,2024,1,3,4,2,10,6',
      '52.01.01,52.01.01.1001,Gerung Utara,2024,1,2,3,1,7,4',
      '52.01.01,52.01.01.2002,Kebon Ayu,2024,0,1,1,1,3,2',
      '52.01.02,52.01.02,KECAMATAN KEDIRI,2024,1,2,3,2,8,7',
      '52.01.02,52.01.02.2001,Kediri,2024,0,1,2,1,4,3',
      '52.01.02,52.01.02.2002,Montong Are,2024,1,0,1,1,3,2',
      ',,JUMLAH,2024,2,4,7,4,17,11',
    ].join('\n') + '\n';
    const { fixed, validated, log } = await both('subtotal', text, std);
    // Kediri: madya 2, jumlah 8 and aktif 7 written, its desa add up to 1, 7 and 5; the Jumlah matches the desa rows
    const fromValidate = validated.issues.filter((i) => i.code === 'total-mismatch').map((i) => [i.cell, i.params?.rows, i.params?.sum]);
    expect(fromValidate).toEqual([['F5', '6–7', '1'], ['I5', '6–7', '7'], ['J5', '6–7', '5']]);
    expect(fixed.plan.problems.filter((p) => p.code === 'fix-total-mismatch').map((p) => [p.cell, p.params?.rows, p.params?.sum])).toEqual(fromValidate);
    expect(log).toEqual([
      'A2,drop-total-row,52.01.01 | 52.01.01 | KECAMATAN GERUNG | 2024 | 1 | 3 | 4 | 2 | 10 | 6,total-ok',
      'A5,drop-total-row,52.01.02 | 52.01.02 | KECAMATAN KEDIRI | 2024 | 1 | 2 | 3 | 2 | 8 | 7,"total-mismatch: madya 2≠1; jumlah_posyandu 8≠7; posyandu_aktif 7≠5"',
      'C8,drop-total-row,JUMLAH | 2024 | 2 | 4 | 7 | 4 | 17 | 11,total-ok',
    ]);
  });

  it('a total across a layout (padi total of a quarter = padi sawah + padi gogo of that quarter): accepted, and found when wrong', async () => {
    const schema = {
      fields: [{ name: 'komoditas', type: 'string' }, { name: 'tahun', type: 'year' }, { name: 'triwulan', type: 'integer' }, { name: 'produksi', type: 'integer' }],
    } as unknown as TableSchema;
    const rows = (total1: number) => ['komoditas,tahun,triwulan,produksi', 'padi sawah,2022,1,100', 'padi sawah,2022,2,50', 'padi gogo,2022,1,10', 'padi gogo,2022,2,0',
      `padi total,2022,1,${total1}`, 'padi total,2022,2,50', 'jagung,2022,1,700', 'jagung,2022,2,90'].join('\n') + '\n';
    const ok = await both('padi-benar', rows(110), { schema, info: { id: 'padi-uji' } });
    expect(ok.fixed.plan.problems.filter((p) => /total/.test(p.code))).toEqual([]);
    // (validate with the schema too: triwulan, an integer field, is a key of the rows, not a measure summed)
    expect(ok.validated.issues.filter((i) => i.code === 'total-mismatch')).toEqual([]);
    expect(ok.log.map((l) => l.split(',').pop())).toEqual(['total-ok', 'total-ok']);
    const wrong = await both('padi-salah', rows(111), { schema, info: { id: 'padi-uji' } });
    expect(wrong.fixed.plan.problems.filter((p) => p.code === 'fix-total-mismatch').map((p) => p.cell)).toEqual(['D6']);
    expect(wrong.validated.issues.filter((i) => i.code === 'total-mismatch').map((i) => i.cell)).toEqual(['D6']);
  });
});
