#!/usr/bin/env node
/**
 * `npm run bench`: satudata against its peers, measured so that the numbers can be trusted (docs/benchmarks.md).
 *
 * Every row compares two commands, A and B, run alternately (A B A B …) for BENCH_ROUNDS rounds (default 5),
 * each run its own child process: wall time, CPU time (user + system, all threads) and peak RSS. A row prints
 * the medians and ranges of both, the ratio of the medians (and its range over the rounds), its target and
 * MET / MISSED. The load average is recorded before each row, and the cores other work keeps busy (measured
 * from /proc/stat before every run, while no bench child runs): "second core free" means < 0.5 of them.
 *
 *   csv-N      satudata validate vs npm tableschema (v1 API) on N rows × 10 columns (1M, 3M)
 *   csv-1000k-busy  the same at 1M rows while a spinning process keeps the second core busy (busy-core.mjs)
 *   xlsx-N     satudata validate vs exceljs's streaming read floor (100k, 300k, 1M rows)
 *   ref-ntb    kode referensi overhead: the same desa CSV with and without the region binding, NTB codes
 *   ref-all    the same with codes of all Indonesia, spread (every row a different code from the one before)
 *   fix-N      satudata fix on the N-row CSV (one command: wall, CPU, RSS against the memory bound)
 *   annotate-N satudata validate --annotate on the N-row CSV (idem)
 *   repo       repository mode: 8 files of 42 MB, worker per file vs one thread (files one after the other, none split)
 *   repo-split the same vs file by file with each file split over two threads (both rows: BENCH_ONLY=repo)
 *
 * fix and annotate run with the heap capped at 2 GB (a command that is not streaming yet dies there instead of
 * taking the machine): their failure is shown in the row and under Anomalies, not as a bench failure.
 * BENCH_QUICK=1: small sizes for development (the targets still print, but only the full run counts).
 * BENCH_ROUNDS=n, BENCH_ONLY=csv,xlsx,ref,fix (a subset of the groups), BENCH_TIMEOUT=seconds per run (600).
 * Inputs are generated deterministically into .bench/ once per generator version. Uses the built CLI (dist/).
 * Output: the table on stdout, then one `BENCH_JSON {...}` line. Exit 0 even when targets are missed; exit 1
 * when a measured command failed or satudata did not find the planted errors.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData } from './bench-lib/gen.mjs';
import { median, runNode } from './bench-lib/run.mjs';
import { ensureReferenceData } from './bench-lib/reference.mjs';
import { ensureRepoData } from './bench-lib/repo.mjs';
import { keepCoreBusy } from './bench-lib/busy-core.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, '.bench');
const LIB = join(ROOT, 'scripts', 'bench-lib');
const CLI = join(ROOT, 'bin', 'satudata.js');
const TS_VERSION = createRequire(import.meta.url)('tableschema/package.json').version;

const QUICK = process.env.BENCH_QUICK === '1';
// 5: on this 2-core machine a row's median of 3 alternating pairs moved by ±10% between runs of the same code
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS) || 5);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'csv,xlsx,ref,fix').split(',').map((s) => s.trim()));
const TIMEOUT_MS = (Number(process.env.BENCH_TIMEOUT) || 600) * 1000;
const SIZES = QUICK
  ? { csv: [100_000, 300_000], xlsx: [20_000, 50_000], ref: 200_000, fix: 100_000 }
  : { csv: [1_000_000, 3_000_000], xlsx: [100_000, 300_000, 1_000_000], ref: 1_000_000, fix: 1_000_000 };
/** Load average (1 min) under which the second core counts as free. */
const QUIET_BUSY = 0.5;

/**
 * Cores kept busy by other work, measured from /proc/stat for 0.5 s while no bench child runs (the product's own
 * src/io/cpu-load.ts, built). The 1-minute load average cannot tell: after a 20 s peer run it still reads ~1
 * although both cores are idle. A row takes the highest reading before any of its runs.
 */
