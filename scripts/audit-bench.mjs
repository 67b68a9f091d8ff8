#!/usr/bin/env node
/**
 * Weekly-audit benchmark: the full 965-item fixture report in every format (md, html, xlsx, csv, json),
 * offline, timed end to end as a user runs it (`node bin/satudata.js report … --out DIR`, node start-up included),
 * and in process (warm). Target: ≤ 2 s. Needs the build (`npm run build`); SATUDATA_DIST=dir points at another build.
 * Run: node scripts/audit-bench.mjs [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const dist = resolve(process.env.SATUDATA_DIST ?? join(root, 'dist'));
const runs = Number(process.argv[2] ?? 5);
const args = (out, hist) => ['report', 'fixtures/audit/daftar-data-2021.csv', '--ledger', 'fixtures/audit/ledger-2022-W14.json', '--as-of', '2022-04-04', '--history', hist, '--out', out, '--format', 'all'];

const cold = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-audit-bench-'));
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', `import { main } from ${JSON.stringify(pathToFileURL(join(dist, 'cli/main.js')).href)}; main(process.argv).then((c) => { process.exitCode = c; });`, 'satudata', ...args(join(dir, 'out'), join(dir, 'h'))], { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  cold.push((performance.now() - t0) / 1000);
  if (r.status !== 0) { console.error(r.stderr || r.stdout); process.exit(1); }
  rmSync(dir, { recursive: true, force: true });
}

const { main } = await import(pathToFileURL(join(dist, 'cli/main.js')).href);
const warm = [];
const write = process.stdout.write.bind(process.stdout);
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(join(tmpdir(), 'satudata-audit-bench-'));
  const t0 = performance.now();
  process.stdout.write = () => true;
  const code = await main(['node', 'satudata', ...args(join(dir, 'out'), join(dir, 'h'))]);
  process.stdout.write = write;
  warm.push((performance.now() - t0) / 1000);
  if (code !== 0) process.exit(1);
  rmSync(dir, { recursive: true, force: true });
}
const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`965 items, all formats (md, html, xlsx, csv, json), ${runs} runs`);
console.log(`  end to end (node start-up included): median ${med(cold).toFixed(2)} s, max ${Math.max(...cold).toFixed(2)} s`);
console.log(`  in process (warm):                   median ${med(warm).toFixed(2)} s, max ${Math.max(...warm).toFixed(2)} s`);
console.log(`  target ≤ 2 s: ${Math.max(...cold) <= 2 ? 'met' : 'NOT met'}`);
