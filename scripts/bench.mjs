#!/usr/bin/env node
/**
 * `npm run bench`: throughput and peak memory of `satudata validate` against floors and the npm tableschema.
 *
 *   A. CSV, BENCH_ROWS rows (default 1,000,000) × 10 columns, with a Table Schema:
 *      satudata validate  |  csv-parse parse-only floor  |  npm tableschema 1.x (v1 API) validating
 *   B. XLSX, BENCH_XLSX_ROWS rows (default 100,000) × 10 columns, same schema:
 *      satudata validate  |  exceljs streaming-read floor
 *   C. `satudata --help` wall time, median of 5 runs.
 *   D. Kode referensi overhead: BENCH_ROWS rows whose desa codes/names come from the real NTB desa list,
 *      validated with two standards that differ only by the region binding (target: ≤ 15% more time).
 *   E. Catalog load (ajv-checked) + header matching in a fresh process (target: ≤ 50 ms).
 *
 * Every measurement is its own child process (peak RSS per run). Inputs are generated deterministically into
 * .bench/ once per generator version. Uses the built CLI (dist/): run `npx tsc -p tsconfig.json` first.
 * Knobs: BENCH_ROWS, BENCH_XLSX_ROWS, BENCH_TS_ROWS (cap on the rows tableschema reads; default all),
 * BENCH_REPEAT (runs per measurement, default 1: the fastest wall and the highest peak RSS are reported),
 * BENCH_RSS=resourceUsage (peak RSS from the child's process.resourceUsage() even where /usr/bin/time exists).
 * Output: a table on stdout, then one `BENCH_JSON {...}` line. Exit 0 even when targets are missed; exit 1
 * when a measured command crashed or the sanity check (satudata finds the planted errors) fails.
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureData } from './bench-lib/gen.mjs';
import { TIME_BIN, lastJsonLine, median, runNode } from './bench-lib/run.mjs';
import { ensureReferenceData } from './bench-lib/reference.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_DIR = join(ROOT, '.bench');
const LIB = join(ROOT, 'scripts', 'bench-lib');
const CLI = join(ROOT, 'bin', 'satudata.js');
const TS_VERSION = createRequire(import.meta.url)('tableschema/package.json').version;
const TARGETS = { vsTableschema: 8, rssMB: 200, xlsxVsFloor: 0.8, helpSeconds: 0.3, referenceOverhead: 0.15, catalogMs: 50 };

function intEnv(name, dflt) {
  const v = process.env[name];
  if (v === undefined || v === '') return dflt;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 20) throw new Error(`${name} must be an integer ≥ 20, got "${v}"`);
  return n;
}
const ROWS = intEnv('BENCH_ROWS', 1_000_000);
const XLSX_ROWS = intEnv('BENCH_XLSX_ROWS', 100_000);
const TS_ROWS = Math.min(ROWS, intEnv('BENCH_TS_ROWS', ROWS));
const REPEAT = Math.max(1, Number(process.env.BENCH_REPEAT) || 1);

const log = (s) => process.stderr.write(`[bench] ${s}\n`);
const crashed = [];
const anomalies = [];
const results = {};

function newestMtime(dir) {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return max;
}

/**
 * Runs one measurement (BENCH_REPEAT times: fastest wall, highest peak RSS), records it under `key`, flags a
 * crash. `check(parsed, r)` returns a problem or null; it sees the first run's output only.
 */
