#!/usr/bin/env node
/**
 * Push benchmark (not a test): 50 packages × 5 files to the local CKAN 2.10 mock on loopback with the
 * default concurrency (4), then a re-push of the same packages (must make no write call).
 * Target: the first push ≤ 10 s. Uses the built code (dist/, or SATUDATA_DIST) and compiles the mock
 * (tests/support/ckan-mock.ts) with TypeScript's transpiler.
 *
 *   npm run build && node scripts/push-bench.mjs [packages=50] [concurrency=4]
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = resolve(new URL('..', import.meta.url).pathname);
const dist = resolve(process.env.SATUDATA_DIST ?? join(root, 'dist'));
const N = Number(process.argv[2] ?? 50);
const CONCURRENCY = Number(process.argv[3] ?? 4);
const TOKEN = 'bench-token-0123456789';
const work = mkdtempSync(join(tmpdir(), 'satudata-push-bench-'));

try {
  const src = readFileSync(join(root, 'tests/support/ckan-mock.ts'), 'utf8');
  const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(work, 'ckan-mock.mjs'), js);
  const { CkanMock } = await import(pathToFileURL(join(work, 'ckan-mock.mjs')).href);
  const imp = (p) => import(pathToFileURL(join(dist, p)).href);
  const { packageFile } = await imp('package/build.js');
  const { loadSchemaFile } = await imp('standards/schema.js');
  const { CkanPortal } = await imp('portal/ckan/adapter.js');
  const { Ledger } = await imp('portal/ledger.js');
  const { pushPackages } = await imp('portal/push.js');

  // one real package, cloned N times under different dataset names
  const schema = await loadSchemaFile(join(root, 'fixtures/schemas/penduduk-kecamatan.schema.json'));
  const base = await packageFile(join(root, 'fixtures/package/penduduk-kecamatan.csv'), join(work, 'base'), { standard: { schema }, lang: 'id', version: 'bench', now: new Date(0) });
  const pkgs = [];
  for (let i = 0; i < N; i++) {
    const dir = join(work, 'paket', `p${i}`);
    cpSync(base.path, dir, { recursive: true });
    const d = JSON.parse(readFileSync(join(dir, 'datapackage.json'), 'utf8'));
    d.name = `bench-dataset-${String(i).padStart(3, '0')}`;
    writeFileSync(join(dir, 'datapackage.json'), JSON.stringify(d, null, 2));
    pkgs.push(dir);
  }

  const mock = await new CkanMock({ users: { [TOKEN]: { name: 'bench', orgs: { diskominfotik: 'editor' } } } }).start();
  const portal = new CkanPortal({ name: 'bench', config: { kind: 'ckan', url: mock.url, organization: 'diskominfotik' }, token: TOKEN });
  const ledger = await Ledger.open('bench', join(work, 'ledger'));

  let t0 = performance.now();
  await portal.identify();
  const first = await pushPackages(pkgs, { portal, ledger, concurrency: CONCURRENCY });
  const firstS = (performance.now() - t0) / 1000;
  const writes1 = mock.writes().length;

  t0 = performance.now();
  await portal.identify();
  const again = await pushPackages(pkgs, { portal, ledger, concurrency: CONCURRENCY });
  const againS = (performance.now() - t0) / 1000;
  const writes2 = mock.writes().length - writes1;
  await mock.close();

  const ok = first.results.filter((r) => r.outcome === 'ok').length;
  const unchanged = again.results.filter((r) => r.outcome === 'unchanged').length;
  console.log(`push ${N} packages × 5 files, concurrency ${CONCURRENCY}: ${firstS.toFixed(2)} s, ${ok} ok, ${writes1} write calls, ${mock.calls.length} calls in all`);
  console.log(`re-push (unchanged): ${againS.toFixed(2)} s, ${unchanged} unchanged, ${writes2} write calls`);
  const pass = firstS <= 10 && ok === N && writes2 === 0 && unchanged === N;
  console.log(pass ? 'PASS (target ≤ 10 s, re-push makes no write)' : 'FAIL');
  process.exitCode = pass ? 0 : 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
