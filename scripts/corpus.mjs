#!/usr/bin/env node
// Conformance run on real government files: validates every file in ../shared/corpus/MANIFEST.csv with the
// built CLI (every sheet of a workbook: the MANIFEST describes whole files) and fails on a crash, a stack trace, a
// timeout, an exit code other than 0/1, a defect tag the MANIFEST names that the report does not mention, or any
// warning or error on a file tagged `clean`. It also scores each report against the expected findings of an expert
// reading (scripts/corpus-expected/<file>.json) and prints recall and precision; those figures are targets, not gates
// (docs/conformance.md). Skips cleanly when the corpus folder is absent.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describePlace, loadExpected, percent, scoreReport } from './corpus-score.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(process.env.SATUDATA_CORPUS ?? join(root, '..', 'shared', 'corpus'));
const manifest = join(corpus, 'MANIFEST.csv');
if (!existsSync(manifest)) {
  console.log(`corpus: ${corpus} not found — conformance run skipped`);
  process.exit(0);
}

// Which issue codes count as "mentioning" each MANIFEST tag (see TAGS.md).
const TAG_CODES = {
  'title-rows': ['title-row'],
  'multirow-header': ['multirow-header'],
  'merged-cells': ['merged-cells'],
  'total-row': ['total-row', 'total-column'],
  'footnote-rows': ['footnote-row'],
  'blank-rows': ['blank-row'],
  'decimal-comma': ['decimal-comma', 'number-style'],
  'thousand-dots': ['thousand-dots', 'number-style'],
  'ambiguous-number': ['ambiguous-number'],
  'number-as-text': ['number-as-text'],
  'code-as-float': ['code-as-float'],
  'code-glued-to-name': ['code-glued-to-name'],
  'missing-marker': ['missing-marker'],
  'html-as-xls': ['html-as-xls'],
  'legacy-xls': ['legacy-xls'],
  bom: ['bom'],
  'semicolon-delimiter': ['csv-delimiter'],
  cp1252: ['encoding-cp1252'],
  'no-final-newline': ['no-final-newline'],
  'empty-data': ['empty-data'],
  'wide-layout': ['wide-layout'],
  'unit-in-header': ['unit-in-header'],
  'html-in-cells': ['html-in-cells'],
  'us-date': ['us-date'],
  'currency-string': ['currency-string'],
};
// Found only with a standard or a reference (TAGS.md): checked when the file is validated against one.
const STANDARD_ONLY = new Set(['schema-drift', 'bps-codes', 'name-only-regions', 'partial-coverage']);

const bin = join(root, 'bin', 'satudata.js');
const expectedDir = join(root, 'scripts', 'corpus-expected');
// Misses and noise lines shown per file; SATUDATA_CORPUS_VERBOSE=1 shows them all.
const SHOW = process.env.SATUDATA_CORPUS_VERBOSE ? Infinity : 12;
const total = { required: 0, requiredFound: 0, aggregates: 0, aggregatesFound: 0, lines: 0, linesRight: 0, strongLines: 0, strongRight: 0, cleanAboveInfo: 0, scored: 0 };
const rows = parse(readFileSync(manifest), { columns: true, skip_empty_lines: true });
let passed = 0;
let failed = 0;
const started = Date.now();
for (const row of rows) {
  const file = join(corpus, row.file);
  const tags = (row.defect_tags ?? '').split(';').filter(Boolean);
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [bin, 'validate', file, '--sheet', 'all', '--format', 'json', '--max-errors', '5000'], {
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Date.now() - t0;
  const problems = [];
  if (r.error) problems.push(r.error.code === 'ETIMEDOUT' ? 'timeout (60 s)' : `spawn: ${r.error.message}`);
  if (r.status !== 0 && r.status !== 1) problems.push(`exit ${r.status}`);
  if (/\n\s+at .+:\d+:\d+/.test(`${r.stdout}\n${r.stderr}`)) problems.push('stack trace in output');
  let codes = new Set();
  let report;
  try {
    report = JSON.parse(r.stdout);
    for (const t of report.tables) for (const i of t.issues) codes.add(i.type);
  } catch {
    problems.push('no JSON report');
  }
  const missing = [];
  for (const tag of tags) {
    if (tag === 'clean') {
      const above = report ? report.stats.errors + report.stats.warnings : 0;
      total.cleanAboveInfo += above;
      if (above > 0) problems.push(`clean file has ${report.stats.errors} errors and ${report.stats.warnings} warnings`);
      continue;
    }
    if (STANDARD_ONLY.has(tag)) continue;
    const want = TAG_CODES[tag];
    if (!want) problems.push(`unknown tag ${tag}`);
    else if (!want.some((c) => codes.has(c))) missing.push(tag);
  }
  if (missing.length) problems.push(`not reported: ${missing.join(', ')}`);
  const checked = tags.filter((t) => !STANDARD_ONLY.has(t));
  const skipped = tags.filter((t) => STANDARD_ONLY.has(t));
  const status = problems.length ? 'FAIL' : 'ok  ';
  if (problems.length) failed++;
  else passed++;
  console.log(`${status} ${row.file.slice(0, 60).padEnd(60)} exit=${r.status} ${String(ms).padStart(5)} ms  tags=${checked.join(',') || '-'}${skipped.length ? ` (with a standard: ${skipped.join(',')})` : ''}${problems.length ? `\n     ${problems.join('; ')}` : ''}`);
  const expected = loadExpected(expectedDir, row.file);
  if (!expected) console.log('     no expected findings (scripts/corpus-expected): not scored');
  else if (report) printScore(scoreReport(expected, report));
}

function printScore(s) {
  for (const k of ['required', 'requiredFound', 'aggregates', 'aggregatesFound', 'lines', 'linesRight', 'strongLines', 'strongRight']) total[k] += s[k];
  total.scored++;
  console.log(`     found ${s.requiredFound}/${s.required} expected, ${s.linesRight}/${s.lines} lines right`);
  const list = (label, items, show) => {
    if (!items.length) return;
    const shown = items.slice(0, SHOW).map(show).join('; ');
    console.log(`     ${label}: ${shown}${items.length > SHOW ? `; … and ${items.length - SHOW} more` : ''}`);
  };
  list('missed', s.missed, (f) => `${f.code} ${f.standard ? f.standard.join('|') : describePlace(f)}`);
  list('noise', s.noise, (l) => `${l.type}/${l.severity} ${describePlace(l)}`);
}

console.log(`\ncorpus: recall ${percent(total.requiredFound, total.required)} (${total.requiredFound}/${total.required}), precision ${percent(total.linesRight, total.lines)} (${total.linesRight}/${total.lines}), precision warning+error ${percent(total.strongRight, total.strongLines)} (${total.strongRight}/${total.strongLines}) over ${total.scored} files`);
console.log(`corpus: recall on aggregates and derived values ${percent(total.aggregatesFound, total.aggregates)} (${total.aggregatesFound}/${total.aggregates})`);
console.log(`corpus: issues above info on clean files: ${total.cleanAboveInfo}`);
console.log(`corpus: ${rows.length} files in ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`corpus: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