async function measure(key, label, rows, args, { okCodes = [0], parse = lastJsonLine, check } = {}) {
  log(`${label} ...`);
  let res = null;
  for (let rep = 0; rep < REPEAT; rep++) {
    const r = await runNode(args, { cwd: BENCH_DIR });
    const parsed = parse(r.stdout);
    let problem = null;
    if (r.signal || !okCodes.includes(r.code)) problem = `exit ${r.signal ?? r.code}`;
    else if (!parsed) problem = 'no parsable output';
    else if (check && !res) problem = check(parsed, r);
    if (problem) {
      res = { label, rows, wall: r.wall, rowsPerSec: rows / r.wall, rssMB: r.rssMB, ok: false, out: parsed, problem };
      crashed.push(`${label}: ${problem}`);
      const tail = r.stderr.trim().split('\n').filter((l) => l.trim() && !/^\s+at /.test(l)).slice(-6).join('\n    ');
      log(`  FAILED (${problem})${tail ? `\n    ${tail}` : ''}`);
      break;
    }
    log(`  ${r.wall.toFixed(2)} s, ${fmtInt(rows / r.wall)} rows/s, ${fmtMB(r.rssMB)} MB`);
    const rss = res && r.rssMB !== null ? Math.max(res.rssMB ?? 0, r.rssMB) : (res?.rssMB ?? r.rssMB);
    if (!res || r.wall < res.wall) res = { label, rows, wall: r.wall, rowsPerSec: rows / r.wall, rssMB: rss, ok: true, out: res?.out ?? parsed };
    else res.rssMB = rss;
  }
  results[key] = res;
  return res;
}

/** satudata's JSON report → the numbers the bench uses. */
function satudataSummary(stdout) {
  try {
    const rep = JSON.parse(stdout);
    const t = rep.tables?.[0];
    if (!t) return null;
    const byType = {};
    for (const i of t.issues) byType[i.type] = (byType[i.type] ?? 0) + 1;
    return {
      errors: rep.stats.errors, warnings: rep.stats.warnings, infos: rep.stats.infos, reportSeconds: rep.stats.seconds,
      dataRows: t.stats.dataRows, unreadable: Boolean(t.unreadable), truncated: Boolean(t.truncated), issueTypes: byType,
    };
  } catch {
    return null;
  }
}

function checkSatudata(expected, expectedRows) {
  return (s) => {
    if (s.unreadable) return 'file reported unreadable';
    if (s.dataRows !== expectedRows) anomalies.push(`${expected.label}: satudata counted ${s.dataRows} data rows, expected ${expectedRows}`);
    const planted = expected.invalidCells + expected.duplicates;
    if (s.errors !== planted) {
      anomalies.push(`${expected.label}: satudata stats.errors = ${s.errors}, generator planted ${planted} ` +
        `(${expected.invalidCells} invalid cells + ${expected.duplicates} duplicate keys)`);
    }
    if (s.warnings > 0) anomalies.push(`${expected.label}: satudata reported ${s.warnings} warnings on generated data`);
    return null;
  };
}

const fmtInt = (n) => (n === null || n === undefined || !Number.isFinite(n) ? '-' : Math.round(n).toLocaleString('en'));
const fmtMB = (n) => (n === null || n === undefined ? '-' : n.toFixed(0));
const fmtX = (n) => (n === null || !Number.isFinite(n) ? '-' : `${n.toFixed(2)}×`);
const ratio = (a, b) => (a?.ok && b?.ok ? a.rowsPerSec / b.rowsPerSec : null);

