import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateFile } from '../../src/check/validate-file.js';
import { checkSchema, type TableSchema } from '../../src/standards/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'satudata-schema-'));
let n = 0;
async function run(csv: string, schema: unknown) {
  const path = join(dir, `t${n++}.csv`);
  writeFileSync(path, csv);
  const [r] = await validateFile(path, { schema: await checkSchema(schema, 'test'), maxErrors: 1000, metadata: false, autoStandard: false });
  return r!;
}
const at = (r: Awaited<ReturnType<typeof run>>) => r.issues.map((i) => `${i.code}@${i.cell ?? ''}${i.params?.constraint ? ':' + i.params.constraint : ''}`);

describe('Table Schema v2 features', () => {
  it('checks every constraint kind', async () => {
    const schema: TableSchema = {
      fields: [
        { name: 'kode', type: 'string', constraints: { minLength: 2, maxLength: 4, unique: true } },
        { name: 'nilai', type: 'number', constraints: { exclusiveMinimum: 0, exclusiveMaximum: 100 } },
        { name: 'status', type: 'string', constraints: { enum: ['aktif', 'nonaktif'] } },
        { name: 'ok', type: 'boolean', trueValues: ['ya'], falseValues: ['tidak'] },
      ],
    };
    const r = await run('kode,nilai,status,ok\nAB,50,aktif,ya\nA,0,hapus,benar\nABCDE,100,aktif,tidak\nAB,1,nonaktif,tidak\n', schema);
    expect(at(r)).toEqual([
      'constraint-error@A3:minLength', 'constraint-error@B3:exclusiveMinimum', 'constraint-error@C3:enum', 'type-error@D3',
      'constraint-error@A4:maxLength', 'constraint-error@B4:exclusiveMaximum', 'unique-error@A5',
    ]);
  });

  it('reads Indonesian numbers when the schema declares them, strictly otherwise', async () => {
    const id = { fields: [{ name: 'x', type: 'number', decimalChar: ',', groupChar: '.' }, { name: 'y', type: 'number', decimalChar: ',' }] };
    const r = await run('x;y\n1.234,5;4,15\n12;1.234\n', id);
    expect(at(r)).toEqual(['csv-delimiter@', 'type-error@B3']);
  });

  it('honours missingValues (schema and field level, v2 objects), uniqueKeys and dates with patterns', async () => {
    const schema = {
      missingValues: ['', { value: '-', label: 'nihil' }],
      fields: [
        { name: 'a', type: 'integer', constraints: { required: true } },
        { name: 'b', type: 'integer', missingValues: ['...'] },
        { name: 'tgl', type: 'date', format: '%d/%m/%Y' },
      ],
      uniqueKeys: [['a', 'b']],
    };
    const r = await run('a,b,tgl\n1,...,17/08/2023\n-,2,31/02/2023\n1,...,2023-08-17\n3,4,01/01/2024\n3,4,02/01/2024\n', schema);
    expect(at(r)).toEqual(['constraint-error@A3:required', 'type-error@C3', 'type-error@C4', 'unique-error@A6']);
  });

  it('matches headers by fieldsMatch', async () => {
    const fields = [{ name: 'a', type: 'string' }, { name: 'b', type: 'string' }];
    const codes = async (fieldsMatch: string, header: string) => {
      const row = header.split(',').map((_, i) => `x${i}`).join(',');
      return (await run(`${header}\n${row}\n`, { fields, fieldsMatch })).issues.map((i) => `${i.code}:${i.severity}`);
    };
    expect(await codes('exact', 'a,b,c')).toEqual(['extra-label:error']);
    expect(await codes('superset', 'a,b,c')).toEqual([]);
    expect(await codes('subset', 'a')).toEqual([]);
    expect(await codes('partial', 'a')).toEqual([]);
    expect(await codes('equal', 'a')).toEqual(['missing-label:error']);
  });
});