let busyCoresNow;
async function othersBusy() {
  busyCoresNow ??= (await import(join(ROOT, 'dist', 'io', 'cpu-load.js'))).busyCores;
  return busyCoresNow(availableParallelism(), 500);
}

const log = (s) => process.stderr.write(`[bench] ${s}\n`);
const failures = [];
const anomalies = [];
const rows = [];

const fmt = (n, d = 2) => (n === null || n === undefined || !Number.isFinite(n) ? '-' : n.toFixed(d));
const range = (xs, d = 2) => (xs.length ? `${fmt(Math.min(...xs), d)}–${fmt(Math.max(...xs), d)}` : '-');
const med = (xs) => (xs.length ? median(xs) : null);

/** satudata's JSON report → errors, data rows, unreadable. */
function summary(stdout) {
  try {
    const rep = JSON.parse(stdout);
    const t = rep.tables?.[0];
    return t ? { errors: rep.stats.errors, warnings: rep.stats.warnings, dataRows: t.stats.dataRows, unreadable: Boolean(t.unreadable), codes: [...new Set(t.issues.map((i) => i.type))] } : null;
  } catch {
    return null;
  }
}

/** One run of a command; a failure (exit code, timeout, crash, check) is recorded and returns null. */
async function once(label, cmd, { soft = false } = {}) {
  const r = await runNode(cmd.args, { cwd: BENCH_DIR, timeoutMs: TIMEOUT_MS });
  const problem = r.signal ? `killed (${r.signal}${r.wall * 1000 >= TIMEOUT_MS ? ', timeout' : ''})` : !(cmd.okCodes ?? [0]).includes(r.code) ? `exit ${r.code}` : cmd.check?.(r) ?? null;
  if (problem) {
    const tail = r.stderr.trim().split('\n').filter((l) => l.trim() && !/^\s+at /.test(l)).slice(-3).join(' | ');
    (soft ? anomalies : failures).push(`${label}: ${problem}${tail ? ` — ${tail}` : ''}`);
    log(`  ${label}: FAILED (${problem})`);
    return { ...r, failed: problem };
  }
  log(`  ${label}: ${fmt(r.wall)} s wall, ${fmt(r.cpu)} s CPU, ${fmt(r.rssMB, 0)} MB`);
  return r;
}

/**
 * A row comparing A (satudata) with B (the peer or the baseline), alternating. `kind`: 'speedup' (ratio =
 * B/A, higher is better) or 'overhead' (A/B − 1, lower is better).
 */
async function compare(id, label, a, b, { kind, target, rssTarget, note }) {
  const load = loadavg()[0];
  let busy = await othersBusy();
  log(`${id}: ${label} (load ${load.toFixed(2)}, other work ${busy.toFixed(2)} cores) ...`);
  const runs = { a: [], b: [] };
  for (let round = 0; round < ROUNDS; round++) {
    for (const [side, cmd] of round % 2 === 0 ? [['a', a], ['b', b]] : [['b', b], ['a', a]]) {
      if (runs.a.length + runs.b.length > 0) busy = Math.max(busy, await othersBusy());
      const r = await once(`${id} ${side === 'a' ? a.name : b.name} #${round + 1}`, cmd);
      runs[side].push(r);
      if (r.failed) break;
    }
    if (runs.a.at(-1)?.failed || runs.b.at(-1)?.failed) break;
  }
  const ok = (xs) => xs.filter((r) => !r.failed);
  const A = ok(runs.a), B = ok(runs.b);
  const pairs = Math.min(A.length, B.length);
  const per = [];
  for (let i = 0; i < pairs; i++) per.push(kind === 'speedup' ? B[i].wall / A[i].wall : A[i].wall / B[i].wall - 1);
  const wallA = med(A.map((r) => r.wall)), wallB = med(B.map((r) => r.wall));
  const cpuA = med(A.map((r) => r.cpu).filter((x) => x !== null)), cpuB = med(B.map((r) => r.cpu).filter((x) => x !== null));
  const value = wallA && wallB ? (kind === 'speedup' ? wallB / wallA : wallA / wallB - 1) : null;
  const cpuValue = cpuA && cpuB ? (kind === 'speedup' ? cpuB / cpuA : cpuA / cpuB - 1) : null;
  const rssA = A.length ? Math.max(...A.map((r) => r.rssMB ?? 0)) : null;
  const t = typeof target === 'function' ? target(busy) : target;
  const met = value === null || t === null ? null : kind === 'speedup' ? value >= t : value <= t;
  const rssMet = rssTarget ? (rssA === null ? null : rssA <= rssTarget) : undefined;
  const row = {
    id, label, kind, load, busy, rounds: pairs,
    a: { name: a.name, wall: wallA, wallRange: range(A.map((r) => r.wall)), cpu: cpuA, cpuRange: range(A.map((r) => r.cpu ?? NaN)), rssMB: rssA, out: A[0] ? a.parse?.(A[0].stdout) : null },
    b: { name: b.name, wall: wallB, wallRange: range(B.map((r) => r.wall)), cpu: cpuB, cpuRange: range(B.map((r) => r.cpu ?? NaN)), rssMB: B.length ? Math.max(...B.map((r) => r.rssMB ?? 0)) : null },
    value, valueRange: kind === 'speedup' ? range(per) : range(per.map((x) => x * 100), 0), cpuValue, target: t, met, rssTarget, rssMet, note,
  };
  rows.push(row);
  return row;
}