function table(headers, rows) {
  const w = headers.map((h, c) => Math.max(h.length, ...rows.map((r) => String(r[c]).length)));
  const line = (r) => r.map((v, c) => (c === 0 ? String(v).padEnd(w[c]) : String(v).padStart(w[c]))).join('  ');
  return [line(headers), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

async function main() {
  const started = performance.now();
  if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
    log('dist/cli/main.js is missing: build first with `npx tsc -p tsconfig.json`');
    process.exit(1);
  }
  if (newestMtime(join(ROOT, 'src')) > newestMtime(join(ROOT, 'dist'))) {
    anomalies.push('dist/ is older than src/: the numbers are for the last build (run `npx tsc -p tsconfig.json`)');
    log(anomalies.at(-1));
  }
  mkdirSync(BENCH_DIR, { recursive: true });
  const data = await ensureData(BENCH_DIR, { rows: ROWS, xlsxRows: XLSX_ROWS, log });
  const rel = (p) => relative(BENCH_DIR, p);
  const labels = { csv: 'CSV', xlsx: 'XLSX' };

  // A. CSV
  const satudataArgs = (file) => [CLI, 'validate', rel(file), '--schema', rel(data.schemaV2), '--format', 'json', '--max-errors', '1000'];
  const aSat = await measure('csvSatudata', 'A1 satudata validate (CSV)', ROWS, satudataArgs(data.csv.path), {
    okCodes: [0, 1], parse: satudataSummary, check: checkSatudata({ ...data.csv, label: labels.csv }, ROWS),
  });
  let sanityFailed = false;
  if (aSat.ok && !(aSat.out.errors > 0)) {
    sanityFailed = true;
    log(`SANITY FAILED: satudata found ${aSat.out.errors} errors in the CSV, the generator planted ` +
      `${data.csv.invalidCells} invalid cells and ${data.csv.duplicates} duplicate keys`);
  }
  await measure('csvParseFloor', 'A2 csv-parse floor (parse only)', ROWS, [join(LIB, 'floor-csv.mjs'), rel(data.csv.path)], {
    check: (o) => (o.dataRows === ROWS ? null : `counted ${o.dataRows} data rows, expected ${ROWS}`),
  });
  const tsArgs = [join(LIB, 'tableschema-run.mjs'), rel(data.csv.path), rel(data.schemaV1), String(TS_ROWS < ROWS ? TS_ROWS : 0)];
  await measure('csvTableschema', `A3 npm tableschema ${TS_VERSION}${TS_ROWS < ROWS ? ` (first ${fmtInt(TS_ROWS)} rows)` : ''}`, TS_ROWS, tsArgs, {
    check: (o) => (o.rows === TS_ROWS ? null : `read ${o.rows} rows, expected ${TS_ROWS}`),
  });

  // B. XLSX
  await measure('xlsxSatudata', 'B1 satudata validate (XLSX)', XLSX_ROWS, satudataArgs(data.xlsx.path), {
    okCodes: [0, 1], parse: satudataSummary, check: checkSatudata({ ...data.xlsx, label: labels.xlsx }, XLSX_ROWS),
  });
  if (results.xlsxSatudata.ok && !(results.xlsxSatudata.out.errors > 0)) {
    anomalies.push('XLSX: satudata found no errors although the generator planted some');
  }
  await measure('xlsxFloor', 'B2 exceljs streaming read floor', XLSX_ROWS, [join(LIB, 'floor-xlsx.mjs'), rel(data.xlsx.path)], {
    check: (o) => (o.dataRows === XLSX_ROWS ? null : `read ${o.dataRows} data rows, expected ${XLSX_ROWS}`),
  });

  // C. --help
  log('C  satudata --help x5 ...');
  await runNode([CLI, '--help'], { cwd: ROOT, measureRss: false }); // warm the file cache
  const helpRuns = [];
  for (let i = 0; i < 5; i++) {
    const r = await runNode([CLI, '--help'], { cwd: ROOT, measureRss: false });
    if (r.code !== 0 || !r.stdout.includes('validate')) {
      crashed.push(`C satudata --help: exit ${r.signal ?? r.code}`);
      break;
    }
    helpRuns.push(r.wall);
  }
  const helpMedian = helpRuns.length === 5 ? median(helpRuns) : null;

  // D. reference checks overhead (same file, standards with and without the region binding)
  log('D  generating the desa reference file ...');
  const ref = await ensureReferenceData(BENCH_DIR, ROWS);
  const refArgs = (std) => [CLI, 'validate', rel(ref.csv), '--schema', rel(std), '--format', 'json', '--max-errors', '100'];
  const refCheck = (s) => (s.unreadable ? 'file reported unreadable' : s.errors !== 0 ? `${s.errors} errors on clean data` : null);
  await measure('refPlain', 'D1 satudata, standard without binding', ROWS, refArgs(ref.plain), { okCodes: [0, 1], parse: satudataSummary, check: refCheck });
  await measure('refBound', 'D2 satudata, with kode referensi (desa)', ROWS, refArgs(ref.bound), { okCodes: [0, 1], parse: satudataSummary, check: refCheck });

  // E. catalog load + header match
  log('E  catalog load + header match x5 ...');
  const catalogRuns = [];
  for (let i = 0; i < 5; i++) {
    const r = await runNode([join(LIB, 'catalog-time.mjs')], { cwd: ROOT, measureRss: false });
    const o = lastJsonLine(r.stdout);
    if (r.code !== 0 || !o) {
      crashed.push(`E catalog load: exit ${r.signal ?? r.code}`);
      break;
    }
    catalogRuns.push(o.ms);
  }
  const catalogMs = catalogRuns.length === 5 ? median(catalogRuns) : null;

  // Report
  const R = results;
  const rowsOf = (r) => [r.label, fmtInt(r.rows), r.wall.toFixed(2), r.ok ? fmtInt(r.rowsPerSec) : 'FAILED', fmtMB(r.rssMB),
    r.ok ? (r.out.errors ?? '') : r.problem];
  const ratios = {
    satudataVsTableschema: ratio(R.csvSatudata, R.csvTableschema),
    satudataVsCsvParse: ratio(R.csvSatudata, R.csvParseFloor),
    xlsxSatudataVsFloor: ratio(R.xlsxSatudata, R.xlsxFloor),
    referenceOverhead: R.refPlain?.ok && R.refBound?.ok ? R.refBound.wall / R.refPlain.wall - 1 : null,
  };
  const verdict = (ok) => (ok === null ? 'n/a' : ok ? 'ok' : 'MISSED');
  const pass = {
    satudataVsTableschema: ratios.satudataVsTableschema === null ? null : ratios.satudataVsTableschema >= TARGETS.vsTableschema,
    satudataRss: R.csvSatudata.rssMB === null ? null : R.csvSatudata.rssMB <= TARGETS.rssMB,
    xlsxSatudataVsFloor: ratios.xlsxSatudataVsFloor === null ? null : ratios.xlsxSatudataVsFloor >= TARGETS.xlsxVsFloor,
    help: helpMedian === null ? null : helpMedian <= TARGETS.helpSeconds,
    referenceOverhead: ratios.referenceOverhead === null ? null : ratios.referenceOverhead <= TARGETS.referenceOverhead,
    catalog: catalogMs === null ? null : catalogMs <= TARGETS.catalogMs,
  };

  const out = [];
  out.push('', `satudata bench: ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}, ` +
    `peak RSS via ${TIME_BIN ? '/usr/bin/time -f %M' : 'process.resourceUsage().maxRSS'}` +
    (REPEAT > 1 ? `, best of ${REPEAT} runs` : ''));
  out.push(`inputs: ${relative(ROOT, data.csv.path)} (${(data.csv.bytes / 1e6).toFixed(1)} MB, ${data.csv.invalidCells} invalid cells, ` +
    `${data.csv.duplicates} duplicate keys), ${relative(ROOT, data.xlsx.path)} (${(data.xlsx.bytes / 1e6).toFixed(1)} MB, ` +
    `${data.xlsx.invalidCells} invalid cells, ${data.xlsx.duplicates} duplicate keys)`, '');
  out.push(table(['measurement', 'rows', 'wall s', 'rows/s', 'peak RSS MB', 'errors found'], [
    rowsOf(R.csvSatudata), rowsOf(R.csvParseFloor), rowsOf(R.csvTableschema), rowsOf(R.xlsxSatudata), rowsOf(R.xlsxFloor),
    ['C  satudata --help (median of 5)', '', helpMedian === null ? 'FAILED' : helpMedian.toFixed(3), '', '', ''],
    rowsOf(R.refPlain), rowsOf(R.refBound),
    ['E  catalog load + match (median of 5, ms)', '', catalogMs === null ? 'FAILED' : catalogMs.toFixed(1), '', '', ''],
  ]));
  out.push('', table(['ratio', 'value', 'target', 'verdict'], [
    ['satudata ÷ tableschema (CSV rows/s)', fmtX(ratios.satudataVsTableschema), `≥ ${TARGETS.vsTableschema}×`, verdict(pass.satudataVsTableschema)],
    ['satudata ÷ csv-parse floor (CSV rows/s)', fmtX(ratios.satudataVsCsvParse), '(info)', ''],
    ['satudata peak RSS, CSV (MB)', fmtMB(R.csvSatudata.rssMB), `≤ ${TARGETS.rssMB}`, verdict(pass.satudataRss)],
    ['satudata ÷ exceljs floor (XLSX rows/s)', fmtX(ratios.xlsxSatudataVsFloor), `≥ ${TARGETS.xlsxVsFloor}×`, verdict(pass.xlsxSatudataVsFloor)],
    ['satudata --help median (s)', helpMedian === null ? '-' : helpMedian.toFixed(3), `≤ ${TARGETS.helpSeconds}`, verdict(pass.help)],
    ['kode referensi overhead (D2 ÷ D1 − 1)', ratios.referenceOverhead === null ? '-' : `${(ratios.referenceOverhead * 100).toFixed(1)}%`, `≤ ${TARGETS.referenceOverhead * 100}%`, verdict(pass.referenceOverhead)],
    ['catalog load + header match (ms)', catalogMs === null ? '-' : catalogMs.toFixed(1), `≤ ${TARGETS.catalogMs}`, verdict(pass.catalog)],
  ]));
  if (TS_ROWS < ROWS) out.push('', `note: tableschema read only the first ${fmtInt(TS_ROWS)} rows (BENCH_TS_ROWS); its rows/s is still comparable.`);
  out.push('', 'note: tableschema is given delimiter "," because its sniffer picks "." on this data (the dots in kode_wilayah).');
  out.push('note: "errors found" = satudata stats.errors / tableschema errors (cast + constraint + unique).');
  if (sanityFailed) out.push('', 'SANITY FAILED: satudata validation counted no errors in the CSV although the generator planted some.');
  if (anomalies.length) out.push('', 'anomalies:', ...anomalies.map((a) => `  - ${a}`));
  if (crashed.length) out.push('', 'CRASHED:', ...crashed.map((c) => `  - ${c}`));
  const totalSeconds = (performance.now() - started) / 1000;
  out.push('', `total bench time ${totalSeconds.toFixed(1)} s`);
  process.stdout.write(out.join('\n') + '\n');

  const pick = (r) => r && { rows: r.rows, wallSeconds: +r.wall.toFixed(3), rowsPerSec: Math.round(r.rowsPerSec), peakRssMB: r.rssMB === null ? null : +r.rssMB.toFixed(1), ok: r.ok, ...(r.problem ? { problem: r.problem } : {}), output: r.out };
  const json = {
    node: process.version, cpus: cpus().length, repeat: REPEAT, rssSource: TIME_BIN ? 'time' : 'resourceUsage',
    inputs: { csv: { ...data.csv, path: relative(ROOT, data.csv.path) }, xlsx: { ...data.xlsx, path: relative(ROOT, data.xlsx.path) } },
    csv: { satudata: pick(R.csvSatudata), csvParseFloor: pick(R.csvParseFloor), tableschema: pick(R.csvTableschema) },
    xlsx: { satudata: pick(R.xlsxSatudata), exceljsFloor: pick(R.xlsxFloor) },
    help: { runs: helpRuns.map((s) => +s.toFixed(3)), medianSeconds: helpMedian === null ? null : +helpMedian.toFixed(3) },
    reference: { plain: pick(R.refPlain), bound: pick(R.refBound) },
    catalog: { runsMs: catalogRuns.map((x) => +x.toFixed(1)), medianMs: catalogMs === null ? null : +catalogMs.toFixed(1) },
    ratios: Object.fromEntries(Object.entries(ratios).map(([k, v]) => [k, v === null ? null : +v.toFixed(3)])),
    targets: TARGETS, targetsMet: pass, sanityFailed, anomalies, crashed, totalSeconds: +totalSeconds.toFixed(1),
  };
  process.stdout.write(`BENCH_JSON ${JSON.stringify(json)}\n`);
  process.exitCode = crashed.length || sanityFailed ? 1 : 0;
}

main().catch((err) => {
  process.stderr.write(`[bench] failed: ${err?.stack ?? err}\n`);
  process.exit(1);
});
