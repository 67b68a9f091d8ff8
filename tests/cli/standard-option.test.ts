import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveStandardOption } from '../../src/cli/standard-option.js';
import { EXIT_USAGE } from '../../src/cli/context.js';
import { ROOT } from '../support/cli.js';

let stderr: string;
beforeEach(() => {
  stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((s: string | Uint8Array) => ((stderr += String(s)), true));
});
afterEach(() => vi.restoreAllMocks());

describe('resolveStandardOption (--schema, --standard, --standards)', () => {
  it('gives a catalog standard by id, a plain schema file, or nothing', async () => {
    const byId = await resolveStandardOption({ standard: 'penduduk-jenis-kelamin-kecamatan' }, 'id');
    expect(typeof byId).toBe('object');
    if (typeof byId === 'number') return;
    expect(byId.standard?.info.id).toBe('penduduk-jenis-kelamin-kecamatan');
    expect(byId.schema).toBeUndefined();

    const plain = await resolveStandardOption({ schema: join(ROOT, 'fixtures/schemas/penduduk-kecamatan.schema.json') }, 'id');
    if (typeof plain === 'number') throw new Error(stderr);
    expect(plain.standard).toBeUndefined();
    expect(plain.schema?.fields.length).toBeGreaterThan(0);

    expect(await resolveStandardOption({}, 'id')).toEqual({});
    expect(stderr).toBe('');
  });

  it('an unknown id is [standard-not-found] with the available ids, in the chosen language', async () => {
    expect(await resolveStandardOption({ standard: 'tidak-ada' }, 'en')).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/^satudata: \[standard-not-found\] Standard "tidak-ada" is not in the catalog\. Available: .*penduduk-jenis-kelamin-kecamatan@/);
  });

  it('a standards folder that cannot be loaded is [catalog-error], as in `standards list`', async () => {
    expect(await resolveStandardOption({ standards: '/tidak/ada', standard: 'x' }, 'id')).toBe(EXIT_USAGE);
    expect(stderr).toMatch(/^satudata: \[catalog-error\] .*\/tidak\/ada/);
  });

  it('a broken schema file is [schema-error] with its path and a hint', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'satudata-stdopt-'));
    try {
      const bad = join(dir, 'rusak.json');
      await writeFile(bad, '{"fields": [');
      expect(await resolveStandardOption({ schema: bad }, 'id')).toBe(EXIT_USAGE);
      expect(stderr).toContain('satudata: [schema-error]');
      expect(stderr).toContain(bad);
      expect(stderr.split('\n').length).toBeGreaterThanOrEqual(3); // message, hint, final newline
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