/** A single-command row (fix, annotate): rounds of the same command, against a memory bound. */
async function single(id, label, cmd, { rssTarget, note }) {
  const load = loadavg()[0];
  const busy = await othersBusy();
  log(`${id}: ${label} (load ${load.toFixed(2)}, other work ${busy.toFixed(2)} cores) ...`);
  const runs = [];
  for (let round = 0; round < ROUNDS; round++) {
    const r = await once(`${id} #${round + 1}`, cmd, { soft: true });
    runs.push(r);
    if (r.failed) break;
  }
  const A = runs.filter((r) => !r.failed);
  const failed = runs.find((r) => r.failed);
  const rssA = runs.length ? Math.max(...runs.map((r) => r.rssMB ?? 0)) : null;
  rows.push({
    id, label, kind: 'single', load, busy, rounds: A.length,
    a: { name: cmd.name, wall: med(A.map((r) => r.wall)), wallRange: range(A.map((r) => r.wall)), cpu: med(A.map((r) => r.cpu).filter((x) => x !== null)), cpuRange: range(A.map((r) => r.cpu ?? NaN)), rssMB: rssA },
    value: null, target: null, met: null, rssTarget, rssMet: failed ? false : rssA === null ? null : rssA <= rssTarget,
    note: failed ? `${note ?? ''} FAILED: ${failed.failed}`.trim() : note,
  });
}

function table(headers, body) {
  const w = headers.map((h, c) => Math.max(h.length, ...body.map((r) => String(r[c]).length)));
  const line = (r) => r.map((v, c) => (c <= 1 ? String(v).padEnd(w[c]) : String(v).padStart(w[c]))).join('  ');
  return [line(headers), w.map((n) => '-'.repeat(n)).join('  '), ...body.map(line)].join('\n');
}

const verdict = (m) => (m === null || m === undefined ? 'n/a' : m ? 'MET' : 'MISSED');

