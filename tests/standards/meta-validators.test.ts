import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { META_FILES, type MetaName } from '../../src/standards/meta-files.js';
import { compileMetaValidators, type MetaValidator } from '../../src/standards/meta-validators.js';
import { ROOT } from '../support/cli.js';

const json = (rel: string): unknown => JSON.parse(readFileSync(join(ROOT, rel), 'utf8'));
const std = json('standards/catalog/penduduk-jenis-kelamin-kecamatan.json') as Record<string, unknown>;

// valid first, then invalid documents, for every schema of META_FILES
const SAMPLES: Record<MetaName, { valid: unknown[]; invalid: unknown[] }> = {
  tableSchema: {
    valid: [json('fixtures/schemas/penduduk-kecamatan.schema.json'), { fields: [{ name: 'a', type: 'integer' }] }],
    invalid: [{ fields: [{ name: 'a', type: 'bilangan' }] }, { fields: 'a' }],
  },
  standard: { valid: [std], invalid: [{ ...std, satudata: { ...(std.satudata as object), frekuensi: 'kadang-kadang' } }] },
  metadata: { valid: [json('fixtures/package/penduduk-kecamatan.metadata.json')], invalid: [[], 'metadata'] },
  repoConfig: {
    valid: [json('fixtures/repo/satudata.config.json'), {}, { failOn: 'warning', files: [{ glob: 'data/**/*.csv', standard: 'x' }] }],
    invalid: [{ failOn: 'kadang' }, { tidakDikenal: 1 }, { files: [{ standard: 'x' }] }],
  },
};

describe('meta validators (standards/meta/*.schema.json)', () => {
  it('the build precompiled every schema of META_FILES, and it judges documents as ajv compiling at run time does', async () => {
    const built = (await import(pathToFileURL(join(ROOT, 'dist/standards/meta-validators.generated.js')).href)) as Record<string, MetaValidator>;
    const compiled = await compileMetaValidators();
    for (const name of Object.keys(META_FILES) as MetaName[]) {
      expect(typeof built[name], name).toBe('function');
      for (const [doc, want] of [...SAMPLES[name].valid.map((d) => [d, true] as const), ...SAMPLES[name].invalid.map((d) => [d, false] as const)]) {
        expect(compiled[name](doc), `${name} (run time) ${JSON.stringify(doc).slice(0, 60)}`).toBe(want);
        expect(built[name]!(doc), `${name} (built) ${JSON.stringify(doc).slice(0, 60)}`).toBe(want);
      }
    }
  });
});
