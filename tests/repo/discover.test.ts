import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discover } from '../../src/repo/discover.js';
import { loadConfig } from '../../src/repo/config.js';
import { RepoError } from '../../src/repo/errors.js';
import { mapPool } from '../../src/io/pool.js';
import { planRepo } from '../../src/repo/plan.js';
import { renderIssue } from '../../src/report/render.js';

const root = mkdtempSync(join(tmpdir(), 'satudata-repo-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(rel: string, text = 'a,b\n1,2\n'): void {
  mkdirSync(join(root, rel, '..'), { recursive: true });
  writeFileSync(join(root, rel), text);
}

describe('discover', () => {
  it('finds data files and packages, honours .gitignore (nested too) and exclude, sorted, loops reported', async () => {
    file('b.csv');
    file('A.xlsx');
    file('data/2024/x.csv');
    file('data/2024/x.metadata.json', '{}');
    file('data/notes.txt');
    file('data/~$lock.xlsx');
    file('tmp/scratch.csv');
    file('tmp/keep.csv');
    file('data/sub/.gitignore', 'private.csv\n');
    file('data/sub/private.csv');
    file('data/sub/public.csv');
    file('pkg/datapackage.json', '{"resources":[]}');
    file('node_modules/x/y.csv');
    file('.gitignore', 'tmp/*\n!tmp/keep.csv\n');
    symlinkSync('..', join(root, 'data', 'loop'));
    const found = await discover(root, { exclude: ['data/2024/**'] });
    expect(found.files).toEqual(['A.xlsx', 'b.csv', 'data/sub/public.csv', 'tmp/keep.csv']);
    expect(found.packages).toEqual(['pkg/datapackage.json']);
    expect(found.issues.map((i) => i.code)).toEqual(['symlink-loop']);
  });
});

describe('config', () => {
  it('validates with ajv and reports the first problem as config-error', async () => {
    const dir = mkdtempSync(join(root, 'cfg-'));
    writeFileSync(join(dir, '.satudata.json'), JSON.stringify({ failOn: 'sometimes' }));
    await expect(loadConfig(dir)).rejects.toMatchObject({ code: 'config-error' });
    writeFileSync(join(dir, '.satudata.json'), JSON.stringify({ files: [{ glob: '*.csv', schema: '../../etc/x.json' }] }));
    await expect(loadConfig(dir)).rejects.toBeInstanceOf(RepoError);
    writeFileSync(join(dir, '.satudata.json'), JSON.stringify({ files: [{ glob: 'a/*.csv', sheet: 2 }, { glob: '*.csv', skip: true }], maxErrors: 5 }));
    const c = await loadConfig(dir);
    expect(c.file).toBe('.satudata.json');
    expect(c.ruleFor('a/x.csv')).toEqual({ glob: 'a/*.csv', sheet: 2 });
    expect(c.ruleFor('b/x.csv')?.skip).toBe(true);
  });
});

describe('plan', () => {
  it('pins standards by version, claims package resources, refuses unsafe package paths', async () => {
    const dir = mkdtempSync(join(root, 'plan-'));
    mkdirSync(join(dir, 'data'));
    mkdirSync(join(dir, 'pkg'));
    writeFileSync(join(dir, 'data', 'p.csv'), 'a\n1\n');
    writeFileSync(join(dir, 'pkg', 'r.csv'), 'a\n1\n');
    writeFileSync(join(dir, 'pkg', 'datapackage.json'), JSON.stringify({ resources: [{ path: 'r.csv', schema: { fields: [{ name: 'a', type: 'integer' }] } }, { path: '../../x.csv' }] }));
    writeFileSync(join(dir, 'satudata.config.json'), JSON.stringify({ files: [{ glob: 'data/*.csv', standard: 'penduduk-jenis-kelamin-kecamatan@1.0.0' }] }));
    const plan = await planRepo(dir);
    expect(plan.jobs.map((j) => j.rel)).toEqual(['data/p.csv', 'pkg/r.csv']);
    expect(plan.jobs[0]!.dataStandard?.info.versi).toBe('1.0.0');
    expect(plan.jobs[1]!.schema?.fields[0]!.name).toBe('a');
    expect(plan.reports[0]!.issues[0]).toMatchObject({ code: 'unsafe-path', params: { path: '../../x.csv' } });
    writeFileSync(join(dir, 'satudata.config.json'), JSON.stringify({ files: [{ glob: 'data/*.csv', standard: 'penduduk-jenis-kelamin-kecamatan@9.9.9' }] }));
    await expect(planRepo(dir)).rejects.toMatchObject({ code: 'config-error' });
    // a rule naming a schema file that is not there: the reason is put in the user's language
    writeFileSync(join(dir, 'satudata.config.json'), JSON.stringify({ files: [{ glob: 'data/*.csv', schema: 'skema/tidak-ada.json' }] }));
    const err = (await planRepo(dir).catch((e: unknown) => e)) as RepoError;
    expect(err).toBeInstanceOf(RepoError);
    const issue = { code: err.code, severity: 'error' as const, params: err.params };
    expect(renderIssue(issue, 'id').message).toContain('tidak ditemukan');
    expect(renderIssue(issue, 'en').message).toContain('not found');
    expect(renderIssue(issue, 'en').message).toContain('tidak-ada.json');
  });
});

describe('mapPool', () => {
  it('keeps the order of the jobs whatever finishes first, and never runs more than the limit', async () => {
    let running = 0;
    let peak = 0;
    const out = await mapPool([30, 5, 20, 1, 10, 0], 3, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i;
    });
    expect(out).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(3);
  });
});