function report() {
  const body = rows.map((r) => {
    const ratio = r.kind === 'speedup' ? `${fmt(r.value)}× (${r.valueRange})` : r.kind === 'overhead' ? `${r.value === null ? '-' : `${(r.value * 100).toFixed(0)}%`} (${r.valueRange}%)` : '-';
    const cpuRatio = r.kind === 'speedup' ? `${fmt(r.cpuValue)}×` : r.kind === 'overhead' ? (r.cpuValue === null ? '-' : `${(r.cpuValue * 100).toFixed(0)}%`) : '-';
    const target = r.kind === 'speedup' ? (r.target === null ? '—' : `≥ ${r.target}×`) : r.kind === 'overhead' ? `≤ ${(r.target * 100).toFixed(0)}%` : '—';
    const rss = r.rssTarget ? `${fmt(r.a.rssMB, 0)} / ≤ ${r.rssTarget}` : fmt(r.a.rssMB, 0);
    return [
      r.id, r.label, `${r.load.toFixed(2)} / ${r.busy.toFixed(2)}`, r.rounds,
      `${fmt(r.a.wall)} (${r.a.wallRange})`, `${fmt(r.a.cpu)} (${r.a.cpuRange})`,
      r.b ? `${fmt(r.b.wall)} (${r.b.wallRange})` : '—', r.b ? fmt(r.b.cpu) : '—',
      ratio, cpuRatio, target, verdict(r.met), rss, r.rssTarget ? verdict(r.rssMet) : '—',
    ];
  });
  const out = table(['row', 'what', 'load / other work', 'n', 'A wall s (range)', 'A CPU s (range)', 'B wall s (range)', 'B CPU s', 'ratio wall (range)', 'ratio CPU', 'target', 'verdict', 'A RSS MB / target', 'RSS'], body);
  const notes = rows.filter((r) => r.note).map((r) => `  ${r.id}: ${r.note}`);
  return out + (notes.length ? `\n\nNotes:\n${notes.join('\n')}` : '');
}

async function main() {
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    log('dist/cli/main.js is missing: build first with `npm run build`');
    process.exit(1);
  }
  mkdirSync(BENCH_DIR, { recursive: true });
  const started = new Date();
  const machine = { cpus: cpus().length, parallelism: availableParallelism(), model: cpus()[0]?.model ?? '', node: process.version, loadAtStart: loadavg().map((x) => Number(x.toFixed(2))) };
  log(`${started.toISOString()}  ${machine.cpus} CPUs (${machine.model}), node ${machine.node}, load ${machine.loadAtStart.join(' ')}, ${ROUNDS} rounds${QUICK ? ', QUICK sizes' : ''}`);
  const rel = (p) => relative(BENCH_DIR, p);
  const validate = (file, schema, extra = []) => [CLI, 'validate', rel(file), '--schema', rel(schema), '--format', 'json', '--max-errors', '1000', ...extra];
  const planted = (d, n, label) => (r) => {
    const s = summary(r.stdout);
    if (!s || s.unreadable) return 'no readable report';
    if (s.dataRows !== n) anomalies.push(`${label}: satudata counted ${s.dataRows} data rows, expected ${n}`);
    if (!(s.errors > 0)) return `found ${s.errors} errors, the generator planted ${d.invalidCells + d.duplicates}`;
    if (s.errors !== d.invalidCells + d.duplicates) anomalies.push(`${label}: satudata found ${s.errors} errors, the generator planted ${d.invalidCells} invalid cells + ${d.duplicates} duplicate keys`);
    return null;
  };

  // a CSV row: satudata and tableschema on the same n-row file; the target follows the other work measured
  const csvRow = async (id, label, n, note) => {
    const d = await ensureData(BENCH_DIR, { rows: n, xlsxRows: SIZES.xlsx[0], log });
    const r = await compare(id, `${label}: satudata validate vs npm tableschema ${TS_VERSION}`,
      { name: 'satudata', args: validate(d.csv.path, d.schemaV2), okCodes: [0, 1], check: planted(d.csv, n, id), parse: summary },
      { name: 'tableschema', args: [join(LIB, 'tableschema-run.mjs'), rel(d.csv.path), rel(d.schemaV1), '0'], check: (x) => (JSON.parse(x.stdout.trim().split('\n').pop()).rows === n ? null : 'row count') },
      { kind: 'speedup', target: (busy) => (busy < QUIET_BUSY ? 8 : 4), rssTarget: 200, note });
    if (r.a.out && r.a.out.errors === 0) failures.push(`${r.id}: satudata found no errors`);
  };
  if (ONLY.has('csv')) {
    for (const n of SIZES.csv) {
      await csvRow(`csv-${n / 1000}k`, `CSV ${n.toLocaleString('en')} rows`, n, 'target 8× with the second core free (other work < 0.5 cores before every run of the row), 4× with it busy');
    }
    // the same 1M rows with the second core kept busy by other work (a spinning process): the 4× target
    const n = SIZES.csv[0];
    await ensureData(BENCH_DIR, { rows: n, xlsxRows: SIZES.xlsx[0], log }); // generated (if ever) before the load starts
    const stop = await keepCoreBusy();
    try {
      await csvRow(`csv-${n / 1000}k-busy`, `CSV ${n.toLocaleString('en')} rows, the second core kept busy by other work`, n,
        'one process spins on a core during the whole row (scripts/bench-lib/busy-core.mjs): target 4× with the second core busy (other work ≥ 0.5 cores; 8× if the probe found it free)');
    } finally {
      await stop();
    }
  }
  if (ONLY.has('xlsx')) {
    for (const n of SIZES.xlsx) {
      const d = await ensureData(BENCH_DIR, { rows: SIZES.csv[0], xlsxRows: n, log });
      await compare(`xlsx-${n / 1000}k`, `XLSX ${n.toLocaleString('en')} rows: satudata validate vs exceljs streaming read floor`,
        { name: 'satudata', args: validate(d.xlsx.path, d.schemaV2), okCodes: [0, 1], check: planted(d.xlsx, n, `xlsx-${n}`), parse: summary },
        { name: 'exceljs floor', args: [join(LIB, 'floor-xlsx.mjs'), rel(d.xlsx.path)] },
        { kind: 'speedup', target: n >= 300_000 || QUICK ? 2 : null, rssTarget: n >= 1_000_000 || QUICK ? 250 : undefined });
    }
  }
  if (ONLY.has('ref')) {
    for (const spread of [false, true]) {
      const ref = await ensureReferenceData(BENCH_DIR, SIZES.ref, { spread });
      const args = (std) => [CLI, 'validate', rel(ref.csv), '--schema', rel(std), '--format', 'json', '--max-errors', '100'];
      const clean = (x) => { const s = summary(x.stdout); return !s || s.unreadable ? 'no readable report' : s.errors !== 0 ? `${s.errors} errors on clean data` : null; };
      await compare(spread ? 'ref-all' : 'ref-ntb', `kode referensi, ${SIZES.ref.toLocaleString('en')} rows, ${spread ? 'codes of all Indonesia, spread' : 'NTB codes, consecutive'}: bound vs plain`,
        { name: 'with binding', args: args(ref.bound), okCodes: [0, 1], check: clean },
        { name: 'without', args: args(ref.plain), okCodes: [0, 1], check: clean },
        { kind: 'overhead', target: 0.15, rssTarget: 200 });
    }
  }
  if (ONLY.has('fix')) {
    const n = SIZES.fix;
    const d = await ensureData(BENCH_DIR, { rows: n, xlsxRows: SIZES.xlsx[0], log });
    const out = join(BENCH_DIR, 'out');
    mkdirSync(out, { recursive: true });
    // a command that is not streaming yet could take the machine's memory: its heap is capped at 2 GB
    const HEAP = '--max-old-space-size=2048';
    await single(`fix-${n / 1000}k`, `satudata fix, ${n.toLocaleString('en')}-row CSV`,
      { name: 'fix', args: [HEAP, CLI, 'fix', rel(d.csv.path), '--schema', rel(d.schemaV2), '--out', rel(join(out, 'fixed.csv')), '--format', 'json'], okCodes: [0, 1, 2] },
      { rssTarget: 300, note: 'memory bound of issue 13.4: fix streams, its RSS must stay ≤ 300 MB' });
    await single(`annotate-${n / 1000}k`, `satudata validate --annotate, ${n.toLocaleString('en')}-row CSV`,
      { name: 'annotate', args: [HEAP, ...validate(d.csv.path, d.schemaV2), '--annotate', rel(join(out, 'annotated.xlsx'))], okCodes: [0, 1] },
      { rssTarget: 300, note: 'memory bound of issue 13.4: --annotate streams, its RSS must stay ≤ 300 MB' });
    rmSync(out, { recursive: true, force: true });
  }

  // ── repo: repository mode, worker per file (h-repo, issue 15.3) ──────────────────────────────────────────
  if (ONLY.has('repo') || !process.env.BENCH_ONLY) {
    const shape = QUICK ? { files: 4, rows: 50_000 } : { files: 8, rows: 500_000 };
    const r = await ensureRepoData(BENCH_DIR, { ...shape, xlsxRows: SIZES.xlsx[0], log });
    const cmd = (...env) => [join(LIB, 'env-run.mjs'), ...env, '--', CLI, 'validate', rel(r.repo), '--format', 'json', '--max-errors', '1000'];
    const all = (x) => {
      try {
        const rep = JSON.parse(x.stdout);
        return rep.tables.length !== r.files ? `${rep.tables.length} tables, expected ${r.files}` : rep.stats.errors !== r.files * r.planted ? `found ${rep.stats.errors} errors, the generator planted ${r.files * r.planted}` : null;
      } catch {
        return 'no JSON report';
      }
    };
    const what = `repository of ${r.files} CSVs × ${shape.rows.toLocaleString('en')} rows (${(r.bytes / 1e6).toFixed(0)} MB each): worker per file`;
    const workers = { name: 'workers', args: cmd('SATUDATA_WORKERS=always'), okCodes: [1], check: all };
    await compare('repo', `${what} vs one thread`,
      workers,
      { name: 'one thread', args: cmd('SATUDATA_WORKERS=never', 'SATUDATA_SHARD=never'), okCodes: [1], check: all },
      { kind: 'speedup', target: (busy) => (busy < QUIET_BUSY ? 1.5 : 1), note: 'target 1.5× with the second core free (other work < 0.5 cores before every run of the row), no loss (≥ 1×) with it busy; one thread = SATUDATA_WORKERS=never SATUDATA_SHARD=never (files one after the other, none split)' });
    await compare('repo-split', `${what} vs file by file, each split over two threads`,
      workers,
      { name: 'file by file', args: cmd('SATUDATA_WORKERS=never', 'SATUDATA_SHARD=always'), okCodes: [1], check: all },
      { kind: 'speedup', target: 1, note: 'the other way to use two cores on these files: SATUDATA_WORKERS=never SATUDATA_SHARD=always (each file split); the worker per file must not lose to it (≥ 1×)' });
  }

  const text = report();
  const ended = new Date();
  process.stdout.write(`satudata benchmark ${started.toISOString()} → ${ended.toISOString()}\n` +
    `machine: ${machine.cpus} CPUs (${machine.model}), availableParallelism ${machine.parallelism}, node ${machine.node}; load average at start ${machine.loadAtStart.join(' ')}, at end ${loadavg().map((x) => x.toFixed(2)).join(' ')}\n` +
    `${ROUNDS} rounds per row, A and B alternating; medians (min–max); CPU = user + system of the child, all threads; A = satudata${QUICK ? '; QUICK sizes (development only)' : ''}\n\n` +
    text + '\n');
  if (anomalies.length) process.stdout.write(`\nAnomalies:\n${anomalies.map((a) => `  - ${a}`).join('\n')}\n`);
  if (failures.length) process.stdout.write(`\nFailures:\n${failures.map((a) => `  - ${a}`).join('\n')}\n`);
  process.stdout.write(`BENCH_JSON ${JSON.stringify({ started: started.toISOString(), machine, rounds: ROUNDS, quick: QUICK, rows, anomalies, failures })}\n`);
  process.exitCode = failures.length ? 1 : 0;
}

main().catch((err) => {
  log(`bench crashed: ${err?.stack ?? err}`);
  process.exit(1);
});
